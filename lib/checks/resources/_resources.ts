import type { App } from '../../apps/types';
import { effectiveResources, type EffectiveResources, type EffectiveValue, type ResourceName } from '../../facts/effective-resources';
import { qosClassOf, type QosClass } from '../../facts/qos';
import type { Json, KubeObject } from '../../snapshot/types';
import { appMemo } from '../helpers/app-memos';
import { isObject, type ContainerRef } from '../helpers/containers';
import { parseQuantity } from '../helpers/quantity';

/**
 * Shared reading of requests and limits for the resources checks.
 *
 * Values are the *effective* ones (lib/facts/effective-resources): a limit without a request sets the
 * request (API defaulting), and namespace LimitRange defaults fill what the container leaves unset
 * (LimitRanger admission, init containers included) — https://kubernetes.io/docs/concepts/policy/limit-range/.
 *
 * Pod-level `spec.resources` (KEP-2837, beta and on by default in 1.34 —
 * https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/)
 * is a budget shared by every container of the pod. How the container checks treat it:
 * - a pod-level cpu/memory request — or a pod-level limit, from which the API server defaults the pod's
 *   request — gives the scheduler a reservation for the whole pod: `resources-requests-missing` passes
 *   for that resource;
 * - a pod-level memory limit bounds all containers together (one cgroup for the pod): it satisfies
 *   `resources-memory-limit-missing` for every container;
 * - the QoS class then comes from the pod-level values alone, so an init container without resources
 *   no longer keeps the pod from Guaranteed: `resources-init-unset` passes;
 * - `resources-limit-ratio` also judges the pod-level pair when both a request and a limit are written.
 */

export const RESOURCE_NAMES: readonly ResourceName[] = ['cpu', 'memory'];

/** Overcommit beyond which `resources-limit-ratio` fires (limit / request). */
export const MAX_RATIO: Record<ResourceName, number> = { cpu: 10, memory: 4 };

/** "container api", "init container migrate", "sidecar container istio-proxy". */
export function containerLabel(ref: ContainerRef): string {
  if (ref.role === 'init') return `init container ${ref.name}`;
  if (ref.role === 'sidecar') return `sidecar container ${ref.name}`;
  return `container ${ref.name}`;
}

/** A value counts as set unless absent or zero (the kubelet ignores zero quantities); a placeholder counts as set. */
export function isSet(v: EffectiveValue | undefined): v is EffectiveValue {
  return v !== undefined && v.value !== 0;
}

/** Where an effective value came from, for messages. */
export function sourceText(v: EffectiveValue): string {
  switch (v.source) {
    case 'spec':
      return '';
    case 'limit':
      return ' from its limit';
    case 'limitRange':
      return ' from LimitRange defaults';
  }
}

/** "cpu request 250m from LimitRange defaults". */
export function describeValue(name: ResourceName, kind: 'request' | 'limit', v: EffectiveValue): string {
  return `${name} ${kind} ${v.raw}${sourceText(v)}`;
}

export function effectiveOf(app: App, ref: ContainerRef): EffectiveResources {
  // Five resource checks ask for the same containers of each app: derive once per app and ref
  // (refs are shared per app by containersOf). The result is read-only to every caller.
  let perRef = effectiveMemo.get(app);
  if (!perRef) {
    perRef = new Map();
    effectiveMemo.set(app, perRef);
  }
  let eff = perRef.get(ref);
  if (!eff || eff.limitRanges !== app.related.limitRanges) {
    eff = { limitRanges: app.related.limitRanges, value: effectiveResources(ref.container, app.related.limitRanges) };
    perRef.set(ref, eff);
  }
  return eff.value;
}

const effectiveMemo = appMemo<Map<ContainerRef, { limitRanges: unknown; value: EffectiveResources }>>();

/** The pod's QoS class (lib/facts/qos), LimitRange defaults applied. */
export function podQosClass(app: App, podSpec: Json = app.podSpec): QosClass {
  return qosClassOf(podSpec, app.related.limitRanges);
}

/** Pod-level `spec.resources` as written (cpu and memory only), without any defaulting. */
export interface PodLevelResources {
  requests: Partial<Record<ResourceName, string>>;
  limits: Partial<Record<ResourceName, string>>;
  /** True when it sets any cpu or memory value. */
  present: boolean;
}

export function podLevelResources(app: App): PodLevelResources {
  const res = app.podSpec?.resources;
  const out: PodLevelResources = { requests: {}, limits: {}, present: false };
  if (!isObject(res)) return out;
  for (const n of RESOURCE_NAMES) {
    const req = isObject(res.requests) ? res.requests[n] : undefined;
    const lim = isObject(res.limits) ? res.limits[n] : undefined;
    if (written(req)) out.requests[n] = String(req);
    if (written(lim)) out.limits[n] = String(lim);
  }
  out.present = Object.keys(out.requests).length + Object.keys(out.limits).length > 0;
  return out;
}

/** Present and not zero (zero quantities count as unset, as for the kubelet); a placeholder counts. */
function written(v: unknown): v is string | number {
  if (typeof v !== 'string' && typeof v !== 'number') return false;
  if (v === '') return false;
  return parseQuantity(v) !== 0;
}

/** Make `obj[key]` a plain object (copying nothing away) and return it: for fixes that add one quantity. */
export function objectAt(obj: Json, key: string): Json {
  if (!isObject(obj[key])) obj[key] = {};
  return obj[key];
}

/** Round up to a whole millicore (cpu) or byte (memory), for "at least" hints. */
export function ceilQuantity(value: number, name: ResourceName): number {
  return name === 'cpu' ? Math.ceil(value * 1000 - 1e-9) / 1000 : Math.ceil(value - 1e-9);
}

// ---------------------------------------------------------------------------------------------
// Observed state: live pods and their container statuses
// (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-states).
// ---------------------------------------------------------------------------------------------

export interface ObservedContainer {
  pod: KubeObject;
  podName: string;
  status: Json;
  /** The container as the live pod runs it (LimitRange defaults already applied by admission). */
  podContainer: Json;
}

/**
 * The app's live pods. A bare Pod is its own live pod: buildApps only links pods to an owner, so
 * `related.pods` stays empty for it — use the object itself when the scan saw its status.
 */
export function livePodsOf(app: App): KubeObject[] {
  if (app.related.pods.length) return app.related.pods;
  return app.kind === 'Pod' && isObject(app.workload.status) ? [app.workload] : [];
}

/** The status of this container in each live pod of the app that reports one. */
export function observedContainers(app: App, ref: ContainerRef): ObservedContainer[] {
  const out: ObservedContainer[] = [];
  for (const pod of livePodsOf(app)) {
    const list = ref.list === 'initContainers' ? pod.status?.initContainerStatuses : pod.status?.containerStatuses;
    if (!Array.isArray(list)) continue;
    const status = list.find((s: Json) => isObject(s) && s.name === ref.name);
    if (!status) continue;
    const specList = pod.spec?.[ref.list];
    const podContainer = Array.isArray(specList) ? specList.find((c: Json) => isObject(c) && c.name === ref.name) : undefined;
    out.push({ pod, podName: pod.metadata.name, status, podContainer });
  }
  return out;
}

export interface Termination {
  reason: string | null;
  exitCode: number | null;
  signal: number | null;
  finishedAt: string | null;
  /** Whether it is the current state (the container is down now) or the last one (it was restarted). */
  current: boolean;
}

function terminationFrom(t: Json, current: boolean): Termination | null {
  if (!isObject(t)) return null;
  return {
    reason: typeof t.reason === 'string' ? t.reason : null,
    exitCode: typeof t.exitCode === 'number' ? t.exitCode : null,
    signal: typeof t.signal === 'number' ? t.signal : null,
    finishedAt: typeof t.finishedAt === 'string' ? t.finishedAt : null,
    current,
  };
}

/** The container's current termination (if it is down), else its last one. */
export function terminationsOf(status: Json): Termination[] {
  return [terminationFrom(status?.state?.terminated, true), terminationFrom(status?.lastState?.terminated, false)].filter(
    (t): t is Termination => t !== null,
  );
}

export function restartCountOf(status: Json): number {
  return typeof status?.restartCount === 'number' && Number.isFinite(status.restartCount) ? status.restartCount : 0;
}

export const NO_PODS_REASON = 'No live pods of this app were found (scaled to zero, not scheduled yet, or between runs): nothing to observe';

/** "a, b, c and 2 more" */
export function listSome(items: string[], max = 3): string {
  if (items.length <= max) return items.join('; ');
  return `${items.slice(0, max).join('; ')} and ${items.length - max} more`;
}
