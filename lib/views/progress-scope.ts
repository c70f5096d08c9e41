/**
 * The progress views' scope (`?scope=fleet|cluster|namespace|team|group&value=…`). No imports: the
 * scope picker (a client component) uses it too.
 */

/** A scope the progress views cannot show; the API answers it with a 400. */
export class ProgressScopeError extends Error {}
export const PROGRESS_SCOPE_TYPES = ['fleet', 'cluster', 'namespace', 'team', 'group'] as const;
export type ProgressScopeType = (typeof PROGRESS_SCOPE_TYPES)[number];

/** `value` of a namespace scope is `<cluster>/<namespace>` (cluster `-` for manifests). */
export type ProgressScope = { type: 'fleet' } | { type: Exclude<ProgressScopeType, 'fleet'>; value: string };

/** The store's scope shape (lib/store/progress.ts `Scope`), repeated so this module stays pure. */
export interface StoreScope {
  cluster?: string;
  namespace?: string;
  team?: string;
  group?: string;
}

const MAX_VALUE = 600;

export function parseProgressScope(scope: string | null | undefined, value: string | null | undefined): ProgressScope {
  const type = (scope ?? '').trim() || 'fleet';
  if (!(PROGRESS_SCOPE_TYPES as readonly string[]).includes(type)) {
    throw new ProgressScopeError(`scope must be one of ${PROGRESS_SCOPE_TYPES.join(', ')} (got "${type}")`);
  }
  if (type === 'fleet') return { type: 'fleet' };
  const v = (value ?? '').trim();
  if (!v) throw new ProgressScopeError(`scope ${type} needs a value, e.g. value=${EXAMPLE[type]}`);
  if (v.length > MAX_VALUE) throw new ProgressScopeError(`value is longer than ${MAX_VALUE} characters`);
  if (type === 'namespace') {
    const parts = v.split('/');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new ProgressScopeError(`a namespace scope's value is <cluster>/<namespace> (cluster "-" for manifests), got "${v}"`);
  }
  return { type: type as Exclude<ProgressScopeType, 'fleet'>, value: v };
}

const EXAMPLE: Record<string, string> = { cluster: 'prod-eu', namespace: 'prod-eu/shop', team: 'payments', group: 'checkout' };

export function storeScopeOf(s: ProgressScope): StoreScope {
  switch (s.type) {
    case 'fleet':
      return {};
    case 'cluster':
      return { cluster: s.value };
    case 'namespace': {
      const [cluster, namespace] = s.value.split('/') as [string, string];
      return { cluster, namespace };
    }
    case 'team':
      return { team: s.value };
    case 'group':
      return { group: s.value };
  }
}

export function progressScopeLabel(s: ProgressScope): string {
  if (s.type === 'fleet') return 'the fleet';
  if (s.type === 'namespace' && s.value.startsWith('-/')) return `namespace ${s.value.slice(2)}`;
  return `${s.type} ${s.value}`;
}

export function progressSearch(s: ProgressScope): string {
  return s.type === 'fleet' ? '' : `?${new URLSearchParams({ scope: s.type, value: s.value }).toString()}`;
}

export function progressHref(s: ProgressScope): string {
  return `/progress${progressSearch(s)}`;
}

/** `team:payments` — one string per scope, for a single <select>. */
export function scopeKey(s: ProgressScope): string {
  return s.type === 'fleet' ? 'fleet' : `${s.type}:${s.value}`;
}

export function scopeFromKey(key: string): ProgressScope {
  const i = key.indexOf(':');
  return i < 0 ? parseProgressScope(key, null) : parseProgressScope(key.slice(0, i), key.slice(i + 1));
}

/** The parts of a report app id (`cluster/namespace/kind/name`; names hold no slash), for links. */
export function appKeyOfId(id: string): { cluster: string; namespace: string; kind: string; name: string } | null {
  const parts = id.split('/');
  if (parts.length !== 4 || parts.some((p) => !p)) return null;
  const [cluster, namespace, kind, name] = parts as [string, string, string, string];
  return { cluster, namespace, kind, name };
}
