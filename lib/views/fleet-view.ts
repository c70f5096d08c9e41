import type { Finding, FindingStatus, Severity } from '../checks/types';
import type { ClusterCapacity, FleetApp, FleetMember, FleetReport, ImageSet } from '../fleet/types';
import type { AppReport, Report } from '../report/types';
import type { Verdict } from '../scoring/score';
import type { AppKey } from './hrefs';

/**
 * What the fleet page shows, from the report's `fleet` section (lib/fleet/types.ts): capacity per
 * cluster, and per fleet app its replicas against capacity, the recommendation, the finding that
 * flags a skew, and which cluster runs which version. Pure: the page and tests share it.
 */
export const CAPACITY_SKEW_CHECK = 'fleet-capacity-skew';
export const VERSION_SKEW_CHECK = 'fleet-version-skew';
/** checks.md: replica shares far (> 2×) from the clusters' allocatable-CPU shares. */
export const SKEW_LIMIT = 2;

const GIB = 1024 ** 3;

export interface CapacityRow {
  cluster: string;
  nodes: number;
  schedulableNodes: number;
  /** Cores. */
  cpu: { allocatable: number; requested: number; free: number };
  /** GiB. */
  memory: { allocatable: number; requested: number; free: number };
  cpuShare: number | null;
  memoryShare: number | null;
  freeCpuShare: number | null;
  unknown: string | null;
}

/**
 * Capacity per cluster. A cluster whose capacity is unknown (not scanned, nodes unreadable) makes
 * the report's fleet-wide shares null; the chart then shows the shares among the clusters whose
 * capacity is known, so one unreachable cluster does not blank the others.
 */
export function capacityRows(fleet: FleetReport): CapacityRow[] {
  const known = fleet.clusters.filter((c) => !c.unknown);
  const sum = (f: (c: ClusterCapacity) => number) => known.reduce((n, c) => n + f(c), 0);
  const cpuTotal = sum((c) => c.allocatable.cpuMillis);
  const memTotal = sum((c) => c.allocatable.memoryBytes);
  const freeTotal = sum((c) => c.free.cpuMillis);
  const derive = (share: number | null, c: ClusterCapacity, part: number, total: number) => (share !== null ? share : c.unknown || !total ? null : part / total);
  return fleet.clusters.map((c: ClusterCapacity) => ({
    cluster: c.cluster,
    nodes: c.nodes,
    schedulableNodes: c.schedulableNodes,
    cpu: { allocatable: c.allocatable.cpuMillis / 1000, requested: c.requested.cpuMillis / 1000, free: c.free.cpuMillis / 1000 },
    memory: { allocatable: c.allocatable.memoryBytes / GIB, requested: c.requested.memoryBytes / GIB, free: c.free.memoryBytes / GIB },
    cpuShare: derive(c.cpuShare, c, c.allocatable.cpuMillis, cpuTotal),
    memoryShare: derive(c.memoryShare, c, c.allocatable.memoryBytes, memTotal),
    freeCpuShare: derive(c.freeCpuShare, c, c.free.cpuMillis, freeTotal),
    unknown: c.unknown ?? null,
  }));
}

export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const pct = share * 100;
  return `${pct >= 10 || pct === 0 ? Math.round(pct) : pct.toFixed(1)} %`;
}

export function formatAmount(n: number, unit: string): string {
  const v = n >= 100 ? Math.round(n) : n >= 10 ? Math.round(n * 10) / 10 : Math.round(n * 100) / 100;
  return `${v.toLocaleString('en-US')} ${unit}`;
}

/** The short name of an image for tables: the last path segment with its tag ("checkout:2.9.0"). */
export function shortImage(image: string): string {
  const noDigest = image.includes('@') ? `${image.split('@')[0]}@${image.split('@')[1]!.slice(0, 14)}` : image;
  return noDigest.slice(noDigest.lastIndexOf('/') + 1);
}

/** A version as people read it: one container → its image; several → "name: image" pairs. */
export function versionLabel(images: ImageSet | null | undefined): string {
  const entries = Object.entries(images ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!entries.length) return 'unknown';
  if (entries.length === 1) return shortImage(entries[0]![1]);
  return entries.map(([c, i]) => `${c}: ${shortImage(i)}`).join(', ');
}

/** A stable identity of an image set (container order does not matter). */
export function versionKey(images: ImageSet | null | undefined): string {
  return Object.entries(images ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([c, i]) => `${c}=${i}`)
    .join('\n');
}

/** The scorecard anchor of a finding (same rule as components/scorecard/finding-card). */
export function findingAnchorOf(f: { check: string; container: string | null }): string {
  return `finding-${f.check}${f.container ? `-${f.container}` : ''}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

export interface MemberFinding {
  check: string;
  status: FindingStatus;
  severity: Severity;
  message: string;
  anchor: string;
  /** A patch can be downloaded for it (a fix with a patch, not advice). */
  patchable: boolean;
}

export interface FleetMemberView {
  cluster: string;
  appId: string;
  app: AppKey;
  verdict: Verdict | null;
  replicas: number | null;
  readyReplicas: number | null;
  hpa: FleetMember['hpa'];
  replicaShare: number | null;
  cpuShare: number | null;
  recommended: number | null;
  recommendedShare: number | null;
  /** max(replicaShare/cpuShare, cpuShare/replicaShare) of this member; null when unknown. */
  ratio: number | null;
  overLimit: boolean;
  capacityFinding: MemberFinding | null;
  versionFinding: MemberFinding | null;
  version: string;
  images: ImageSet;
  revision: number | null;
  behindBy: number | null;
  runsNewest: boolean;
  rollback: { revision: number; version: string } | null;
  rollbackReason: string | null;
}

export interface FleetAppView {
  key: string;
  name: string;
  namespace: string;
  kind: string;
  matchedBy: FleetApp['matchedBy'];
  totalReplicas: number | null;
  recommendedTotal: number | null;
  skew: number | null;
  skewReason: string | null;
  /** The capacity-skew check fails on a member (or, without findings, the skew is over the limit). */
  capacitySkewed: boolean;
  versionsDiffer: boolean;
  newest: { version: string; clusters: string[] } | null;
  members: FleetMemberView[];
}

function memberFinding(app: AppReport | undefined, check: string): MemberFinding | null {
  const f: Finding | undefined = app?.findings.find((x) => x.check === check && x.status === 'fail') ?? app?.findings.find((x) => x.check === check);
  if (!f) return null;
  return { check, status: f.status, severity: f.severity, message: f.message, anchor: findingAnchorOf(f), patchable: f.status === 'fail' && !!f.fix && f.fix.kind !== 'advice' };
}

export function fleetAppView(app: FleetApp, fleet: FleetReport, byId: Map<string, AppReport>): FleetAppView {
  const shares = new Map(fleet.clusters.map((c) => [c.cluster, c.cpuShare]));
  const recs = new Map((app.recommended ?? []).map((r) => [r.cluster, r.replicas]));
  const recommendedTotal = app.recommended ? app.recommended.reduce((n, r) => n + r.replicas, 0) : null;
  const newestKey = app.newest ? versionKey(app.newest.images) : null;
  const members = app.members.map((m): FleetMemberView => {
    const report = byId.get(m.appId);
    // Compared against the share among the clusters that run the app (an app absent from a
    // cluster does not owe it replicas); the fleet-wide share when that is not given.
    const cpuShare = m.capacityShare !== undefined ? m.capacityShare : (shares.get(m.cluster) ?? null);
    const ratio = m.replicaShare !== null && cpuShare ? (m.replicaShare === 0 ? Infinity : Math.max(m.replicaShare / cpuShare, cpuShare / m.replicaShare)) : null;
    const recommended = recs.get(m.cluster) ?? null;
    return {
      cluster: m.cluster,
      appId: m.appId,
      app: { cluster: m.cluster, namespace: m.namespace, kind: m.kind, name: m.name },
      verdict: report?.verdict ?? null,
      replicas: m.replicas,
      readyReplicas: m.readyReplicas,
      hpa: m.hpa,
      replicaShare: m.replicaShare,
      cpuShare,
      recommended,
      recommendedShare: recommended !== null && recommendedTotal ? recommended / recommendedTotal : null,
      ratio,
      overLimit: ratio !== null && ratio > SKEW_LIMIT,
      capacityFinding: memberFinding(report, CAPACITY_SKEW_CHECK),
      versionFinding: memberFinding(report, VERSION_SKEW_CHECK),
      version: versionLabel(m.images),
      images: m.images,
      revision: m.revision,
      behindBy: m.behindBy,
      runsNewest: newestKey !== null ? versionKey(m.images) === newestKey : m.behindBy === 0,
      rollback: m.rollback ? { revision: m.rollback.revision, version: versionLabel(m.rollback.images) } : null,
      rollbackReason: m.rollbackReason ?? null,
    };
  });
  const withFindings = members.filter((m) => m.capacityFinding);
  const first = app.members[0];
  return {
    key: app.key,
    name: app.name,
    namespace: first?.namespace ?? '',
    kind: first?.kind ?? '',
    matchedBy: app.matchedBy,
    totalReplicas: app.totalReplicas,
    recommendedTotal,
    skew: app.skew,
    skewReason: app.skewReason ?? null,
    capacitySkewed: withFindings.length ? withFindings.some((m) => m.capacityFinding!.status === 'fail') : app.skew !== null && app.skew > SKEW_LIMIT,
    versionsDiffer: app.versionsDiffer,
    newest: app.newest ? { version: versionLabel(app.newest.images), clusters: app.newest.clusters } : null,
    members,
  };
}

/** Every fleet app, the skewed ones first, then those mid roll-out, then by name. */
export function fleetAppViews(fleet: FleetReport, report: Pick<Report, 'apps'>): FleetAppView[] {
  const byId = new Map(report.apps.map((a) => [a.id, a]));
  const rank = (v: FleetAppView) => (v.capacitySkewed ? 0 : v.versionsDiffer ? 1 : 2);
  return fleet.apps.map((a) => fleetAppView(a, fleet, byId)).sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.key < b.key ? -1 : 1));
}

export interface FleetSummary {
  clusters: number;
  apps: number;
  skewed: number;
  rollingOut: number;
  noRollback: number;
}

export function fleetSummary(fleet: FleetReport, views: FleetAppView[]): FleetSummary {
  return {
    clusters: fleet.clusters.length,
    apps: views.length,
    skewed: views.filter((v) => v.capacitySkewed).length,
    rollingOut: views.filter((v) => v.versionsDiffer).length,
    noRollback: views.filter((v) => v.members.some((m) => !m.rollback && m.rollbackReason)).length,
  };
}
