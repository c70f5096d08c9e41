import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants as zlibConstants, inflate } from 'node:zlib';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { TOPICS, type Topic } from '../checks/types';
import type { Report } from '../report/types';
import type { Grade, Verdict } from '../scoring/score';
import type { Store } from './open-store';
import { SEVERITY_CODES, STATUS_CODES, VERDICT_CODES, type AppRefsTable, type Database } from './schema';

const brotliAsync = promisify(brotliCompress);
const unbrotliAsync = promisify(brotliDecompress);
const inflateAsync = promisify(inflate);

/**
 * The report is kept once per scan, compressed with Brotli (node:zlib) at quality 4 and a 16 MB
 * window: on a 10,000-app report (330 MB of JSON) that is 10.5 MB in ~1.4 s, against 35 MB in ~3 s
 * for deflate level 6 — the window reaches back across the many near-identical apps.
 * `scans.report_encoding` names the codec ('br'; 'deflate' is read too) so it can change later.
 */
export const REPORT_ENCODING = 'br';

export async function compressReport(report: Report): Promise<Buffer> {
  const json = Buffer.from(JSON.stringify(report));
  return brotliAsync(json, {
    // Large chunks: the default 16 KB makes the thread-pool round trips cost more than the compression.
    chunkSize: 4 << 20,
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: 4,
      [zlibConstants.BROTLI_PARAM_LGWIN]: 24,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: json.length,
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
    },
  });
}

async function decompressReport(data: Buffer, encoding: string): Promise<Report> {
  const json = encoding === 'deflate' ? await inflateAsync(data, { chunkSize: 4 << 20 }) : await unbrotliAsync(data, { chunkSize: 4 << 20 });
  return JSON.parse(json.toString('utf8')) as Report;
}

/** Rows per multi-row INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const BATCH_ROWS = 1000;

export const toTenths = (score: number | null): number | null => (score === null ? null : Math.round(score * 10));
export const fromTenths = (v: number | null): number | null => (v === null ? null : v / 10);

export interface ScanSummary {
  scanId: string;
  startedAt: string;
  finishedAt: string;
  source: { type: string; clusters: string[] };
  apps: number;
  score: number | null;
  grade: Grade | null;
  verdicts: Record<Verdict, number>;
  topics: Record<Topic, number | null>;
  /** Failing critical findings. */
  critical: number;
  /** Size of the stored (compressed) report; 0 once the report has been pruned. */
  reportBytes: number;
  /** False once report retention dropped the full report (the rows remain). */
  reportKept: boolean;
}

export interface SaveScanOptions {
  /** Test hook: called inside the transaction after each batch of rows (the kill-mid-write test). */
  onBatch?: (table: 'scan_apps' | 'findings', rowsWritten: number) => void | Promise<void>;
}

export class DuplicateScanError extends Error {}

/**
 * Keep a finished scan: its report (compressed), one row per app and one per fail/exempt finding,
 * all in one transaction — a crash mid-write leaves the store as it was. Then applies retention.
 * Throws DuplicateScanError when the scan ID is already stored.
 */
export async function saveScan(store: Store, report: Report, opts: SaveScanOptions = {}): Promise<{ scanId: string; reportBytes: number }> {
  const compressed = await compressReport(report);
  const critical = report.apps.reduce((n, a) => n + a.findings.filter((f) => f.status === 'fail' && f.severity === 'critical').length, 0);
  await store.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('scans').select('id').where('scan_id', '=', report.scanId).executeTakeFirst();
    if (existing) throw new DuplicateScanError(`scan ${report.scanId} is already stored`);
    const { id: scan } = await trx
      .insertInto('scans')
      .values({
        scan_id: report.scanId,
        started_at: report.startedAt,
        finished_at: report.finishedAt,
        source_type: report.source.type,
        clusters: JSON.stringify(report.source.clusters),
        apps: report.summary.apps,
        score_x10: toTenths(report.summary.score),
        grade: report.summary.grade,
        ready: report.summary.verdicts.ready,
        ready_with_conditions: report.summary.verdicts.readyWithConditions,
        not_ready: report.summary.verdicts.notReady,
        unknown: report.summary.verdicts.unknown,
        topics: JSON.stringify(report.summary.topics),
        critical_failed: critical,
        report: compressed,
        report_encoding: REPORT_ENCODING,
        report_bytes: compressed.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const checkRefs = await internChecks(trx, report);
    const appRefs = await internApps(trx, report);

    const appRows = report.apps.map((a) => ({
      scan,
      app: appRefs.get(appKey(a.id, a.group, a.team))!,
      score_x10: toTenths(a.score),
      verdict: VERDICT_CODES[a.verdict],
      topic_scores: TOPICS.map((t) => toTenths(a.topics[t]?.score ?? null) ?? '').join(','),
      topic_counts: TOPICS.map((t) => {
        const c = a.topics[t];
        return c ? `${c.failed}.${c.passed}.${c.notApplicable}.${c.exempt}` : '';
      }).join(','),
    }));
    await insertBatches(trx, 'scan_apps', appRows, opts);

    const findingRows: Database['findings'][] = [];
    for (const a of report.apps) {
      const app = appRefs.get(appKey(a.id, a.group, a.team))!;
      const seen = new Set<string>();
      for (const f of a.findings) {
        if (f.status !== 'fail' && f.status !== 'exempt') continue;
        const check_ref = checkRefs.get(f.check)!;
        const container = f.container ?? '';
        // One row per (check, container): a check reporting one subject twice keeps its first result.
        const key = `${check_ref}\u0000${container}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findingRows.push({ scan, app, check_ref, container, status: STATUS_CODES[f.status], severity: SEVERITY_CODES[f.severity] });
      }
    }
    await insertBatches(trx, 'findings', findingRows, opts);
    await insertAppVersions(trx, scan, report, appRefs);
  });
  if (store.retentionDays !== null) await pruneScans(store, { olderThanDays: store.retentionDays });
  if (store.reportRetentionDays !== null) await pruneReports(store, { olderThanDays: store.reportRetentionDays });
  return { scanId: report.scanId, reportBytes: compressed.length };
}

const appKey = (id: string, group: string, team: string | null) => `${id}\u0000${group}\u0000${team ?? ''}`;

/**
 * One `app_versions` row per app that carries `version` (images, revision, rollback target): the
 * roll-out history over scans (lib/store/rollout.ts) reads them without opening stored reports.
 */
async function insertAppVersions(trx: Transaction<Database>, scan: number, report: Report, appRefs: Map<string, number>) {
  const rows: Database['app_versions'][] = [];
  for (const a of report.apps) {
    if (!a.version) continue;
    const app = appRefs.get(appKey(a.id, a.group, a.team))!;
    rows.push({ scan, app, images: JSON.stringify(a.version.images), revision: a.version.revision, rollback: a.version.rollback ? JSON.stringify(a.version.rollback) : null });
  }
  for (let i = 0; i < rows.length; i += BATCH_ROWS) await trx.insertInto('app_versions').values(rows.slice(i, i + BATCH_ROWS)).execute();
}

async function insertBatches<T extends 'scan_apps' | 'findings'>(trx: Transaction<Database>, table: T, rows: Database[T][], opts: SaveScanOptions) {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const batch = rows.slice(i, i + BATCH_ROWS);
    // Both tables' row types are plain values (no generated columns).
    await (trx as unknown as Kysely<Record<T, Database[T]>>).insertInto(table).values(batch as never).execute();
    await opts.onBatch?.(table, i + batch.length);
  }
}

async function internChecks(trx: Transaction<Database>, report: Report): Promise<Map<string, number>> {
  const wanted = new Map<string, string>();
  for (const a of report.apps) for (const f of a.findings) if (f.status === 'fail' || f.status === 'exempt') wanted.set(f.check, f.topic);
  const refs = new Map((await trx.selectFrom('check_refs').select(['id', 'check_id']).execute()).map((r) => [r.check_id, r.id]));
  const missing = [...wanted].filter(([c]) => !refs.has(c)).map(([check_id, topic]) => ({ check_id, topic }));
  for (let i = 0; i < missing.length; i += BATCH_ROWS) {
    const chunk = missing.slice(i, i + BATCH_ROWS);
    // Another writer may have added the same check meanwhile (PostgreSQL): skip it, then read its id.
    const rows = await trx.insertInto('check_refs').values(chunk).onConflict((oc) => oc.column('check_id').doNothing()).returning(['id', 'check_id']).execute();
    for (const r of rows) refs.set(r.check_id, r.id);
    const raced = chunk.filter((c) => !refs.has(c.check_id)).map((c) => c.check_id);
    if (raced.length) for (const r of await trx.selectFrom('check_refs').select(['id', 'check_id']).where('check_id', 'in', raced).execute()) refs.set(r.check_id, r.id);
  }
  return refs;
}

async function internApps(trx: Transaction<Database>, report: Report): Promise<Map<string, number>> {
  const refs = new Map<string, number>();
  for (const r of await trx.selectFrom('app_refs').select(['id', 'app_id', 'grp', 'team']).execute()) refs.set(appKey(r.app_id, r.grp, r.team), r.id);
  const missing = new Map<string, Insertable<AppRefsTable>>();
  for (const a of report.apps) {
    const k = appKey(a.id, a.group, a.team);
    if (!refs.has(k) && !missing.has(k)) {
      missing.set(k, { app_id: a.id, cluster: a.cluster, namespace: a.namespace, kind: a.kind, name: a.name, grp: a.group, team: a.team ?? '' });
    }
  }
  const rows = [...missing.values()];
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const chunk = rows.slice(i, i + BATCH_ROWS);
    const inserted = await trx
      .insertInto('app_refs')
      .values(chunk)
      .onConflict((oc) => oc.columns(['app_id', 'grp', 'team']).doNothing())
      .returning(['id', 'app_id', 'grp', 'team'])
      .execute();
    for (const r of inserted) refs.set(appKey(r.app_id, r.grp, r.team), r.id);
    const raced = chunk.filter((a) => !refs.has(appKey(a.app_id, a.grp, a.team ?? ''))).map((a) => a.app_id);
    if (raced.length) {
      for (const r of await trx.selectFrom('app_refs').select(['id', 'app_id', 'grp', 'team']).where('app_id', 'in', raced).execute()) refs.set(appKey(r.app_id, r.grp, r.team), r.id);
    }
  }
  return refs;
}

type ScanRow = Omit<Database['scans'], 'report' | 'id'> & { id: number };

function summaryOf(r: ScanRow): ScanSummary {
  return {
    scanId: r.scan_id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    source: { type: r.source_type, clusters: JSON.parse(r.clusters) as string[] },
    apps: Number(r.apps),
    score: fromTenths(r.score_x10),
    grade: r.grade as Grade | null,
    verdicts: { ready: Number(r.ready), readyWithConditions: Number(r.ready_with_conditions), notReady: Number(r.not_ready), unknown: Number(r.unknown) },
    topics: JSON.parse(r.topics) as Record<Topic, number | null>,
    critical: Number(r.critical_failed),
    reportBytes: Number(r.report_bytes),
    reportKept: r.report_encoding !== 'none',
  };
}

const SUMMARY_COLUMNS = [
  'id', 'scan_id', 'started_at', 'finished_at', 'source_type', 'clusters', 'apps', 'score_x10', 'grade', 'ready',
  'ready_with_conditions', 'not_ready', 'unknown', 'topics', 'critical_failed', 'report_bytes', 'report_encoding',
] as const;

/** Stored scans, newest first. */
export async function listScans(store: Store, opts: { limit?: number; since?: string } = {}): Promise<ScanSummary[]> {
  let q = store.db.selectFrom('scans').select(SUMMARY_COLUMNS).orderBy('finished_at', 'desc').orderBy('id', 'desc');
  if (opts.since) q = q.where('finished_at', '>=', opts.since);
  if (opts.limit) q = q.limit(opts.limit);
  return (await q.execute()).map(summaryOf);
}

/** One stored scan's summary, or null. */
export async function scanSummary(store: Store, scanId: string): Promise<ScanSummary | null> {
  const r = await store.db.selectFrom('scans').select(SUMMARY_COLUMNS).where('scan_id', '=', scanId).executeTakeFirst();
  return r ? summaryOf(r) : null;
}

/** The full report of a stored scan (report-schema), or null. */
export async function storedReport(store: Store, scanId: string): Promise<Report | null> {
  const r = await store.db.selectFrom('scans').select(['report', 'report_encoding']).where('scan_id', '=', scanId).executeTakeFirst();
  if (!r || r.report_encoding === 'none') return null;
  return decompressReport(r.report, r.report_encoding);
}

/** Delete scans (and their rows) older than the retention, or before a date. Returns how many went. */
export async function pruneScans(store: Store, opts: { olderThanDays?: number; before?: string; now?: Date }): Promise<number> {
  if (!opts.before && !(opts.olderThanDays !== undefined && Number.isFinite(opts.olderThanDays))) return 0;
  const before = opts.before ?? new Date((opts.now ?? new Date()).getTime() - opts.olderThanDays! * 86_400_000).toISOString();
  return store.db.transaction().execute(async (trx) => {
    const ids = (await trx.selectFrom('scans').select('id').where('finished_at', '<', before).execute()).map((r) => r.id);
    if (!ids.length) return 0;
    for (let i = 0; i < ids.length; i += BATCH_ROWS) {
      const chunk = ids.slice(i, i + BATCH_ROWS);
      await trx.deleteFrom('findings').where('scan', 'in', chunk).execute();
      await trx.deleteFrom('app_versions').where('scan', 'in', chunk).execute();
      await trx.deleteFrom('scan_apps').where('scan', 'in', chunk).execute();
      await trx.deleteFrom('scans').where('id', 'in', chunk).execute();
    }
    return ids.length;
  });
}

/**
 * Drop the full report of scans older than the report retention (or before a date), keeping their
 * rows: the trends reach back further than the reports. Returns how many reports went.
 */
export async function pruneReports(store: Store, opts: { olderThanDays?: number; before?: string; now?: Date }): Promise<number> {
  if (!opts.before && !(opts.olderThanDays !== undefined && Number.isFinite(opts.olderThanDays))) return 0;
  const before = opts.before ?? new Date((opts.now ?? new Date()).getTime() - opts.olderThanDays! * 86_400_000).toISOString();
  const r = await store.db
    .updateTable('scans')
    .set({ report: Buffer.alloc(0), report_encoding: 'none', report_bytes: 0 })
    .where('finished_at', '<', before)
    .where('report_encoding', '!=', 'none')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Delete one scan. Returns false when it was not stored. */
export async function deleteScan(store: Store, scanId: string): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('scans').select('id').where('scan_id', '=', scanId).executeTakeFirst();
    if (!r) return false;
    await trx.deleteFrom('findings').where('scan', '=', r.id).execute();
    await trx.deleteFrom('app_versions').where('scan', '=', r.id).execute();
    await trx.deleteFrom('scan_apps').where('scan', '=', r.id).execute();
    await trx.deleteFrom('scans').where('id', '=', r.id).execute();
    return true;
  });
}
