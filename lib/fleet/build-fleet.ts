import type { App } from '../apps/types';
import type { DrydockConfig } from '../config/types';
import type { Snapshot } from '../snapshot/types';
import { clusterCapacities } from './capacity';
import type { FleetContext } from './context';
import { cmp, matchFleetApps, type MatchCandidate, type MatchGroup } from './match';
import { apportion, shareRatio } from './recommend';
import type { AppVersion, ClusterCapacity, FleetApp, FleetMember, FleetReport } from './types';
import { appVersion, orderVersions, replicaSetIndex, type Revision } from './versions';

/** Kinds whose replica count can be moved between clusters (a DaemonSet follows its nodes; Jobs finish). */
export const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

export interface FleetStage {
  /** The report's `fleet` section; null when the scan covered fewer than 2 clusters. */
  report: FleetReport | null;
  /** Check context member; null with the report. */
  context: FleetContext | null;
  /** Version data of every app, by app id. */
  versions: Map<string, AppVersion>;
}

/** The fleet stage of buildReport: versions for every app, and the fleet when ≥ 2 clusters are present. */
export function buildFleetStage(snapshot: Snapshot, apps: readonly App[], config: DrydockConfig): FleetStage {
  const rsIndex = replicaSetIndex(snapshot);
  const versions = new Map<string, AppVersion>();
  const histories = new Map<string, Revision[]>();
  // Where ReplicaSets could not be read: `cluster\0namespace`, or `cluster\0` for the whole cluster.
  const rsUnread = new Set(snapshot.unreadable.filter((u) => u.resource === 'replicasets').map((u) => `${u.cluster}\u0000${u.namespace ?? ''}`));
  for (const app of apps) {
    const unreadable = rsUnread.size > 0 && (rsUnread.has(`${app.cluster}\u0000`) || rsUnread.has(`${app.cluster}\u0000${app.namespace}`));
    const { version, history } = appVersion(app, rsIndex, unreadable);
    versions.set(app.id, version);
    histories.set(app.id, history);
  }
  // A cluster that could not be scanned at all (a '*' error: unreachable, bad credentials) has no
  // capacity to share: leaving it in would make every share unknown. Its error says it was not scanned.
  const notScanned = new Set(snapshot.errors.filter((e) => e.resource === '*').map((e) => e.cluster));
  const clusterNames = [...new Set([...snapshot.source.clusters, ...apps.map((a) => a.cluster)])].filter((c) => !notScanned.has(c)).sort(cmp);
  if (clusterNames.length < 2) return { report: null, context: null, versions };

  const clusters = clusterCapacities(snapshot, clusterNames);
  const byCluster = new Map(clusters.map((c) => [c.cluster, c]));
  const byId = new Map(apps.map((a) => [a.id, a]));
  const groups = matchFleetApps(apps.map(candidateOf), config.fleet);
  const fleetApps = groups.map((g) => fleetApp(g, byId, byCluster, versions, histories, snapshot.source.type === 'cluster'));
  const appsById = new Map<string, FleetApp>();
  for (const f of fleetApps) for (const m of f.members) appsById.set(m.appId, f);
  return {
    report: { clusters, apps: fleetApps },
    context: { clusters, appOf: (id) => appsById.get(id), clusterOf: (c) => byCluster.get(c) },
    versions,
  };
}

function candidateOf(app: App): MatchCandidate {
  const labels: Record<string, string> = { ...app.podMeta.labels, ...(app.workload.metadata.labels ?? {}) };
  // The workload's labels win over the pod template's when both set a key.
  return { id: app.id, cluster: app.cluster, namespace: app.namespace, kind: app.kind, name: app.name, labels };
}

function fleetApp(
  g: MatchGroup,
  byId: Map<string, App>,
  byCluster: Map<string, ClusterCapacity>,
  versions: Map<string, AppVersion>,
  histories: Map<string, Revision[]>,
  live: boolean,
): FleetApp {
  const apps = g.members.map((id) => byId.get(id)!);
  const order = orderVersions(apps.map((a) => ({ cluster: a.cluster, images: versions.get(a.id)!.images, history: histories.get(a.id) ?? [] })));
  const members: FleetMember[] = apps.map((a, i) => {
    const v = versions.get(a.id)!;
    const hpa = a.related.hpas[0];
    return {
      cluster: a.cluster,
      appId: a.id,
      namespace: a.namespace,
      kind: a.kind,
      name: a.name,
      replicas: a.replicas,
      readyReplicas: live ? readyOf(a) : null,
      hpa: hpa
        ? { name: hpa.metadata.name, minReplicas: typeof hpa.spec?.minReplicas === 'number' ? hpa.spec.minReplicas : 1, maxReplicas: typeof hpa.spec?.maxReplicas === 'number' ? hpa.spec.maxReplicas : null }
        : null,
      images: v.images,
      revision: v.revision,
      rollback: v.rollback,
      ...(v.rollbackReason ? { rollbackReason: v.rollbackReason } : {}),
      behindBy: order.behindBy[i] ?? null,
      replicaShare: null,
      capacityShare: null,
    };
  });
  const counts = members.map((m) => m.replicas);
  const totalReplicas = counts.every((c): c is number => c !== null) ? counts.reduce((s, c) => s + c, 0) : null;
  const base: FleetApp = { key: g.key, name: g.name, matchedBy: g.matchedBy, members, totalReplicas, recommended: null, skew: null, newest: order.newest, versionsDiffer: order.versionsDiffer };
  const kind = apps[0]!.kind;
  if (!apps.every((a) => REPLICATED_KINDS.has(a.kind))) return { ...base, skewReason: `A ${kind} has no replica count to share between clusters` };
  if (totalReplicas === null || totalReplicas === 0) return { ...base, skewReason: 'The replica count is not known in every cluster' };
  for (const m of members) m.replicaShare = (m.replicas ?? 0) / totalReplicas;
  const active = members.filter((m) => (m.replicas ?? 0) > 0);
  const unknown = active.map((m) => byCluster.get(m.cluster)).find((c) => !c || c.unknown);
  if (unknown !== undefined) return { ...base, skewReason: `Capacity of cluster ${unknown?.cluster ?? '?'} is unknown: ${unknown?.unknown ?? 'not scanned'}` };
  if (active.length < 2) return { ...base, skewReason: 'Replicas run in one cluster only (scaled to 0 elsewhere)' };
  const cpu = (m: FleetMember) => byCluster.get(m.cluster)!.allocatable.cpuMillis;
  const totalCpu = active.reduce((s, m) => s + cpu(m), 0);
  if (totalCpu <= 0) return { ...base, skewReason: 'No cluster running the app has schedulable CPU' };
  for (const m of active) m.capacityShare = cpu(m) / totalCpu;
  const seats = apportion(totalReplicas, active.map((m) => ({ cluster: m.cluster, share: m.capacityShare! })));
  const recommended = active.map((m) => ({ cluster: m.cluster, appId: m.appId, replicas: seats.get(m.cluster) ?? 1, current: m.replicas ?? 0 }));
  const ratios = active.map((m) => shareRatio(m.replicaShare!, m.capacityShare!));
  const worst = Math.max(...ratios);
  if (!Number.isFinite(worst)) {
    const empty = active.find((m) => m.capacityShare === 0)!;
    return { ...base, recommended, skewReason: `Cluster ${empty.cluster} runs ${empty.replicas} replicas on no schedulable CPU` };
  }
  return { ...base, recommended, skew: round(worst) };
}

function readyOf(a: App): number | null {
  const s = a.workload.status;
  const v = a.kind === 'DaemonSet' ? s?.numberReady : s?.readyReplicas;
  return typeof v === 'number' ? v : a.workload.status ? 0 : null;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
