import type { Json } from '../../snapshot/types';
import type { ContainerRef } from './containers';

/** The API server's probe defaults (https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes). */
export const PROBE_DEFAULTS = {
  initialDelaySeconds: 0,
  periodSeconds: 10,
  timeoutSeconds: 1,
  failureThreshold: 3,
  successThreshold: 1,
} as const;

export const PROBE_KINDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

export type ProbeHandler = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc';

export interface EffectiveProbe {
  kind: ProbeKind;
  handler: ProbeHandler | null;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
  terminationGracePeriodSeconds?: number;
  raw: Json;
  /** JSON pointer to the probe in the workload. */
  path: string;
}

function num(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : dflt;
}

export function probeHandler(probe: Json): ProbeHandler | null {
  if (!probe || typeof probe !== 'object') return null;
  for (const h of ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const) {
    if (probe[h] && typeof probe[h] === 'object') return h;
  }
  return null;
}

/**
 * A probe with API defaults applied, or null when the container has none of that kind.
 * Remembered per container ref and kind (a dozen probe checks ask for the same probes); a hit must
 * see the same probe object at the same path. The result is read-only to every caller.
 */
export function effectiveProbe(ref: ContainerRef, kind: ProbeKind): EffectiveProbe | null {
  const raw: unknown = ref.container?.[kind];
  let perKind = probeMemo.get(ref);
  if (!perKind) {
    perKind = {};
    probeMemo.set(ref, perKind);
  }
  const hit = perKind[kind];
  if (hit && hit.raw === raw && hit.path === ref.path) return hit.probe;
  const probe = deriveProbe(ref, kind);
  perKind[kind] = { raw, path: ref.path, probe };
  return probe;
}

const probeMemo = new WeakMap<ContainerRef, Partial<Record<ProbeKind, { raw: unknown; path: string; probe: EffectiveProbe | null }>>>();

function deriveProbe(ref: ContainerRef, kind: ProbeKind): EffectiveProbe | null {
  const raw = ref.container?.[kind];
  if (!raw || typeof raw !== 'object') return null;
  return {
    kind,
    handler: probeHandler(raw),
    initialDelaySeconds: typeof raw.initialDelaySeconds === 'number' ? raw.initialDelaySeconds : 0,
    periodSeconds: num(raw.periodSeconds, PROBE_DEFAULTS.periodSeconds),
    timeoutSeconds: num(raw.timeoutSeconds, PROBE_DEFAULTS.timeoutSeconds),
    failureThreshold: num(raw.failureThreshold, PROBE_DEFAULTS.failureThreshold),
    successThreshold: num(raw.successThreshold, PROBE_DEFAULTS.successThreshold),
    terminationGracePeriodSeconds: typeof raw.terminationGracePeriodSeconds === 'number' ? raw.terminationGracePeriodSeconds : undefined,
    raw,
    path: `${ref.path}/${kind}`,
  };
}

/** Every probe a container declares. */
export function probesOf(ref: ContainerRef): EffectiveProbe[] {
  return PROBE_KINDS.map((k) => effectiveProbe(ref, k)).filter((p): p is EffectiveProbe => p !== null);
}

/** Stable JSON of a value with sorted keys, for comparing handlers. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
