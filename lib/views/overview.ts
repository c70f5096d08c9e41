import { checkById } from '../checks/registry';
import type { Severity, Topic } from '../checks/types';
import { appsWorstFirst } from '../report/render-support';
import type { Report, RollupRow } from '../report/types';
import type { Grade, Verdict } from '../scoring/score';
import type { InputNote, ScanError } from '../snapshot/types';
import { NO_TEAM } from './app-filters';
import { scopeReport } from './scope';

export interface NamespaceRollup extends RollupRow {
  cluster: string;
  namespace: string;
}

export interface FailingCheckRow {
  check: string;
  title: string;
  topic: Topic;
  /** The worst severity it fails with. */
  severity: Severity;
  apps: number;
}

export interface WorstAppRow {
  id: string;
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  verdict: Verdict;
  score: number | null;
  grade: Grade | null;
  criticals: number;
  reason: string;
}

/** The overview page's data for the fleet or one cluster: plain, ready to render. */
export interface Overview {
  cluster: string | null;
  clusters: string[];
  source: Report['source'];
  finishedAt: string;
  summary: Report['summary'];
  namespaces: NamespaceRollup[];
  teams: RollupRow[];
  failingChecks: FailingCheckRow[];
  worstApps: WorstAppRow[];
  errors: ScanError[];
  notes: InputNote[];
  /** Apps whose verdict is Unknown, by the reason the scan gives. */
  unknown: { reason: string; apps: number }[];
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export function overviewOf(report: Report, cluster: string | null, limits = { checks: 10, apps: 10 }): Overview {
  const r = cluster ? scopeReport(report, { type: 'cluster', cluster }) : report;
  const namespaces: NamespaceRollup[] = r.rollups.namespaces.map((row) => {
    const slash = row.key.indexOf('/');
    const fromManifests = r.source.type === 'manifests' || slash < 0;
    return { ...row, cluster: fromManifests ? '-' : row.key.slice(0, slash), namespace: fromManifests ? row.key : row.key.slice(slash + 1) };
  });
  const failing = new Map<string, FailingCheckRow>();
  const unknown = new Map<string, number>();
  for (const a of r.apps) {
    const seen = new Set<string>();
    for (const f of a.findings) {
      if (f.status !== 'fail') continue;
      const row = failing.get(f.check) ?? { check: f.check, title: checkById(f.check)?.title ?? f.check, topic: f.topic, severity: f.severity, apps: 0 };
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[row.severity]) row.severity = f.severity;
      if (!seen.has(f.check)) {
        row.apps++;
        seen.add(f.check);
      }
      failing.set(f.check, row);
    }
    if (a.verdict === 'unknown') unknown.set(a.verdictReason, (unknown.get(a.verdictReason) ?? 0) + 1);
  }
  const worst = appsWorstFirst(r.apps.filter((a) => a.verdict !== 'ready')).slice(0, limits.apps);
  return {
    cluster,
    clusters: report.source.type === 'cluster' ? [...report.source.clusters] : [],
    source: r.source,
    finishedAt: r.finishedAt,
    summary: r.summary,
    namespaces,
    teams: r.rollups.teams,
    failingChecks: [...failing.values()].sort((a, b) => b.apps - a.apps || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.check.localeCompare(b.check)).slice(0, limits.checks),
    worstApps: worst.map((a) => ({
      id: a.id,
      cluster: a.cluster,
      namespace: a.namespace,
      kind: a.kind,
      name: a.name,
      verdict: a.verdict,
      score: a.score,
      grade: a.grade,
      criticals: a.findings.filter((f) => f.status === 'fail' && f.severity === 'critical').length,
      reason: a.verdictReason,
    })),
    errors: r.errors,
    notes: r.notes,
    unknown: [...unknown.entries()].map(([reason, apps]) => ({ reason, apps })).sort((a, b) => b.apps - a.apps),
  };
}

export { NO_TEAM };
