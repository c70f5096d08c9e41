/**
 * Switchable faults of the test API server, so integration tests can prove the scanner copes.
 * Counters (`times`) are consumed as the faults fire.
 */
export interface Faults {
  /** 403 for a resource: everywhere, only cluster-wide lists (`scope: 'cluster'`), or in named namespaces. */
  forbid?: { resource: string; scope?: 'all' | 'cluster'; namespaces?: string[] }[];
  /** 500 Internal Server Error for the next `times` requests of a resource. */
  error500?: { resource: string; times: number }[];
  /** 429 Too Many Requests with Retry-After for the next `times` requests of a resource. */
  tooManyRequests?: { resource: string; times: number; retryAfterSeconds: number }[];
  /** 410 Expired on the next `times` requests of a resource that carry a continue token. */
  expireContinue?: { resource: string; times: number }[];
  /** Destroy the connection (ECONNRESET) on the next `times` requests of a resource. */
  reset?: { resource: string; times: number }[];
  /** Added latency per request, in ms. */
  latencyMs?: number;
}

export type FaultDecision =
  | { type: 'none' }
  | { type: 'status'; code: number; reason: string; message: string; retryAfter?: number }
  | { type: 'reset' };

export function decideFault(f: Faults, resource: string, namespace: string | null, hasContinue: boolean): FaultDecision {
  for (const rule of f.forbid ?? []) {
    if (rule.resource !== resource) continue;
    const scope = rule.scope ?? 'all';
    const hit = rule.namespaces ? namespace !== null && rule.namespaces.includes(namespace) : scope === 'all' || namespace === null;
    if (hit) {
      const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      return { type: 'status', code: 403, reason: 'Forbidden', message: `${resource} is forbidden: User "system:serviceaccount:drydock:scanner" cannot list resource "${resource}" ${where}` };
    }
  }
  const take = <T extends { resource: string; times: number }>(rules: T[] | undefined): T | undefined => {
    const r = rules?.find((x) => x.resource === resource && x.times > 0);
    if (r) r.times--;
    return r;
  };
  if (take(f.reset)) return { type: 'reset' };
  const tmr = take(f.tooManyRequests);
  if (tmr) return { type: 'status', code: 429, reason: 'TooManyRequests', message: 'Too many requests, please try again later.', retryAfter: tmr.retryAfterSeconds };
  if (take(f.error500)) return { type: 'status', code: 500, reason: 'InternalError', message: 'Internal error occurred: etcdserver: request timed out' };
  if (hasContinue && take(f.expireContinue)) {
    return { type: 'status', code: 410, reason: 'Expired', message: 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.' };
  }
  return { type: 'none' };
}
