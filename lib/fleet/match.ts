import type { FleetConfig } from '../config/types';
import type { FleetMatchedBy } from './types';

/** What matching reads of an app (a subset of App, so tests and the store can feed plain rows). */
export interface MatchCandidate {
  id: string;
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  /** Workload labels, with the pod template's labels filling keys the workload lacks. */
  labels: Record<string, string>;
}

export interface MatchGroup {
  key: string;
  name: string;
  matchedBy: FleetMatchedBy;
  /** App IDs, one per cluster, sorted by cluster. */
  members: string[];
}

export const DEFAULT_FLEET_LABEL = 'app.kubernetes.io/name';
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';

/**
 * Group the same app across clusters. Rules, in order; an app joins at most one group:
 * 1. `fleet.match` from the config: each entry names a group and lists app IDs or globs
 *    (cluster/namespace/kind/name; `*` within a segment; three segments = any cluster).
 * 2. Same namespace + kind + name in ≥ 2 clusters (the common GitOps layout: one manifest set
 *    applied to every cluster).
 * 3. Apps left over whose namespaces differ: same kind + `app.kubernetes.io/name` (or
 *    `fleet.labelKey`) + `app.kubernetes.io/part-of` label values.
 * A group needs members in ≥ 2 clusters. A group has at most one member per cluster: when a
 * cluster holds several candidates of one label group, that cluster's candidates are left out
 * (which one is "the same app" is a guess; name it in `fleet.match` instead). In a config group
 * the first candidate by ID wins in its cluster.
 */
export function matchFleetApps(candidates: readonly MatchCandidate[], config?: FleetConfig): MatchGroup[] {
  const sorted = [...candidates].sort((a, b) => cmp(a.id, b.id));
  const claimed = new Set<string>();
  const groups: MatchGroup[] = [];

  for (const entry of config?.match ?? []) {
    const patterns = entry.apps.map(compileAppPattern).filter((p): p is AppPattern => p !== null);
    const perCluster = new Map<string, MatchCandidate>();
    for (const c of sorted) {
      if (claimed.has(c.id) || perCluster.has(c.cluster)) continue;
      if (patterns.some((p) => p(c))) perCluster.set(c.cluster, c);
    }
    if (perCluster.size < 2) continue;
    const members = byCluster([...perCluster.values()]);
    for (const m of members) claimed.add(m.id);
    groups.push({ key: `config:${entry.name}`, name: entry.name, matchedBy: 'config', members: members.map((m) => m.id) });
  }

  const byNkn = groupBy(sorted.filter((c) => !claimed.has(c.id)), (c) => `${c.namespace}/${c.kind}/${c.name}`);
  for (const [k, list] of byNkn) {
    if (new Set(list.map((c) => c.cluster)).size < 2) continue;
    for (const c of list) claimed.add(c.id);
    groups.push({ key: `nk:${k}`, name: `${list[0]!.namespace}/${list[0]!.name}`, matchedBy: 'namespace-kind-name', members: byCluster(list).map((c) => c.id) });
  }

  const labelKey = config?.labelKey ?? DEFAULT_FLEET_LABEL;
  const byLabel = groupBy(
    sorted.filter((c) => !claimed.has(c.id) && c.labels[labelKey]),
    (c) => `${c.kind}/${c.labels[PART_OF_LABEL] ?? ''}/${c.labels[labelKey]}`,
  );
  for (const [k, list] of byLabel) {
    const perCluster = groupBy(list, (c) => c.cluster);
    const single = [...perCluster.values()].filter((l) => l.length === 1).map((l) => l[0]!);
    if (single.length < 2) continue;
    const first = single[0]!;
    const partOf = first.labels[PART_OF_LABEL];
    groups.push({
      key: `label:${k}`,
      name: partOf ? `${partOf}/${first.labels[labelKey]}` : first.labels[labelKey]!,
      matchedBy: 'app-label',
      members: byCluster(single).map((c) => c.id),
    });
  }
  return groups.sort((a, b) => cmp(a.key, b.key));
}

export type AppPattern = (c: Pick<MatchCandidate, 'cluster' | 'namespace' | 'kind' | 'name'>) => boolean;

/**
 * An app ID or glob → matcher. The last three segments are namespace/kind/name (none of which may
 * contain "/"); whatever precedes them is the cluster (context names such as EKS ARNs contain "/").
 * Returns null for a pattern with fewer than three segments.
 */
export function compileAppPattern(pattern: string): AppPattern | null {
  const segs = pattern.split('/');
  if (segs.length < 3) return null;
  const [ns, kind, name] = segs.slice(-3).map(glob) as [RegExp, RegExp, RegExp];
  const cluster = segs.length > 3 ? glob(segs.slice(0, -3).join('/')) : null;
  return (c) => (cluster === null || cluster.test(c.cluster)) && ns.test(c.namespace) && kind.test(c.kind) && name.test(c.name);
}

function glob(s: string): RegExp {
  return new RegExp(`^${s.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

function groupBy<T>(list: readonly T[], keyOf: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) {
    const k = keyOf(t);
    const l = m.get(k);
    if (l) l.push(t);
    else m.set(k, [t]);
  }
  return m;
}

function byCluster<T extends { cluster: string; id: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => cmp(a.cluster, b.cluster) || cmp(a.id, b.id));
}

/** Code-unit order: deterministic across locales (keys and IDs are ASCII in practice). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
