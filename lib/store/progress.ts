import { sql, type SelectQueryBuilder } from 'kysely';
import { TOPICS, type Severity, type Topic } from '../checks/types';
import { emptyVerdictCounts, meanScore, type Verdict } from '../scoring/score';
import type { Store } from './open-store';
import { fromTenths, listScans, type ScanSummary } from './scans';
import { SEVERITY_CODES, STATUS_CODES, VERDICT_CODES, type Database } from './schema';

/**
 * The progress views' queries: readiness over time for a scope, topic score trends, the critical
 * burn-down, what is new or fixed since the previous scan, and one app's timeline. Oldest first.
 */

/** Which apps a view covers. Empty = the fleet. Every field given must match (a namespace with its cluster). */
export interface Scope {
  cluster?: string;
  namespace?: string;
  team?: string;
  group?: string;
}

export interface HistoryRange {
  /** Only scans finished at or after this ISO time. */
  since?: string;
  /** Only the newest N scans. */
  limit?: number;
}

export interface VerdictPoint {
  scanId: string;
  finishedAt: string;
  apps: number;
  score: number | null;
  verdicts: Record<Verdict, number>;
}

export interface TopicPoint {
  scanId: string;
  finishedAt: string;
  topics: Record<Topic, number | null>;
}

export interface BurnDownPoint {
  scanId: string;
  finishedAt: string;
  /** Failing findings by severity (exempt ones do not count). */
  critical: number;
  warning: number;
  info: number;
}

export interface FindingRef {
  appId: string;
  check: string;
  topic: Topic;
  container: string | null;
  severity: Severity;
}

export interface ScanChanges {
  scanId: string;
  /** The previous scan of the same source (type and clusters); null when this is the first. */
  previousScanId: string | null;
  /** Fail now, not failing in the previous scan (apps present in both). */
  new: FindingRef[];
  /** Failing in the previous scan, not now (apps present in both); `now` says whether it passes or is exempt. */
  fixed: (FindingRef & { now: 'resolved' | 'exempt' })[];
  appsAdded: string[];
  appsRemoved: string[];
}

export interface TimelineEntry {
  scanId: string;
  finishedAt: string;
  score: number | null;
  verdict: Verdict;
  failing: number;
  /** Findings that started failing since the app's previous scan. */
  new: FindingRef[];
  /** Findings that stopped failing since the app's previous scan. */
  fixed: FindingRef[];
}

const VERDICTS = Object.keys(VERDICT_CODES) as Verdict[];

/** Run a per-scan query over scan ids in chunks (bounded IN lists: SQLite and PostgreSQL cap parameters). */
async function perScanChunks<R>(ids: number[], run: (chunk: number[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await run(ids.slice(i, i + 500))));
  return out;
}
const SEVERITIES = Object.keys(SEVERITY_CODES) as Severity[];
const isFleet = (s: Scope) => !s.cluster && !s.namespace && !s.team && !s.group;

/** Restrict a query joined with app_refs to a scope. */
function scoped<TB extends keyof Database, O>(query: SelectQueryBuilder<Database, TB | 'app_refs', O>, scope: Scope): SelectQueryBuilder<Database, TB | 'app_refs', O> {
  // Every caller joins app_refs; narrowing the table set lets Kysely type the column references.
  let q = query as unknown as SelectQueryBuilder<Database, 'app_refs', O>;
  if (scope.cluster !== undefined) q = q.where('app_refs.cluster', '=', scope.cluster);
  if (scope.namespace !== undefined) q = q.where('app_refs.namespace', '=', scope.namespace);
  if (scope.team !== undefined) q = q.where('app_refs.team', '=', scope.team);
  if (scope.group !== undefined) q = q.where('app_refs.grp', '=', scope.group);
  return q as unknown as SelectQueryBuilder<Database, TB | 'app_refs', O>;
}

/** The scans in range, oldest first. */
async function scansInRange(store: Store, range: HistoryRange): Promise<ScanSummary[]> {
  return (await listScans(store, range)).reverse();
}

async function scanIdsInRange(store: Store, range: HistoryRange): Promise<{ id: number; scan_id: string; finished_at: string }[]> {
  let q = store.db.selectFrom('scans').select(['id', 'scan_id', 'finished_at']).orderBy('finished_at', 'desc').orderBy('id', 'desc');
  if (range.since) q = q.where('finished_at', '>=', range.since);
  if (range.limit) q = q.limit(range.limit);
  return (await q.execute()).reverse();
}

/** Readiness verdicts (and the mean app score) per scan for a scope, oldest first. */
export async function verdictHistory(store: Store, scope: Scope = {}, range: HistoryRange = {}): Promise<VerdictPoint[]> {
  if (isFleet(scope)) {
    return (await scansInRange(store, range)).map((s) => ({ scanId: s.scanId, finishedAt: s.finishedAt, apps: s.apps, score: s.score, verdicts: s.verdicts }));
  }
  const scans = await scanIdsInRange(store, range);
  if (!scans.length) return [];
  const rows = await perScanChunks(
    scans.map((s) => s.id),
    (ids) =>
      scoped(
        store.db
          .selectFrom('scan_apps')
          .innerJoin('app_refs', 'app_refs.id', 'scan_apps.app')
          .select((eb) => [
            'scan_apps.scan as scan',
            'scan_apps.verdict as verdict',
            eb.fn.countAll().as('n'),
            eb.fn.count('scan_apps.score_x10').as('scored'),
            eb.fn.sum('scan_apps.score_x10').as('total'),
          ])
          .where('scan_apps.scan', 'in', ids)
          .groupBy(['scan_apps.scan', 'scan_apps.verdict']),
        scope,
      ).execute(),
  );
  const by = new Map<number, { apps: number; scored: number; total: number; verdicts: Record<Verdict, number> }>();
  for (const r of rows) {
    let p = by.get(r.scan);
    if (!p) by.set(r.scan, (p = { apps: 0, scored: 0, total: 0, verdicts: emptyVerdictCounts() }));
    const n = Number(r.n);
    p.apps += n;
    p.scored += Number(r.scored);
    p.total += Number(r.total ?? 0);
    p.verdicts[VERDICTS[r.verdict] ?? 'unknown'] += n;
  }
  return scans.flatMap((s) => {
    const p = by.get(s.id);
    if (!p) return [];
    const score = p.scored ? meanScore([p.total / 10 / p.scored]) : null;
    return [{ scanId: s.scan_id, finishedAt: s.finished_at, apps: p.apps, score, verdicts: p.verdicts }];
  });
}

/** The score of each topic per scan for a scope (the mean of its apps' topic scores), oldest first. */
export async function topicTrend(store: Store, scope: Scope = {}, range: HistoryRange = {}): Promise<TopicPoint[]> {
  if (isFleet(scope)) return (await scansInRange(store, range)).map((s) => ({ scanId: s.scanId, finishedAt: s.finishedAt, topics: s.topics }));
  const scans = await scanIdsInRange(store, range);
  if (!scans.length) return [];
  const rows = await perScanChunks(
    scans.map((s) => s.id),
    (ids) =>
      scoped(
        store.db
          .selectFrom('scan_apps')
          .innerJoin('app_refs', 'app_refs.id', 'scan_apps.app')
          .select(['scan_apps.scan as scan', 'scan_apps.topic_scores as topic_scores'])
          .where('scan_apps.scan', 'in', ids),
        scope,
      ).execute(),
  );
  const by = new Map<number, (number | null)[][]>();
  for (const r of rows) {
    let cols = by.get(r.scan);
    if (!cols) by.set(r.scan, (cols = TOPICS.map(() => [])));
    r.topic_scores.split(',').forEach((v, i) => cols![i]?.push(v === '' ? null : Number(v) / 10));
  }
  return scans.flatMap((s) => {
    const cols = by.get(s.id);
    if (!cols) return [];
    return [{ scanId: s.scan_id, finishedAt: s.finished_at, topics: Object.fromEntries(TOPICS.map((t, i) => [t, meanScore(cols[i]!)])) as Record<Topic, number | null> }];
  });
}

/** Failing findings by severity per scan for a scope (critical first: the burn-down), oldest first. */
export async function findingsBurnDown(store: Store, scope: Scope = {}, range: HistoryRange = {}): Promise<BurnDownPoint[]> {
  const scans = await scanIdsInRange(store, range);
  if (!scans.length) return [];
  // A scope's points are the scans that saw any of its apps (a scan with no criticals counts zero).
  const present = isFleet(scope) ? null : new Set((await verdictHistory(store, scope, range)).map((p) => p.scanId));
  const rows = await perScanChunks(
    scans.map((s) => s.id),
    (ids) =>
      scoped(
        store.db
          .selectFrom('findings')
          .innerJoin('app_refs', 'app_refs.id', 'findings.app')
          .select((eb) => ['findings.scan as scan', 'findings.severity as severity', eb.fn.countAll().as('n')])
          .where('findings.scan', 'in', ids)
          .where('findings.status', '=', STATUS_CODES.fail)
          .groupBy(['findings.scan', 'findings.severity']),
        scope,
      ).execute(),
  );
  const counts = new Map<number, BurnDownPoint>();
  for (const s of scans) {
    if (!present || present.has(s.scan_id)) counts.set(s.id, { scanId: s.scan_id, finishedAt: s.finished_at, critical: 0, warning: 0, info: 0 });
  }
  for (const r of rows) {
    const p = counts.get(r.scan);
    const sev = SEVERITIES[r.severity];
    if (p && sev) p[sev] += Number(r.n);
  }
  return [...counts.values()];
}

interface FailRow {
  app_id: string;
  check_id: string;
  topic: string;
  container: string;
  status: number;
  severity: number;
}

const refOf = (r: FailRow): FindingRef => ({
  appId: r.app_id,
  check: r.check_id,
  topic: r.topic as Topic,
  container: r.container === '' ? null : r.container,
  severity: SEVERITIES[r.severity] ?? 'info',
});
const keyOf = (r: FailRow) => `${r.app_id}\u0000${r.check_id}\u0000${r.container}`;

async function findingRows(store: Store, scans: number[], scope: Scope, apps?: number[]): Promise<(FailRow & { scan: number })[]> {
  if (!scans.length) return [];
  let q = store.db
    .selectFrom('findings')
    .innerJoin('app_refs', 'app_refs.id', 'findings.app')
    .innerJoin('check_refs', 'check_refs.id', 'findings.check_ref')
    .select(['findings.scan as scan', 'app_refs.app_id as app_id', 'check_refs.check_id as check_id', 'check_refs.topic as topic', 'findings.container as container', 'findings.status as status', 'findings.severity as severity'])
    .where('findings.scan', 'in', scans);
  if (apps) q = q.where('findings.app', 'in', apps);
  return scoped(q, scope).execute();
}

async function appIdsOf(store: Store, scan: number, scope: Scope): Promise<Set<string>> {
  const rows = await scoped(
    store.db.selectFrom('scan_apps').innerJoin('app_refs', 'app_refs.id', 'scan_apps.app').select('app_refs.app_id as app_id').where('scan_apps.scan', '=', scan),
    scope,
  ).execute();
  return new Set(rows.map((r) => r.app_id));
}

/**
 * What is new and what is fixed in a scan (default: the newest) since the previous scan of the same
 * source, for a scope. Null when the scan is not stored.
 */
export async function changesSinceLastScan(store: Store, opts: { scanId?: string; scope?: Scope } = {}): Promise<ScanChanges | null> {
  const scope = opts.scope ?? {};
  const cols = ['id', 'scan_id', 'finished_at', 'source_type', 'clusters'] as const;
  const current = opts.scanId
    ? await store.db.selectFrom('scans').select(cols).where('scan_id', '=', opts.scanId).executeTakeFirst()
    : await store.db.selectFrom('scans').select(cols).orderBy('finished_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!current) return null;
  const previous = await store.db
    .selectFrom('scans')
    .select(cols)
    .where('source_type', '=', current.source_type)
    .where('clusters', '=', current.clusters)
    .where((eb) => eb.or([eb('finished_at', '<', current.finished_at), eb.and([eb('finished_at', '=', current.finished_at), eb('id', '<', current.id)])]))
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const nowApps = await appIdsOf(store, current.id, scope);
  if (!previous) return { scanId: current.scan_id, previousScanId: null, new: [], fixed: [], appsAdded: [...nowApps].sort(), appsRemoved: [] };
  const beforeApps = await appIdsOf(store, previous.id, scope);
  const rows = await findingRows(store, [current.id, previous.id], scope);
  const now = new Map<string, FailRow>();
  const before = new Map<string, FailRow>();
  for (const r of rows) (r.scan === current.id ? now : before).set(keyOf(r), r);
  const isFail = (r: FailRow | undefined) => r?.status === STATUS_CODES.fail;
  const added = [...now.values()].filter((r) => isFail(r) && beforeApps.has(r.app_id) && !isFail(before.get(keyOf(r)))).map(refOf);
  const fixed = [...before.values()]
    .filter((r) => isFail(r) && nowApps.has(r.app_id) && !isFail(now.get(keyOf(r))))
    .map((r) => ({ ...refOf(r), now: now.get(keyOf(r))?.status === STATUS_CODES.exempt ? ('exempt' as const) : ('resolved' as const) }));
  const order = (a: FindingRef, b: FindingRef) => a.appId.localeCompare(b.appId) || a.check.localeCompare(b.check) || (a.container ?? '').localeCompare(b.container ?? '');
  return {
    scanId: current.scan_id,
    previousScanId: previous.scan_id,
    new: added.sort(order),
    fixed: fixed.sort(order),
    appsAdded: [...nowApps].filter((a) => !beforeApps.has(a)).sort(),
    appsRemoved: [...beforeApps].filter((a) => !nowApps.has(a)).sort(),
  };
}

/** One app's score and verdict in every scan that saw it, with the findings that changed, oldest first. */
export async function appTimeline(store: Store, appId: string, range: HistoryRange = {}): Promise<TimelineEntry[]> {
  let q = store.db
    .selectFrom('scan_apps')
    .innerJoin('app_refs', 'app_refs.id', 'scan_apps.app')
    .innerJoin('scans', 'scans.id', 'scan_apps.scan')
    .select(['scans.id as scan', 'scans.scan_id as scan_id', 'scans.finished_at as finished_at', 'scan_apps.app as app', 'scan_apps.score_x10 as score_x10', 'scan_apps.verdict as verdict'])
    .where('app_refs.app_id', '=', appId)
    .orderBy('scans.finished_at', 'desc')
    .orderBy('scans.id', 'desc');
  if (range.since) q = q.where('scans.finished_at', '>=', range.since);
  if (range.limit) q = q.limit(range.limit);
  const points = (await q.execute()).reverse();
  const failing = new Map<number, Map<string, FailRow>>();
  const apps = [...new Set(points.map((p) => p.app))];
  for (let i = 0; i < points.length; i += 500) {
    for (const r of await findingRows(store, points.slice(i, i + 500).map((p) => p.scan), {}, apps)) {
      if (r.status !== STATUS_CODES.fail) continue;
      let m = failing.get(r.scan);
      if (!m) failing.set(r.scan, (m = new Map()));
      m.set(keyOf(r), r);
    }
  }
  let prev: Map<string, FailRow> | null = null;
  return points.map((p) => {
    const cur = failing.get(p.scan) ?? new Map<string, FailRow>();
    const entry: TimelineEntry = {
      scanId: p.scan_id,
      finishedAt: p.finished_at,
      score: fromTenths(p.score_x10),
      verdict: VERDICTS[p.verdict] ?? 'unknown',
      failing: cur.size,
      new: prev ? [...cur].filter(([k]) => !prev!.has(k)).map(([, r]) => refOf(r)) : [],
      fixed: prev ? [...prev].filter(([k]) => !cur.has(k)).map(([, r]) => refOf(r)) : [],
    };
    prev = cur;
    return entry;
  });
}

/** For tests and tools: row counts per table. */
export async function tableCounts(store: Store): Promise<Record<keyof Database, number>> {
  const tables: (keyof Database)[] = ['scans', 'app_refs', 'check_refs', 'scan_apps', 'findings', 'exemptions', 'audit_log'];
  const out = {} as Record<keyof Database, number>;
  for (const t of tables) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(store.db);
    out[t] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}
