/**
 * `npm run bench:store` (tsx bench/store.ts): what the history store costs for a fleet of 10,000 apps.
 * A real report (generateWorkloads → buildReport, fixes materialised, as a scan stores it) is saved
 * SCANS times as daily scans into a fresh SQLite file (and into PostgreSQL when DATABASE_URL is set).
 * Prints bytes per scan — the compressed report and the rows (app rows, fail/exempt finding rows and
 * their indexes) — the projection for a year of daily scans, and the write time per scan.
 *
 *   BENCH_WORKLOADS=10000 BENCH_SCANS=5 npx tsx bench/store.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { stringify } from 'yaml';
import { DEFAULT_CONFIG } from '../lib/config/defaults';
import { buildReport } from '../lib/report/build-report';
import type { Report } from '../lib/report/types';
import { parseManifestText } from '../lib/snapshot/parse-manifests';
import { snapshotFromEntries } from '../lib/snapshot/read-manifests';
import { openStore, type Store } from '../lib/store/open-store';
import { appTimeline, changesSinceLastScan, findingsBurnDown, topicTrend, verdictHistory } from '../lib/store/progress';
import { compressReport, saveScan } from '../lib/store/scans';
import { postgresTestDatabase } from '../lib/store/test-support';
import { generateWorkloads } from '../testing/generate/workloads';

const WORKLOADS = Number(process.env.BENCH_WORKLOADS ?? 10_000);
const SCANS = Number(process.env.BENCH_SCANS ?? 5);
const MB = 1024 * 1024;

function buildFleetReport(): Report {
  const objects = generateWorkloads({ workloads: WORKLOADS, namespaces: 100, seed: 1 });
  const entries = [];
  for (let i = 0; i < objects.length; i += 100) {
    entries.push(...parseManifestText(objects.slice(i, i + 100).map((o) => stringify(o)).join('---\n'), `manifests/${i}.yaml`).entries);
  }
  return buildReport(snapshotFromEntries(entries, [], ['manifests/']), { config: DEFAULT_CONFIG, scanId: 'bench-0', now: new Date('2026-01-01T06:00:00Z') });
}

/** Day n's scan: the same fleet, a little different (a few apps fixed each day), so rows are realistic. */
function dailyScan(base: Report, n: number): Report {
  const day = new Date(Date.UTC(2026, 0, 1 + n, 6)).toISOString();
  const apps = base.apps.map((a, i) => (i % 100 < n ? { ...a, findings: a.findings.map((f) => (f.status === 'fail' ? { ...f, status: 'pass' as const } : f)) } : a));
  return { ...base, scanId: `bench-${n}`, startedAt: day, finishedAt: day, apps };
}

async function timeWrites(store: Store, base: Report): Promise<number[]> {
  const ms: number[] = [];
  for (let n = 0; n < SCANS; n++) {
    const r = dailyScan(base, n);
    const t = performance.now();
    await saveScan(store, r);
    ms.push(performance.now() - t);
  }
  return ms;
}

async function timeQueries(store: Store): Promise<string> {
  const out: string[] = [];
  const time = async (name: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    out.push(`${name} ${(performance.now() - t).toFixed(0)} ms`);
  };
  const team = (await store.db.selectFrom('app_refs').select('team').where('team', '!=', '').limit(1).executeTakeFirst())?.team ?? '';
  const app = (await store.db.selectFrom('app_refs').select('app_id').limit(1).executeTakeFirst())?.app_id ?? '';
  await time('verdicts (fleet)', () => verdictHistory(store));
  await time(`verdicts (team ${team})`, () => verdictHistory(store, { team }));
  await time('topics (team)', () => topicTrend(store, { team }));
  await time('burn-down (fleet)', () => findingsBurnDown(store));
  await time('burn-down (namespace)', () => findingsBurnDown(store, { namespace: 'ns-1' }));
  await time('new/fixed (fleet)', () => changesSinceLastScan(store));
  await time('app timeline', () => appTimeline(store, app));
  return `queries: ${out.join('; ')}`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  let t = performance.now();
  const base = buildFleetReport();
  const buildMs = performance.now() - t;
  const findings = base.apps.reduce((n, a) => n + a.findings.length, 0);
  const failing = base.apps.reduce((n, a) => n + a.findings.filter((f) => f.status === 'fail' || f.status === 'exempt').length, 0);
  const jsonBytes = Buffer.byteLength(JSON.stringify(base));
  console.log(`bench:store — ${new Date().toISOString()} — node ${process.version}`);
  t = performance.now();
  const compressed = await compressReport(base);
  const compressMs = performance.now() - t;
  console.log(`report: ${base.apps.length} apps, ${findings} findings (${failing} fail/exempt), JSON ${(jsonBytes / MB).toFixed(1)} MB, built in ${(buildMs / 1000).toFixed(1)} s`);
  console.log(`compressed (JSON + Brotli): ${(compressed.length / MB).toFixed(2)} MB in ${compressMs.toFixed(0)} ms — part of each write below`);

  // SQLite
  const dir = mkdtempSync(path.join(tmpdir(), 'drydock-bench-store-'));
  const file = path.join(dir, 'drydock.sqlite');
  try {
    const store = await openStore({ databaseUrl: null, path: file, retentionDays: null });
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
    const empty = statSync(file).size;
    const ms = await timeWrites(store, base);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
    const total = statSync(file).size - empty;
    const perTable = await sql<{ name: string; bytes: number }>`select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc`.execute(store.db);
    const reportBytes = Number((await sql<{ b: number }>`select sum(report_bytes) as b from scans`.execute(store.db)).rows[0]?.b ?? 0);
    const perScan = total / SCANS;
    console.log(`\nSQLite (${SCANS} daily scans): ${(perScan / MB).toFixed(2)} MB per scan on disk = ${(reportBytes / SCANS / MB).toFixed(2)} MB compressed report + ${((perScan - reportBytes / SCANS) / MB).toFixed(2)} MB rows and indexes`);
    console.log(`  per app per scan: ${(perScan / base.apps.length).toFixed(0)} bytes (rows alone ${((perScan - reportBytes / SCANS) / base.apps.length).toFixed(0)})`);
    console.log(`  a year of daily scans: ${((perScan * 365) / 1024 / MB).toFixed(2)} GB (rows alone ${(((perScan - reportBytes / SCANS) * 365) / 1024 / MB).toFixed(2)} GB)`);
    console.log(`  write time per scan: median ${median(ms).toFixed(0)} ms (${ms.map((m) => m.toFixed(0)).join(', ')})`);
    console.log(`  ${await timeQueries(store)}`);
    console.log('  bytes by table/index (all scans):');
    for (const r of perTable.rows) console.log(`    ${r.name.padEnd(36)} ${(Number(r.bytes) / MB).toFixed(2)} MB`);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // PostgreSQL
  if (process.env.DATABASE_URL) {
    const tdb = await postgresTestDatabase();
    try {
      const store = await tdb.open();
      const ms = await timeWrites(store, base);
      await sql`vacuum analyze`.execute(store.db);
      const sizes = await sql<{ name: string; bytes: string }>`
        select relname as name, pg_total_relation_size(c.oid) as bytes from pg_class c
        join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 2 desc`.execute(store.db);
      const total = sizes.rows.reduce((n, r) => n + Number(r.bytes), 0);
      console.log(`\nPostgreSQL (${SCANS} daily scans): ${(total / SCANS / MB).toFixed(2)} MB per scan (tables + indexes + TOAST); a year: ${((total / SCANS) * 365 / 1024 / MB).toFixed(2)} GB`);
      console.log(`  write time per scan: median ${median(ms).toFixed(0)} ms (${ms.map((m) => m.toFixed(0)).join(', ')})`);
      console.log(`  ${await timeQueries(store)}`);
      for (const r of sizes.rows) console.log(`    ${r.name.padEnd(36)} ${(Number(r.bytes) / MB).toFixed(2)} MB`);
      await store.close();
    } finally {
      await tdb.drop();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
