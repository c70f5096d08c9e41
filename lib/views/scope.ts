import { rollupsOf, summaryOf } from '../report/build-report';
import type { AppReport, Report } from '../report/types';
import { NO_TEAM } from './app-filters';

/**
 * What an export or a patch bundle covers: `fleet`, `cluster:<name>`, `namespace:<cluster>/<ns>`,
 * `team:<name>` or `app:<cluster>/<namespace>/<kind>/<name>` (cluster `-` for manifests).
 */
export type Scope =
  | { type: 'fleet' }
  | { type: 'cluster'; cluster: string }
  | { type: 'namespace'; cluster: string; namespace: string }
  | { type: 'team'; team: string }
  | { type: 'app'; id: string };

export class ScopeError extends Error {}

export function parseScope(raw: string | null | undefined): Scope {
  const s = (raw ?? 'fleet').trim();
  if (s === '' || s === 'fleet') return { type: 'fleet' };
  const i = s.indexOf(':');
  const type = i < 0 ? s : s.slice(0, i);
  const value = i < 0 ? '' : s.slice(i + 1);
  if (!['cluster', 'namespace', 'team', 'app'].includes(type)) {
    throw new ScopeError(`scope must be fleet, cluster:<name>, namespace:<cluster>/<namespace>, team:<name> or app:<cluster>/<namespace>/<kind>/<name> (got "${s}")`);
  }
  if (!value) throw new ScopeError(`scope ${type}: needs a value, e.g. ${type}:${EXAMPLE[type]}`);
  if (type === 'cluster') return { type, cluster: value };
  if (type === 'team') return { type, team: value };
  const parts = value.split('/');
  if (type === 'namespace') {
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new ScopeError(`scope namespace: must be namespace:<cluster>/<namespace> (cluster "-" for manifests), got "${value}"`);
    return { type, cluster: parts[0], namespace: parts[1] };
  }
  if (parts.length !== 4 || parts.some((p) => !p)) throw new ScopeError(`scope app: must be app:<cluster>/<namespace>/<kind>/<name>, got "${value}"`);
  return { type: 'app', id: value };
}

const EXAMPLE: Record<string, string> = { cluster: 'prod-eu', namespace: 'prod-eu/shop', team: 'payments', app: 'prod-eu/shop/Deployment/cart' };

export function scopeString(s: Scope): string {
  switch (s.type) {
    case 'fleet':
      return 'fleet';
    case 'cluster':
      return `cluster:${s.cluster}`;
    case 'namespace':
      return `namespace:${s.cluster}/${s.namespace}`;
    case 'team':
      return `team:${s.team}`;
    case 'app':
      return `app:${s.id}`;
  }
}

export function scopeLabel(s: Scope): string {
  switch (s.type) {
    case 'fleet':
      return 'the fleet';
    case 'cluster':
      return `cluster ${s.cluster}`;
    case 'namespace':
      return `namespace ${s.cluster === '-' ? '' : `${s.cluster}/`}${s.namespace}`;
    case 'team':
      return `team ${s.team}`;
    case 'app':
      return `app ${s.id}`;
  }
}

export function inScope(s: Scope): (a: AppReport) => boolean {
  switch (s.type) {
    case 'fleet':
      return () => true;
    case 'cluster':
      return (a) => a.cluster === s.cluster;
    case 'namespace':
      return (a) => a.cluster === s.cluster && a.namespace === s.namespace;
    case 'team':
      return (a) => (a.team ?? NO_TEAM) === s.team;
    case 'app':
      return (a) => a.id === s.id;
  }
}

/**
 * The report narrowed to a scope: its apps, summary and roll-ups recomputed, the errors of the
 * clusters (and namespace) concerned. Still a valid report-schema document.
 */
export function scopeReport(report: Report, scope: Scope): Report {
  if (scope.type === 'fleet') return report;
  const apps = report.apps.filter(inScope(scope));
  const clusters = new Set(apps.map((a) => a.cluster));
  if (scope.type === 'cluster' || scope.type === 'namespace') clusters.add(scope.cluster);
  const errors = report.errors.filter((e) => clusters.has(e.cluster) && (scope.type !== 'namespace' || e.namespace === null || e.namespace === scope.namespace));
  return {
    ...report,
    source: { ...report.source, clusters: report.source.clusters.filter((c) => clusters.has(c)) },
    summary: summaryOf(apps),
    apps,
    errors,
    rollups: rollupsOf(apps),
  };
}
