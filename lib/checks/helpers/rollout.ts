/**
 * IntOrString maths for roll-out and disruption settings (`maxSurge`, `maxUnavailable`,
 * `minAvailable`), done the way the controllers do it so a message never quotes a number
 * the cluster would not use.
 *
 * - Deployment: maxSurge rounds UP, maxUnavailable rounds DOWN, and when both resolve to 0 the
 *   controller uses maxUnavailable 1 (`ResolveFenceposts` in pkg/controller/deployment/util).
 *   https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-unavailable
 * - StatefulSet: maxUnavailable defaults to 1, rounds DOWN, and is never less than 1.
 *   https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#maximum-unavailable-pods
 * - DaemonSet: maxUnavailable (default 1) and maxSurge (default 0) both round UP.
 *   https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
 * - PodDisruptionBudget: minAvailable and maxUnavailable percentages both round UP
 *   (the disruption controller's `getExpectedPodCount`).
 *   https://kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages
 */

export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

/**
 * An IntOrString as the API accepts it: a non-negative integer, or a string "<n>%".
 * A string without `%` ("3") is rejected by validation and by the controllers: null.
 */
export function parseIntOrPercent(v: unknown): IntOrPercent | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? { kind: 'int', value: v } : null;
  if (typeof v !== 'string') return null;
  const m = /^(\d+)%$/.exec(v.trim());
  return m ? { kind: 'percent', value: Number(m[1]) } : null;
}

/** `intstr.GetScaledValueFromIntOrPercent`: an integer as is, a percentage of `total` rounded up or down. */
export function scaleIntOrPercent(v: unknown, total: number, roundUp: boolean): number | null {
  const p = parseIntOrPercent(v);
  if (!p) return null;
  if (p.kind === 'int') return p.value;
  const exact = (p.value * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** Human form for messages: `90% of 2 = 2 (rounded up)`, `50% of 4 = 2`, or `3`. */
export function describeIntOrPercent(v: unknown, total: number, roundUp: boolean): string {
  const p = parseIntOrPercent(v);
  if (!p) return JSON.stringify(v);
  if (p.kind === 'int') return String(p.value);
  const resolved = scaleIntOrPercent(v, total, roundUp)!;
  const exact = (p.value * total) / 100;
  return `${p.value}% of ${total} = ${resolved}${exact === resolved ? '' : ` (rounded ${roundUp ? 'up' : 'down'})`}`;
}

export interface ResolvedRollingUpdate {
  maxSurge: number;
  maxUnavailable: number;
  /** True when both resolved to 0 and the controller bumped maxUnavailable to 1. */
  bumped: boolean;
}

/** A Deployment's rolling-update fence posts; unset values take the API defaults (25% / 25%). */
export function deploymentRollingUpdate(rollingUpdate: unknown, replicas: number): ResolvedRollingUpdate | null {
  const ru = (typeof rollingUpdate === 'object' && rollingUpdate !== null ? rollingUpdate : {}) as Record<string, unknown>;
  const surge = scaleIntOrPercent(ru.maxSurge ?? '25%', replicas, true);
  const unavailable = scaleIntOrPercent(ru.maxUnavailable ?? '25%', replicas, false);
  if (surge === null || unavailable === null) return null;
  if (surge === 0 && unavailable === 0) return { maxSurge: 0, maxUnavailable: 1, bumped: true };
  return { maxSurge: surge, maxUnavailable: unavailable, bumped: false };
}

/** A StatefulSet's maxUnavailable (default 1, rounded down, at least 1). */
export function statefulSetMaxUnavailable(maxUnavailable: unknown, replicas: number): number | null {
  const n = scaleIntOrPercent(maxUnavailable ?? 1, replicas, false);
  return n === null ? null : Math.max(1, n);
}

/** A DaemonSet's maxUnavailable (default 1, rounded up) over `nodes` scheduled pods. */
export function daemonSetMaxUnavailable(maxUnavailable: unknown, nodes: number): number | null {
  return scaleIntOrPercent(maxUnavailable ?? 1, nodes, true);
}

export interface PdbAllowance {
  /** Pods that must stay healthy. */
  desiredHealthy: number;
  /** Voluntary disruptions allowed when every pod is healthy. */
  allowed: number;
  /** Which field decided, with its raw value, for messages. */
  field: 'minAvailable' | 'maxUnavailable' | null;
  raw: unknown;
}

/**
 * Disruptions a PDB allows for `replicas` healthy pods, as the disruption controller computes it.
 * Neither field set: nothing must stay healthy. Null when the value cannot be parsed.
 */
export function pdbAllowance(pdbSpec: unknown, replicas: number): PdbAllowance | null {
  const spec = (typeof pdbSpec === 'object' && pdbSpec !== null ? pdbSpec : {}) as Record<string, unknown>;
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const mu = scaleIntOrPercent(spec.maxUnavailable, replicas, true);
    if (mu === null) return null;
    const desiredHealthy = Math.max(0, replicas - mu);
    return { desiredHealthy, allowed: replicas - desiredHealthy, field: 'maxUnavailable', raw: spec.maxUnavailable };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    const ma = scaleIntOrPercent(spec.minAvailable, replicas, true);
    if (ma === null) return null;
    return { desiredHealthy: ma, allowed: Math.max(0, replicas - ma), field: 'minAvailable', raw: spec.minAvailable };
  }
  return { desiredHealthy: 0, allowed: replicas, field: null, raw: null };
}
