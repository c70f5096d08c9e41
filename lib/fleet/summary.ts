import type { FleetApp, FleetReport } from './types';

/** One line of text per fleet app and cluster, shared by the CLI table and markdown renderers. */
export interface FleetSummaryRow {
  app: string;
  matchedBy: string;
  /** "bj 12 → 2, sh 10 → 20" (current → recommended), or "bj 3, sh 3" when nothing to change / unknown. */
  replicas: string;
  /** "6×", "–" with the reason when not computable. */
  skew: string;
  /** "all 1.4.2" or "newest in bj; sh 1 behind" or "differ (order unknown)". */
  versions: string;
}

export function fleetSummaryRows(fleet: FleetReport): FleetSummaryRow[] {
  return fleet.apps.map((a) => ({
    app: a.name,
    matchedBy: a.matchedBy,
    replicas: replicasText(a),
    skew: a.skew === null ? `– (${a.skewReason ?? 'not computed'})` : `${a.skew}×`,
    versions: versionsText(a),
  }));
}

/** "bj 8 cores (9%), sh 80 cores (91%)" — or why capacity is unknown. */
export function fleetCapacityText(fleet: FleetReport): string {
  return fleet.clusters
    .map((c) => (c.unknown ? `${c.cluster}: unknown (${c.unknown})` : `${c.cluster} ${c.schedulableNodes}/${c.nodes} nodes, ${+(c.allocatable.cpuMillis / 1000).toFixed(1)} cores${c.cpuShare === null ? '' : ` (${Math.round(c.cpuShare * 100)}%)`}`))
    .join(', ');
}

function replicasText(a: FleetApp): string {
  return a.members
    .map((m) => {
      const rec = a.recommended?.find((r) => r.appId === m.appId);
      const now = m.replicas === null ? '?' : String(m.replicas);
      return rec && rec.replicas !== rec.current ? `${m.cluster} ${now} → ${rec.replicas}` : `${m.cluster} ${now}`;
    })
    .join(', ');
}

function versionsText(a: FleetApp): string {
  const tags = (images: Record<string, string>) => Object.values(images).map((i) => i.slice(i.lastIndexOf('/') + 1)).join(', ');
  if (!a.versionsDiffer) return `same (${tags(a.members[0]?.images ?? {})})`;
  if (!a.newest) return `differ, order unknown: ${a.members.map((m) => `${m.cluster} ${tags(m.images)}`).join('; ')}`;
  const behind = a.members.filter((m) => m.behindBy !== 0).map((m) => `${m.cluster} ${m.behindBy === null ? '?' : m.behindBy} behind`);
  return `newest ${tags(a.newest.images)} in ${a.newest.clusters.join(', ')}; ${behind.join(', ')}`;
}
