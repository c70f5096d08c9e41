import { isNativeSidecar } from '../checks/helpers/containers';
import { parseQuantity } from '../checks/helpers/quantity';
import { effectiveResources } from '../facts/effective-resources';
import type { Json, KubeObject, Snapshot } from '../snapshot/types';
import type { ClusterCapacity, ResourceAmount } from './types';

/**
 * Schedulable capacity per cluster.
 *
 * Counted nodes: condition Ready=True, `spec.unschedulable` not true (not cordoned), and no taint
 * with effect NoSchedule or NoExecute. A tainted pool (control plane, GPU or dedicated nodes) takes
 * only pods that tolerate it, so it is not capacity an ordinary app replica can use; PreferNoSchedule
 * is only a preference and counts.
 * https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 * https://kubernetes.io/docs/concepts/architecture/nodes/#condition
 *
 * Requests already placed: every pod bound to a counted node (`spec.nodeName`) whose phase is not
 * Succeeded or Failed, at its effective request — what the scheduler charges: the larger of the app
 * containers' sum (native sidecars included) and each init container's request plus the sidecars
 * started before it, plus `spec.overhead`; pod-level `spec.resources.requests` win when set.
 * https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers
 * https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#resource-sharing-within-containers
 */
export function clusterCapacities(snapshot: Snapshot, clusters: readonly string[]): ClusterCapacity[] {
  const nodesBy = new Map<string, KubeObject[]>();
  const podsBy = new Map<string, KubeObject[]>();
  for (const e of snapshot.objects) {
    const target = e.object.kind === 'Node' ? nodesBy : e.object.kind === 'Pod' ? podsBy : null;
    if (!target) continue;
    const l = target.get(e.cluster);
    if (l) l.push(e.object);
    else target.set(e.cluster, [e.object]);
  }
  const out = [...clusters].sort().map((cluster) => {
    const unread = (resource: string) => snapshot.unreadable.some((u) => u.cluster === cluster && u.resource === resource && u.namespace === null);
    const why = (resource: string) => {
      const err = snapshot.errors.find((x) => x.cluster === cluster && x.resource === resource);
      return `${resource} could not be read${err?.code ? ` (${err.code})` : ''}`;
    };
    return capacityOf(cluster, nodesBy.get(cluster) ?? [], podsBy.get(cluster) ?? [], {
      nodesUnknown: unread('nodes') ? why('nodes') : null,
      podsUnknown: snapshot.unreadable.some((u) => u.cluster === cluster && u.resource === 'pods') ? why('pods') : null,
    });
  });
  return withShares(out);
}

export function capacityOf(cluster: string, nodes: KubeObject[], pods: KubeObject[], unknown: { nodesUnknown: string | null; podsUnknown: string | null } = { nodesUnknown: null, podsUnknown: null }): ClusterCapacity {
  const ready = nodes.filter(isReady);
  const counted = ready.filter(isSchedulable);
  const allocatable = zero();
  for (const n of counted) add(allocatable, cpuMillis(n.status?.allocatable?.cpu), bytes(n.status?.allocatable?.memory));
  const names = new Set(counted.map((n) => n.metadata.name));
  const requested = zero();
  for (const p of pods) {
    const node = p.spec?.nodeName;
    if (typeof node !== 'string' || !names.has(node)) continue;
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    const r = podRequests(p.spec);
    add(requested, r.cpuMillis, r.memoryBytes);
  }
  const free = { cpuMillis: Math.max(0, allocatable.cpuMillis - requested.cpuMillis), memoryBytes: Math.max(0, allocatable.memoryBytes - requested.memoryBytes) };
  const why = unknown.nodesUnknown ?? (nodes.length === 0 ? 'no Node objects in the scan' : null);
  return {
    cluster,
    nodes: nodes.length,
    readyNodes: ready.length,
    schedulableNodes: counted.length,
    allocatable,
    requested,
    free,
    cpuShare: null,
    memoryShare: null,
    freeCpuShare: null,
    ...(why ? { unknown: why } : {}),
    ...(!why && unknown.podsUnknown ? { requestsUnknown: `${unknown.podsUnknown}: requests already placed are not counted` } : {}),
  };
}

/** Fill the fleet-wide shares; all null when any cluster's capacity is unknown (a share of an unknown total is a guess). */
export function withShares(list: ClusterCapacity[]): ClusterCapacity[] {
  if (list.some((c) => c.unknown)) return list;
  const total = (f: (c: ClusterCapacity) => number) => list.reduce((s, c) => s + f(c), 0);
  const cpu = total((c) => c.allocatable.cpuMillis);
  const mem = total((c) => c.allocatable.memoryBytes);
  const free = total((c) => c.free.cpuMillis);
  return list.map((c) => ({
    ...c,
    cpuShare: cpu > 0 ? c.allocatable.cpuMillis / cpu : null,
    memoryShare: mem > 0 ? c.allocatable.memoryBytes / mem : null,
    freeCpuShare: free > 0 ? c.free.cpuMillis / free : null,
  }));
}

function isReady(n: KubeObject): boolean {
  const conds: unknown = n.status?.conditions;
  return Array.isArray(conds) && conds.some((c: Json) => c?.type === 'Ready' && c?.status === 'True');
}

function isSchedulable(n: KubeObject): boolean {
  if (n.spec?.unschedulable === true) return false;
  const taints: unknown = n.spec?.taints;
  return !(Array.isArray(taints) && taints.some((t: Json) => t?.effect === 'NoSchedule' || t?.effect === 'NoExecute'));
}

/** A pod's effective requests (see the module comment), in millicores and bytes. */
export function podRequests(spec: Json): ResourceAmount {
  const of = (c: Json): ResourceAmount => {
    const e = effectiveResources(c, []);
    return { cpuMillis: Math.round((e.requests.cpu?.value ?? 0) * 1000), memoryBytes: Math.round(e.requests.memory?.value ?? 0) };
  };
  const sum = zero();
  for (const c of Array.isArray(spec?.containers) ? spec.containers : []) {
    const r = of(c);
    add(sum, r.cpuMillis, r.memoryBytes);
  }
  const sidecars = zero();
  const initPeak = zero();
  for (const c of Array.isArray(spec?.initContainers) ? spec.initContainers : []) {
    const r = of(c);
    if (isNativeSidecar(c)) {
      add(sidecars, r.cpuMillis, r.memoryBytes);
      continue;
    }
    initPeak.cpuMillis = Math.max(initPeak.cpuMillis, r.cpuMillis + sidecars.cpuMillis);
    initPeak.memoryBytes = Math.max(initPeak.memoryBytes, r.memoryBytes + sidecars.memoryBytes);
  }
  const out = { cpuMillis: Math.max(sum.cpuMillis + sidecars.cpuMillis, initPeak.cpuMillis), memoryBytes: Math.max(sum.memoryBytes + sidecars.memoryBytes, initPeak.memoryBytes) };
  const podLevel = spec?.resources?.requests;
  if (podLevel?.cpu !== undefined) out.cpuMillis = cpuMillis(podLevel.cpu);
  if (podLevel?.memory !== undefined) out.memoryBytes = bytes(podLevel.memory);
  add(out, cpuMillis(spec?.overhead?.cpu), bytes(spec?.overhead?.memory));
  return out;
}

function cpuMillis(q: unknown): number {
  const v = parseQuantity(q);
  return v && v > 0 ? Math.round(v * 1000) : 0;
}

function bytes(q: unknown): number {
  const v = parseQuantity(q);
  return v && v > 0 ? Math.round(v) : 0;
}

function zero(): ResourceAmount {
  return { cpuMillis: 0, memoryBytes: 0 };
}

function add(a: ResourceAmount, cpu: number, mem: number): void {
  a.cpuMillis += cpu;
  a.memoryBytes += mem;
}
