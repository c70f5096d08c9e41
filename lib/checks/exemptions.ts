import type { App } from '../apps/types';
import type { DrydockConfig, ExemptionRecord } from '../config/types';

export const EXEMPT_ANNOTATION = 'drydock.dev/exempt';
export const EXEMPT_REASON_ANNOTATION = 'drydock.dev/exempt-reason';

export interface ExemptionMatch {
  /** Human-readable: which exemption matched and why, e.g. `annotation drydock.dev/exempt on the workload: "node agent"`. */
  reason: string;
  source: 'annotation' | 'record';
  record?: ExemptionRecord;
}

/** Annotation exemptions of an app: check IDs from the workload and its pod template. */
function annotationExemptions(app: App): { ids: Set<string>; reason: string; where: string } | null {
  const sources: [string, Record<string, string> | undefined][] = [
    ['the workload', app.workload.metadata.annotations],
    ['the pod template', app.podMeta.annotations],
  ];
  const ids = new Set<string>();
  let reason = '';
  const where: string[] = [];
  for (const [label, annotations] of sources) {
    const value = annotations?.[EXEMPT_ANNOTATION];
    if (!value) continue;
    for (const id of value.split(',').map((s) => s.trim()).filter(Boolean)) ids.add(id);
    reason ||= annotations?.[EXEMPT_REASON_ANNOTATION] ?? '';
    where.push(label);
  }
  return ids.size ? { ids, reason, where: where.join(' and ') } : null;
}

function recordMatches(r: ExemptionRecord, app: App, check: string, container: string | null, now: Date): boolean {
  if (r.expires && new Date(r.expires).getTime() < now.getTime()) return false;
  if (!r.checks.includes('*') && !r.checks.includes(check)) return false;
  if (r.cluster && r.cluster !== app.cluster) return false;
  if (r.namespace && r.namespace !== app.namespace) return false;
  const appMatches = (ref: string | undefined) =>
    !ref || ref === app.id || ref === `${app.namespace}/${app.kind}/${app.name}` || ref === `${app.kind}/${app.name}` || ref === app.name;
  switch (r.scope) {
    case 'cluster':
    case 'namespace':
    case 'check':
      return appMatches(r.app);
    case 'app':
      return appMatches(r.app);
    case 'container':
      return appMatches(r.app) && container !== null && r.container === container;
  }
}

export class ExemptionMatcher {
  private readonly records: ExemptionRecord[];
  /** Annotation exemptions parsed once per app (match runs for every failing result). */
  private readonly annotations = new WeakMap<App, ReturnType<typeof annotationExemptions>>();

  constructor(
    private readonly config: DrydockConfig,
    private readonly now: Date,
    extraRecords: ExemptionRecord[] = [],
  ) {
    this.records = [...config.exemptions, ...extraRecords];
  }

  match(app: App, check: string, container: string | null): ExemptionMatch | null {
    for (const r of this.records) {
      if (recordMatches(r, app, check, container, this.now)) {
        const expiry = r.expires ? `, expires ${r.expires.slice(0, 10)}` : '';
        return { source: 'record', record: r, reason: `exemption (${r.scope}) by ${r.owner}: ${r.reason}${expiry}` };
      }
    }
    if (!this.config.ignoreAnnotationExemptions) {
      let a = this.annotations.get(app);
      if (a === undefined) {
        a = annotationExemptions(app);
        this.annotations.set(app, a);
      }
      if (a && (a.ids.has(check) || a.ids.has('*'))) {
        return { source: 'annotation', reason: `annotation ${EXEMPT_ANNOTATION} on ${a.where}${a.reason ? `: ${a.reason}` : ' (no drydock.dev/exempt-reason given)'}` };
      }
    }
    return null;
  }
}
