import 'server-only';
import { z } from 'zod';
import {
  appTimeline,
  changesSinceLastScan,
  findingsBurnDown,
  listScans,
  topicTrend,
  verdictHistory,
  type BurnDownPoint,
  type ScanChanges,
  type ScanSummary,
  type Store,
  type TimelineEntry,
  type TopicPoint,
  type VerdictPoint,
} from '../store';
import { parseProgressScope, progressScopeLabel, ProgressScopeError, storeScopeOf, type ProgressScope } from '../views/progress-scope';
import { HttpError, requireHistoryStore, storeOffMessage } from './http';
import { getScanService } from './scan-service';

/**
 * The progress views' shared logic (API routes and the /progress page): which scans make a trend,
 * the scope choices the history offers, and the store queries narrowed to them.
 *
 * A trend follows one source: the clusters of the newest cluster scan (else of the newest scan).
 * Mixing an upload of three manifests into a fleet of 400 apps would make every chart jump.
 */
export const STORE_OFF_MESSAGE = storeOffMessage('the progress views need it');

/** Points a trend shows at most (the newest), unless the request asks for fewer. */
export const MAX_POINTS = 200;

export function requireProgressStore(svcStore?: Promise<Store | null>): Promise<Store> {
  return requireHistoryStore('the progress views need it', svcStore);
}

const isoTime = (what: string) =>
  z
    .string({ error: `${what} must be a date (YYYY-MM-DD) or date-time` })
    .max(40)
    .refine((s) => !Number.isNaN(Date.parse(s)), `${what} must be a date (YYYY-MM-DD) or date-time`)
    .transform((s) => new Date(s).toISOString())
    .optional();

export const progressQuerySchema = z.object({
  scope: z.string().max(20).optional(),
  value: z.string().max(600).optional(),
  from: isoTime('from'),
  to: isoTime('to'),
  limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(2, 'limit must be at least 2').max(MAX_POINTS, `limit is at most ${MAX_POINTS}`).optional(),
});
export type ProgressQuery = z.output<typeof progressQuerySchema>;

export const changesQuerySchema = z.object({
  scope: z.string().max(20).optional(),
  value: z.string().max(600).optional(),
  scan: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'scan must be a scan id such as scan-20261126T100000Z-a1b2c3').optional(),
});

export const appQuerySchema = z.object({
  id: z.string({ error: 'id is required: the app id cluster/namespace/kind/name' }).regex(/^[^/]{1,253}\/[^/]{1,253}\/[A-Za-z]{1,40}\/[^/]{1,253}$/, 'id must be an app id: cluster/namespace/kind/name (cluster "-" for manifests)'),
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(MAX_POINTS).optional(),
});

/** The scope of a request, or the 400 that says what is wrong with it. */
export function scopeOfQuery(q: { scope?: string; value?: string }): ProgressScope {
  try {
    return parseProgressScope(q.scope, q.value);
  } catch (e) {
    if (e instanceof ProgressScopeError) throw new HttpError(400, e.message);
    throw e;
  }
}

export interface TrendSource {
  type: string;
  clusters: string[];
}

export interface ScopeChoices {
  clusters: string[];
  /** `<cluster>/<namespace>`. */
  namespaces: string[];
  teams: string[];
  groups: string[];
}

export interface ProgressData {
  scope: ProgressScope;
  label: string;
  /** The source the trend follows; null when nothing is stored. */
  source: TrendSource | null;
  verdicts: VerdictPoint[];
  topics: TopicPoint[];
  burnDown: BurnDownPoint[];
}

const sameSource = (a: TrendSource, b: TrendSource) => a.type === b.type && a.clusters.join('\u0000') === b.clusters.join('\u0000');

/** The scans of the trend's source in a time range, newest first. */
async function seriesScans(store: Store, range: { from?: string; to?: string }): Promise<{ source: TrendSource | null; scans: ScanSummary[] }> {
  const all = (await listScans(store, { since: range.from })).filter((s) => !range.to || s.finishedAt <= range.to);
  const head = all.find((s) => s.source.type === 'cluster') ?? all[0];
  if (!head) return { source: null, scans: [] };
  const source = { type: head.source.type, clusters: head.source.clusters };
  return { source, scans: all.filter((s) => sameSource(s.source, source)) };
}

/** Verdicts, topic scores and the burn-down of a scope over the trend's scans, oldest first. */
export async function progressData(store: Store, scope: ProgressScope, q: Pick<ProgressQuery, 'from' | 'to' | 'limit'> = {}): Promise<ProgressData> {
  const { source, scans } = await seriesScans(store, q);
  const base = { scope, label: progressScopeLabel(scope), source };
  if (!scans.length) return { ...base, verdicts: [], topics: [], burnDown: [] };
  const keep = new Set(scans.slice(0, q.limit ?? MAX_POINTS).map((s) => s.scanId));
  const since = scans[Math.min(scans.length, q.limit ?? MAX_POINTS) - 1]!.finishedAt;
  const s = storeScopeOf(scope);
  const range = { since };
  const [verdicts, topics, burnDown] = await Promise.all([verdictHistory(store, s, range), topicTrend(store, s, range), findingsBurnDown(store, s, range)]);
  const mine = <T extends { scanId: string }>(points: T[]) => points.filter((p) => keep.has(p.scanId));
  return { ...base, verdicts: mine(verdicts), topics: mine(topics), burnDown: mine(burnDown) };
}

/** The clusters, namespaces, teams and groups the stored scans have seen (apps with no team are left out). */
export async function scopeChoices(store: Store): Promise<ScopeChoices> {
  const rows = await store.db.selectFrom('app_refs').select(['cluster', 'namespace', 'team', 'grp']).distinct().execute();
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].filter((x) => x !== '').sort((a, b) => a.localeCompare(b));
  return {
    clusters: sorted(rows.map((r) => r.cluster)),
    namespaces: sorted(rows.map((r) => `${r.cluster}/${r.namespace}`)),
    teams: sorted(rows.map((r) => r.team)),
    groups: sorted(rows.map((r) => r.grp)),
  };
}

export interface ChangesView extends ScanChanges {
  finishedAt: string;
  previousFinishedAt: string | null;
}

/**
 * What is new and fixed in a scan (default: the newest of the trend's source) since the previous
 * scan of the same source, narrowed to a scope. Null when no such scan is stored.
 */
export async function scopedChanges(store: Store, scope: ProgressScope, scanId?: string): Promise<ChangesView | null> {
  let id = scanId;
  if (!id) {
    const { scans } = await seriesScans(store, {});
    id = scans[0]?.scanId;
    if (!id) return null;
  }
  const changes = await changesSinceLastScan(store, { scanId: id, scope: storeScopeOf(scope) });
  if (!changes) return null;
  const times = await store.db
    .selectFrom('scans')
    .select(['scan_id', 'finished_at'])
    .where('scan_id', 'in', [changes.scanId, ...(changes.previousScanId ? [changes.previousScanId] : [])])
    .execute();
  const at = (sid: string | null) => times.find((t) => t.scan_id === sid)?.finished_at ?? null;
  return { ...changes, finishedAt: at(changes.scanId) ?? '', previousFinishedAt: at(changes.previousScanId) };
}

export type AppHistory = { state: 'off'; message: string } | { state: 'error'; message: string } | { state: 'ok'; entries: TimelineEntry[] };

/** One app's timeline for its scorecard; never throws (the scorecard renders without it). */
export async function appHistory(appId: string, limit = 30, storePromise?: Promise<Store | null>): Promise<AppHistory> {
  try {
    const store = await (storePromise ?? getScanService().historyStore());
    if (!store) return { state: 'off', message: STORE_OFF_MESSAGE };
    return { state: 'ok', entries: await appTimeline(store, appId, { limit }) };
  } catch (e) {
    return { state: 'error', message: (e as Error)?.message ?? String(e) };
  }
}

export type ProgressPage =
  | { state: 'off'; message: string }
  | { state: 'ok'; choices: ScopeChoices; data: ProgressData; changes: ChangesView | null };

/** Everything the /progress page shows for a scope. */
export async function progressPage(scope: ProgressScope, storePromise?: Promise<Store | null>): Promise<ProgressPage> {
  const store = await (storePromise ?? getScanService().historyStore());
  if (!store) return { state: 'off', message: STORE_OFF_MESSAGE };
  const [choices, data, changes] = await Promise.all([scopeChoices(store), progressData(store, scope), scopedChanges(store, scope)]);
  return { state: 'ok', choices, data, changes };
}
