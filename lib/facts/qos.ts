import type { App } from '../apps/types';
import type { Json } from '../snapshot/types';
import { effectiveResources, type EffectiveResources, type ResourceName } from './effective-resources';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/**
 * The pod's QoS class exactly as the kubelet computes it (pkg/apis/core/v1/helper/qos,
 * https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/): over every container, init
 * containers and native sidecars included, with API defaulting and LimitRange defaults applied;
 * pod-level `spec.resources` takes precedence when it sets cpu or memory.
 * Zero quantities count as unset. Requests and limits are compared as sums, as the kubelet does.
 */
export function effectiveQosClass(app: App): QosClass {
  return qosClassOf(app.podSpec, app.related.limitRanges);
}

export function qosClassOf(podSpec: Json, limitRanges: App['related']['limitRanges']): QosClass {
  const podLevel = podSpec?.resources;
  const sets: EffectiveResources[] = [];
  if (podLevel && (hasCpuMem(podLevel.requests) || hasCpuMem(podLevel.limits))) {
    // defaultPodRequests (pkg/apis/core/v1/defaults.go): a pod-level request left unset is the sum
    // of the containers' requests when any container requests that resource, else the pod limit.
    const containers: Json[] = [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])];
    const requests: Record<string, string | number> = { ...(podLevel.requests ?? {}) };
    for (const n of ['cpu', 'memory'] as const) {
      if (requests[n] !== undefined || podLevel.limits?.[n] === undefined) continue;
      const sum = containers.reduce<number | null>((acc, c) => {
        const v = effectiveResources(c, []).requests[n]?.value;
        return v ? (acc ?? 0) + v : acc;
      }, null);
      if (sum !== null) requests[n] = sum;
    }
    sets.push(effectiveResources({ resources: { ...podLevel, requests } }, []));
  } else {
    const containers: Json[] = [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])];
    for (const c of containers) sets.push(effectiveResources(c, limitRanges));
  }
  const requests = new Map<ResourceName, number>();
  const limits = new Map<ResourceName, number>();
  let isGuaranteed = true;
  for (const s of sets) {
    const limitsFound = new Set<ResourceName>();
    for (const [name, v] of Object.entries(s.requests) as [ResourceName, { value: number | null }][]) {
      if (isZero(v.value)) continue;
      requests.set(name, (requests.get(name) ?? 0) + (v.value ?? Number.NaN));
    }
    for (const [name, v] of Object.entries(s.limits) as [ResourceName, { value: number | null }][]) {
      if (isZero(v.value)) continue;
      limitsFound.add(name);
      limits.set(name, (limits.get(name) ?? 0) + (v.value ?? Number.NaN));
    }
    if (!limitsFound.has('cpu') || !limitsFound.has('memory')) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      // Placeholders (NaN) cannot be compared: the class is not Guaranteed until they are filled.
      if (lim === undefined || Number.isNaN(lim) || Number.isNaN(req) || Math.abs(lim - req) > 1e-9 * Math.max(1, lim)) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

function hasCpuMem(m: Json): boolean {
  return !!m && (m.cpu !== undefined || m.memory !== undefined);
}

function isZero(v: number | null): boolean {
  return v === 0;
}

/** The class a live pod reports (status.qosClass), if any: what runs, as opposed to what the spec computes. */
export function observedQosClass(app: App): QosClass | null {
  const q = app.related.pods.find((p) => typeof p.status?.qosClass === 'string')?.status?.qosClass;
  return q === 'Guaranteed' || q === 'Burstable' || q === 'BestEffort' ? q : null;
}
