import type { Json, KubeObject } from '../snapshot/types';
import { parseQuantity } from '../checks/helpers/quantity';

export type ResourceName = 'cpu' | 'memory';
export type ValueSource = 'spec' | 'limit' | 'limitRange';

export interface EffectiveValue {
  /** As written (a quantity string, or a placeholder). */
  raw: string;
  /** Parsed value (cores, bytes); null for unparsable values such as a "<CHANGE-ME: …>" placeholder. */
  value: number | null;
  /** spec: written; limit: request defaulted from the limit; limitRange: a namespace default. */
  source: ValueSource;
}

export interface EffectiveResources {
  requests: Partial<Record<ResourceName, EffectiveValue>>;
  limits: Partial<Record<ResourceName, EffectiveValue>>;
}

const NAMES: ResourceName[] = ['cpu', 'memory'];

/**
 * A container's requests and limits as the API server stores them:
 * 1. defaulting: a limit without a request sets the request to the limit;
 * 2. LimitRanger admission: a missing limit takes the namespace LimitRange `default`, a missing
 *    request its `defaultRequest` (which itself defaults to `default`, and `default` to `max`).
 * https://kubernetes.io/docs/concepts/policy/limit-range/
 */
export function effectiveResources(container: Json, limitRanges: KubeObject[]): EffectiveResources {
  const out: EffectiveResources = { requests: {}, limits: {} };
  const res = container?.resources ?? {};
  for (const n of NAMES) {
    const lim = res.limits?.[n];
    const req = res.requests?.[n];
    if (present(lim)) out.limits[n] = value(lim, 'spec');
    if (present(req)) out.requests[n] = value(req, 'spec');
    else if (present(lim)) out.requests[n] = value(lim, 'limit');
  }
  const defaults = limitRangeDefaults(limitRanges);
  for (const n of NAMES) {
    if (!out.limits[n] && defaults.limits[n]) out.limits[n] = value(defaults.limits[n]!, 'limitRange');
    if (!out.requests[n] && defaults.requests[n]) out.requests[n] = value(defaults.requests[n]!, 'limitRange');
  }
  return out;
}

function present(v: unknown): v is string | number {
  return v !== undefined && v !== null && v !== '';
}

function value(raw: string | number, source: ValueSource): EffectiveValue {
  return { raw: String(raw), value: parseQuantity(raw), source };
}

/** Container defaults from the namespace's LimitRanges (first one that sets a value wins). */
export function limitRangeDefaults(limitRanges: KubeObject[]): { requests: Partial<Record<ResourceName, string>>; limits: Partial<Record<ResourceName, string>> } {
  const requests: Partial<Record<ResourceName, string>> = {};
  const limits: Partial<Record<ResourceName, string>> = {};
  for (const lr of limitRanges) {
    const items: Json[] = Array.isArray(lr.spec?.limits) ? lr.spec.limits : [];
    for (const item of items) {
      if (item?.type !== 'Container') continue;
      for (const n of NAMES) {
        // SetDefaults_LimitRangeItem: default ← max; defaultRequest ← default, else min.
        const dflt = item.default?.[n] ?? item.max?.[n];
        const dreq = item.defaultRequest?.[n] ?? dflt ?? item.min?.[n];
        if (present(dflt) && !limits[n]) limits[n] = String(dflt);
        if (present(dreq) && !requests[n]) requests[n] = String(dreq);
      }
    }
  }
  return { requests, limits };
}
