import { z } from 'zod';
import { TOPICS, type Topic } from '../checks/types';
import type { Grade, Verdict } from '../scoring/score';

/** The filter value for apps without a team (the roll-ups use the same key). */
export const NO_TEAM = '(no team)';

export const VERDICTS = ['notReady', 'unknown', 'readyWithConditions', 'ready'] as const satisfies readonly Verdict[];
export const GRADES = ['A', 'B', 'C', 'D', 'F', 'none'] as const;
export const MANAGED_BY = ['helm', 'argocd', 'flux', 'kubectl', 'none'] as const;
export const SORT_KEYS = ['verdict', 'score', 'grade', 'name', 'cluster', 'namespace', 'kind', 'group', 'team', 'qos', 'replicas', 'criticals', ...TOPICS.map((t) => `topic:${t}` as const)] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const VERDICT_TITLES: Record<Verdict, string> = {
  ready: 'Ready',
  readyWithConditions: 'Ready with conditions',
  notReady: 'Not ready',
  unknown: 'Unknown',
};

/** Filters of the apps list; they live in the URL (`?verdict=notReady&check=…`). */
export interface AppFilters {
  cluster: string[];
  namespace: string[];
  team: string[];
  group: string[];
  verdict: Verdict[];
  grade: (Grade | 'none')[];
  topic: Topic[];
  check: string[];
  managedBy: (typeof MANAGED_BY)[number][];
  q: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

export const FILTER_FIELDS = ['cluster', 'namespace', 'team', 'group', 'verdict', 'grade', 'topic', 'check', 'managedBy'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const EMPTY_FILTERS: AppFilters = { cluster: [], namespace: [], team: [], group: [], verdict: [], grade: [], topic: [], check: [], managedBy: [], q: '', sort: 'verdict', dir: 'asc' };

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** Every value of a parameter: repeated (`?verdict=a&verdict=b`) or comma separated (`?verdict=a,b`). */
function valuesOf(params: RawParams, key: string): string[] {
  const raw = params instanceof URLSearchParams ? params.getAll(key) : ([] as string[]).concat(params[key] ?? []);
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

const list = <T extends z.ZodType<string>>(item: T) => z.array(item).max(200, 'at most 200 values').default([]);
const name = z.string().max(253, 'names are at most 253 characters');

/** Strict form, for the API: an unknown verdict or sort key is a 400 that names it. */
export const appFiltersSchema = z.object({
  cluster: list(name),
  namespace: list(name),
  team: list(name),
  group: list(name),
  verdict: list(z.enum(VERDICTS, { error: (i) => `verdict must be one of ${VERDICTS.join(', ')} (got "${String(i.input)}")` })),
  grade: list(z.enum(GRADES, { error: (i) => `grade must be one of ${GRADES.join(', ')} (got "${String(i.input)}")` })),
  topic: list(z.enum(TOPICS, { error: (i) => `topic must be one of ${TOPICS.join(', ')} (got "${String(i.input)}")` })),
  check: list(z.string().regex(/^[a-z0-9-]{1,80}$/, 'check must be a check ID such as probe-exec-zombie-risk')),
  managedBy: list(z.enum(MANAGED_BY, { error: (i) => `managedBy must be one of ${MANAGED_BY.join(', ')} (got "${String(i.input)}")` })),
  q: z.string().max(200, 'q is at most 200 characters').default(''),
  sort: z.enum(SORT_KEYS, { error: (i) => `sort must be one of ${SORT_KEYS.join(', ')} (got "${String(i.input)}")` }).default('verdict'),
  dir: z.enum(['asc', 'desc'], { error: 'dir must be asc or desc' }).default('asc'),
});

/** The raw object zod validates: list fields as arrays, scalars as their last value. */
export function rawFilters(params: RawParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FILTER_FIELDS) out[f] = valuesOf(params, f);
  for (const k of ['q', 'sort', 'dir'] as const) {
    const v = params instanceof URLSearchParams ? params.get(k) : ([] as string[]).concat(params[k] ?? [])[0];
    if (v !== null && v !== undefined && v !== '') out[k] = v;
  }
  return out;
}

/** Lenient form, for pages: values that are not valid are dropped, so an old link still opens. */
export function parseAppFilters(params: RawParams): AppFilters {
  const raw = rawFilters(params);
  const strict = appFiltersSchema.safeParse(raw);
  if (strict.success) return strict.data;
  const out: AppFilters = { ...EMPTY_FILTERS };
  const shape = appFiltersSchema.shape;
  for (const f of FILTER_FIELDS) {
    const item = shape[f].unwrap().element as z.ZodType<string>;
    (out as unknown as Record<string, string[]>)[f] = ((raw[f] as string[]) ?? []).filter((v) => item.safeParse(v).success).slice(0, 200);
  }
  for (const k of ['q', 'sort', 'dir'] as const) {
    const r = shape[k].safeParse(raw[k]);
    if (r.success) (out as unknown as Record<string, unknown>)[k] = r.data;
  }
  return out;
}

/** `?…` for a set of filters; defaults are left out so links stay short. */
export function filtersToSearch(f: Partial<AppFilters>, extra: Record<string, string | null | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    const v = f[field];
    if (v?.length) p.set(field, v.join(','));
  }
  if (f.q) p.set('q', f.q);
  if (f.sort && f.sort !== 'verdict') p.set('sort', f.sort);
  if (f.dir && f.dir !== 'asc') p.set('dir', f.dir);
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function activeFilterCount(f: AppFilters): number {
  return FILTER_FIELDS.reduce((n, k) => n + f[k].length, 0) + (f.q ? 1 : 0);
}
