import { TOPICS, type Topic } from '../checks/types';
import type { QosClass } from '../facts/qos';
import type { FleetApp, FleetReport } from '../fleet/types';
import type { AppReport, Report } from '../report/types';
import type { Grade, Verdict } from '../scoring/score';
import { fleetAppView, type FleetAppView } from './fleet-view';
import { rolloutTimeline, type RolloutObservation, type RolloutTimelineData } from './fleet-rollout';

/**
 * What the scorecard's "Clusters" and "Roll-out" views get for one app (GET /api/fleet/app):
 * the fleet app it belongs to, each member's scores side by side, and the roll-out over the stored
 * scans. `fleet: null` when the app runs in one cluster only (or the scan saw one cluster).
 */
export interface MemberScores {
  cluster: string;
  appId: string;
  verdict: Verdict;
  score: number | null;
  grade: Grade | null;
  qosClass: QosClass;
  topics: Record<Topic, number | null>;
  /** Checks failing (unexempted) on this member. */
  failing: string[];
}

export interface FleetAppData {
  appId: string;
  fleet: FleetAppView | null;
  members: MemberScores[];
  /** Checks that fail in some members but not all: where the clusters differ. */
  differing: string[];
  rollout: RolloutTimelineData | null;
  /** Why the roll-out history is missing (no store, one scan). */
  rolloutNote: string | null;
}

export function fleetAppOf(fleet: FleetReport | undefined, appId: string): FleetApp | null {
  return fleet?.apps.find((a) => a.members.some((m) => m.appId === appId)) ?? null;
}

function scoresOf(a: AppReport): MemberScores {
  return {
    cluster: a.cluster,
    appId: a.id,
    verdict: a.verdict,
    score: a.score,
    grade: a.grade,
    qosClass: a.qosClass,
    topics: Object.fromEntries(TOPICS.map((t) => [t, a.topics[t]?.score ?? null])) as Record<Topic, number | null>,
    failing: [...new Set(a.findings.filter((f) => f.status === 'fail').map((f) => f.check))].sort(),
  };
}

export function fleetAppData(report: Pick<Report, 'apps' | 'fleet' | 'scanId' | 'finishedAt'>, appId: string, history: RolloutObservation[] | null): FleetAppData {
  const app = report.fleet ? fleetAppOf(report.fleet, appId) : null;
  if (!app || !report.fleet) return { appId, fleet: null, members: [], differing: [], rollout: null, rolloutNote: null };
  const byId = new Map(report.apps.map((a) => [a.id, a]));
  const view = fleetAppView(app, report.fleet, byId);
  const members = app.members.map((m) => byId.get(m.appId)).filter((a): a is AppReport => !!a).map(scoresOf);
  const all = new Set(members.flatMap((m) => m.failing));
  const differing = [...all].filter((c) => members.some((m) => !m.failing.includes(c))).sort();
  // The roll-out up to the scan being looked at; that scan itself is always a point, stored yet or not.
  const stored = (history ?? []).filter((o) => o.at <= report.finishedAt && o.scanId !== report.scanId);
  const current: RolloutObservation[] = app.members.map((m) => ({ scanId: report.scanId, at: report.finishedAt, cluster: m.cluster, images: m.images, revision: m.revision }));
  const rollout = rolloutTimeline([...stored, ...current], { clusters: app.members.map((m) => m.cluster), newest: app.newest?.images ?? null });
  const rolloutNote =
    history === null
      ? 'No scan history is stored, so only the current versions are known.'
      : rollout.scans.length < 2
        ? 'One scan so far: every later scan adds a point, and version changes show up as the roll-out moves from cluster to cluster.'
        : null;
  return { appId, fleet: view, members, differing, rollout, rolloutNote };
}
