import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../scoring/score';
import {
  appliedMigrations,
  appTimeline,
  auditLog,
  changesSinceLastScan,
  createExemption,
  deleteExemption,
  DuplicateScanError,
  ExemptionInputError,
  expireExemption,
  findingsBurnDown,
  getExemption,
  listExemptions,
  listScans,
  MIGRATION_NAMES,
  pruneReports,
  pruneScans,
  saveScan,
  scanSummary,
  storedReport,
  tableCounts,
  topicTrend,
  updateExemption,
  verdictHistory,
  type Store,
} from './index';
import { makeReport, TEST_DATABASES, type AppSpec, type TestDatabase } from './test-support';

const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n, 6)).toISOString();
const CRIT = { check: 'probe-readiness-missing', topic: 'probes' as const, severity: 'critical' as const };
const ESC = { check: 'sec-privilege-escalation', topic: 'security' as const, severity: 'warning' as const };
const TAG = { check: 'image-mutable-tag', topic: 'images' as const, severity: 'warning' as const };
const HOSTPATH = { check: 'storage-hostpath', topic: 'storage' as const, severity: 'critical' as const, container: null };

/**
 * Five daily scans of prod + stage:
 * - prod/shop/cart (payments, group shop): notReady with a critical and a warning; the critical is
 *   fixed on day 2 (readyWithConditions), the warning on day 3 (ready).
 * - prod/shop/web (team web, group shop): ready; a new mutable-tag warning on day 3.
 * - prod/billing/api (payments, group billing): notReady with a pod-level critical, exempted on day 4.
 * - stage/shop/cart (payments): ready; gone on day 4. stage/shop/new (no team): from day 2.
 */
function seededScan(n: number) {
  const apps: AppSpec[] = [];
  apps.push({
    name: 'cart', team: 'payments', group: 'shop',
    verdict: n < 2 ? 'notReady' : n < 3 ? 'readyWithConditions' : 'ready',
    score: n < 2 ? 50 : n < 3 ? 70 : 90,
    topics: { probes: n < 2 ? 20 : 100, security: n < 3 ? 60 : 100 },
    fails: [...(n < 2 ? [CRIT] : []), ...(n < 3 ? [ESC] : [])],
    passes: 3,
  });
  apps.push({ name: 'web', team: 'web', group: 'shop', verdict: 'ready', score: n < 3 ? 95 : 92.5, fails: n >= 3 ? [TAG] : [], passes: 4 });
  apps.push({
    namespace: 'billing', name: 'api', team: 'payments', group: 'billing', verdict: n < 4 ? 'notReady' : 'ready', score: n < 4 ? 40 : 85,
    fails: n < 4 ? [HOSTPATH] : [], exempt: n >= 4 ? [HOSTPATH] : [],
  });
  if (n < 4) apps.push({ cluster: 'stage', name: 'cart', team: 'payments', group: 'shop', verdict: 'ready', score: 100 });
  if (n >= 2) apps.push({ cluster: 'stage', name: 'new', group: 'new', verdict: 'unknown', score: null });
  return makeReport({ scanId: `scan-${n}`, finishedAt: day(n), clusters: ['prod', 'stage'], apps });
}

const verdictsOf = (v: Partial<Record<Verdict, number>>) => ({ ready: 0, readyWithConditions: 0, notReady: 0, unknown: 0, ...v });

for (const target of TEST_DATABASES) {
  describe.skipIf(!target.enabled)(`history store on ${target.name}`, () => {
    let tdb: TestDatabase;
    let store: Store;
    beforeEach(async () => {
      tdb = await target.create();
      store = await tdb.open();
    });
    afterEach(async () => {
      await store.close();
      await tdb.drop();
    });

    describe('opening and migrations', () => {
      it('creates the database (and its folder) and applies every migration from empty', async () => {
        if (target.name === 'sqlite') expect(existsSync(tdb.options.path!)).toBe(true);
        expect(await appliedMigrations(store)).toEqual(MIGRATION_NAMES);
        expect(await tableCounts(store)).toEqual({ scans: 0, app_refs: 0, check_refs: 0, scan_apps: 0, findings: 0, exemptions: 0, audit_log: 0 });
      });

      it.runIf(target.name === 'sqlite')('uses WAL mode', async () => {
        const r = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
        expect(r.rows[0]?.journal_mode).toBe('wal');
      });

      it('reopening is a no-op and keeps the data', async () => {
        await saveScan(store, seededScan(0));
        await store.close();
        store = await tdb.open();
        expect(await appliedMigrations(store)).toEqual(MIGRATION_NAMES);
        expect((await listScans(store)).map((s) => s.scanId)).toEqual(['scan-0']);
      });

      it('migrates from the previous schema, keeping the scans stored under it', async () => {
        await store.close();
        await tdb.drop();
        tdb = await target.create();
        store = await tdb.open({ migrateTo: MIGRATION_NAMES[MIGRATION_NAMES.length - 2]! });
        expect(await appliedMigrations(store)).toEqual(MIGRATION_NAMES.slice(0, -1));
        const report = seededScan(1);
        await saveScan(store, report);
        await store.close();
        store = await tdb.open();
        expect(await appliedMigrations(store)).toEqual(MIGRATION_NAMES);
        expect(await storedReport(store, 'scan-1')).toEqual(report);
        expect((await verdictHistory(store, { team: 'payments' }))[0]?.verdicts).toEqual(verdictsOf({ notReady: 2, ready: 1 }));
        const e = await createExemption(store, { scope: 'check', checks: ['*'], reason: 'r', owner: 'o', expires: '2027-01-01' }, 'alice');
        expect(await getExemption(store, e.id)).toEqual(e);
      });
    });

    describe('scans', () => {
      it('keeps the whole report and compact rows: apps, and only the fail and exempt findings', async () => {
        const report = seededScan(4);
        const { reportBytes } = await saveScan(store, report);
        expect(await storedReport(store, 'scan-4')).toEqual(report);
        expect(await storedReport(store, 'nope')).toBeNull();
        const counts = await tableCounts(store);
        expect(counts.scans).toBe(1);
        expect(counts.scan_apps).toBe(4);
        expect(counts.findings).toBe(2); // web's mutable tag (fail) + api's hostPath (exempt); passes are not rows
        const s = await scanSummary(store, 'scan-4');
        expect(s).toMatchObject({
          scanId: 'scan-4', finishedAt: day(4), apps: 4, verdicts: report.summary.verdicts, score: report.summary.score,
          topics: report.summary.topics, critical: 0, reportBytes, source: { type: 'cluster', clusters: ['prod', 'stage'] },
        });
      });

      it('refuses a scan ID twice and leaves the first intact', async () => {
        await saveScan(store, seededScan(0));
        await expect(saveScan(store, { ...seededScan(1), scanId: 'scan-0' })).rejects.toBeInstanceOf(DuplicateScanError);
        expect(await storedReport(store, 'scan-0')).toEqual(seededScan(0));
        expect((await tableCounts(store)).scan_apps).toBe(4);
      });

      it('takes two scans written at once that introduce the same apps and checks', async () => {
        const a = { ...seededScan(0), scanId: 'a' };
        const b = { ...seededScan(0), scanId: 'b', finishedAt: day(1) };
        await Promise.all([saveScan(store, a), saveScan(store, b)]);
        expect(await tableCounts(store)).toMatchObject({ scans: 2, app_refs: 4, check_refs: 3, scan_apps: 8 });
        expect((await verdictHistory(store, { team: 'payments' })).map((p) => p.apps)).toEqual([3, 3]);
      });

      it('writes a scan in one transaction: a failure mid-write leaves the previous state', async () => {
        await saveScan(store, seededScan(0));
        const before = await tableCounts(store);
        const big = makeReport({
          scanId: 'big', finishedAt: day(1),
          apps: Array.from({ length: 2500 }, (_, i) => ({ name: `a${i}`, fails: [CRIT, { ...ESC, container: 'side' }] })),
        });
        await expect(
          saveScan(store, big, {
            onBatch: (table, rows) => {
              if (table === 'findings' && rows >= 2000) throw new Error('disk on fire');
            },
          }),
        ).rejects.toThrow('disk on fire');
        expect(await tableCounts(store)).toEqual(before);
        expect((await listScans(store)).map((s) => s.scanId)).toEqual(['scan-0']);
      });

      it('applies the retention setting after each write, and prunes on demand', async () => {
        await store.close();
        store = await tdb.open({ retentionDays: 2 });
        const now = Date.now();
        const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
        for (const [i, ago] of [5, 3, 1].entries()) await saveScan(store, makeReport({ scanId: `r${i}`, finishedAt: at(ago), apps: [{ name: 'x', fails: [CRIT] }] }));
        expect((await listScans(store)).map((s) => s.scanId)).toEqual(['r2']);
        expect(await tableCounts(store)).toMatchObject({ scans: 1, scan_apps: 1, findings: 1 });
        expect(await pruneScans(store, { before: at(0) })).toBe(1);
        expect(await tableCounts(store)).toMatchObject({ scans: 0, scan_apps: 0, findings: 0 });
      });

      it('keeps full reports for their own retention, and the rows behind the trends for longer', async () => {
        await store.close();
        store = await tdb.open({ retentionDays: 30, reportRetentionDays: 2 });
        const now = Date.now();
        const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
        for (const [i, ago] of [5, 3, 1].entries()) await saveScan(store, makeReport({ scanId: `r${i}`, finishedAt: at(ago), apps: [{ name: 'x', fails: i < 2 ? [CRIT] : [] }] }));
        expect((await listScans(store)).map((s) => [s.scanId, s.reportKept, s.reportBytes > 0])).toEqual([['r2', true, true], ['r1', false, false], ['r0', false, false]]);
        expect(await storedReport(store, 'r0')).toBeNull();
        expect((await storedReport(store, 'r2'))?.scanId).toBe('r2');
        expect((await findingsBurnDown(store)).map((p) => p.critical)).toEqual([1, 1, 0]);
        expect((await changesSinceLastScan(store))?.fixed.map((f) => f.check)).toEqual(['probe-readiness-missing']);
        expect(await pruneReports(store, { before: at(0) })).toBe(1);
        expect(await tableCounts(store)).toMatchObject({ scans: 3, scan_apps: 3, findings: 2 });
      });
    });

    describe('progress queries against seeded history', () => {
      beforeEach(async () => {
        for (let n = 0; n < 5; n++) await saveScan(store, seededScan(n));
      });

      it('lists scans newest first, with since and limit', async () => {
        expect((await listScans(store)).map((s) => s.scanId)).toEqual(['scan-4', 'scan-3', 'scan-2', 'scan-1', 'scan-0']);
        expect((await listScans(store, { limit: 2 })).map((s) => s.scanId)).toEqual(['scan-4', 'scan-3']);
        expect((await listScans(store, { since: day(3) })).map((s) => s.scanId)).toEqual(['scan-4', 'scan-3']);
      });

      it('readiness verdicts over time for the fleet, a cluster, a namespace, a team and a group', async () => {
        const fleet = await verdictHistory(store);
        expect(fleet.map((p) => p.scanId)).toEqual(['scan-0', 'scan-1', 'scan-2', 'scan-3', 'scan-4']);
        expect(fleet.map((p) => p.verdicts)).toEqual([0, 1, 2, 3, 4].map((n) => seededScan(n).summary.verdicts));

        const team = await verdictHistory(store, { team: 'payments' });
        expect(team.map((p) => p.verdicts)).toEqual([
          verdictsOf({ notReady: 2, ready: 1 }),
          verdictsOf({ notReady: 2, ready: 1 }),
          verdictsOf({ notReady: 1, readyWithConditions: 1, ready: 1 }),
          verdictsOf({ notReady: 1, ready: 2 }),
          verdictsOf({ ready: 2 }),
        ]);
        expect(team.map((p) => p.score)).toEqual([63.3, 63.3, 70, 76.7, 87.5]);

        const cluster = await verdictHistory(store, { cluster: 'stage' });
        expect(cluster.map((p) => [p.apps, p.verdicts.ready, p.verdicts.unknown])).toEqual([[1, 1, 0], [1, 1, 0], [2, 1, 1], [2, 1, 1], [1, 0, 1]]);
        expect(cluster[4]?.score).toBeNull();

        const ns = await verdictHistory(store, { cluster: 'prod', namespace: 'billing' });
        expect(ns.map((p) => p.verdicts.notReady)).toEqual([1, 1, 1, 1, 0]);

        const group = await verdictHistory(store, { group: 'shop' }, { since: day(3) });
        expect(group.map((p) => [p.scanId, p.apps])).toEqual([['scan-3', 3], ['scan-4', 2]]);
        expect(await verdictHistory(store, { team: 'nobody' })).toEqual([]);
      });

      it('score trend per topic', async () => {
        const fleet = await topicTrend(store);
        expect(fleet.map((p) => p.topics)).toEqual([0, 1, 2, 3, 4].map((n) => seededScan(n).summary.topics));
        const cart = await topicTrend(store, { cluster: 'prod', namespace: 'shop', group: 'shop', team: 'payments' });
        expect(cart.map((p) => [p.topics.probes, p.topics.security])).toEqual([[20, 60], [20, 60], [100, 60], [100, 100], [100, 100]]);
        expect((await topicTrend(store, {}, { limit: 1 }))[0]?.scanId).toBe('scan-4');
      });

      it('critical findings burn-down', async () => {
        expect((await findingsBurnDown(store)).map((p) => p.critical)).toEqual([2, 2, 1, 1, 0]);
        const prodShop = await findingsBurnDown(store, { cluster: 'prod', namespace: 'shop' });
        expect(prodShop.map((p) => [p.critical, p.warning])).toEqual([[1, 1], [1, 1], [0, 1], [0, 1], [0, 1]]);
        expect((await listScans(store)).map((s) => s.critical)).toEqual([0, 1, 1, 2, 2]);
      });

      it('new and fixed since the last scan', async () => {
        const d3 = await changesSinceLastScan(store, { scanId: 'scan-3' });
        expect(d3).toMatchObject({ scanId: 'scan-3', previousScanId: 'scan-2', appsAdded: [], appsRemoved: [] });
        expect(d3!.new).toEqual([{ appId: 'prod/shop/Deployment/web', check: 'image-mutable-tag', topic: 'images', container: 'app', severity: 'warning' }]);
        expect(d3!.fixed).toEqual([{ appId: 'prod/shop/Deployment/cart', check: 'sec-privilege-escalation', topic: 'security', container: 'app', severity: 'warning', now: 'resolved' }]);

        const latest = await changesSinceLastScan(store);
        expect(latest).toMatchObject({ scanId: 'scan-4', previousScanId: 'scan-3', new: [], appsRemoved: ['stage/shop/Deployment/cart'] });
        expect(latest!.fixed).toEqual([{ appId: 'prod/billing/Deployment/api', check: 'storage-hostpath', topic: 'storage', container: null, severity: 'critical', now: 'exempt' }]);

        expect(await changesSinceLastScan(store, { scanId: 'scan-2', scope: { cluster: 'stage' } })).toMatchObject({ new: [], fixed: [], appsAdded: ['stage/shop/Deployment/new'] });
        expect((await changesSinceLastScan(store, { scanId: 'scan-2', scope: { team: 'web' } }))!.fixed).toEqual([]);
        expect(await changesSinceLastScan(store, { scanId: 'scan-0' })).toMatchObject({ previousScanId: null, new: [], fixed: [] });
        expect(await changesSinceLastScan(store, { scanId: 'missing' })).toBeNull();
      });

      it('compares with the previous scan of the same source only', async () => {
        await saveScan(store, makeReport({ scanId: 'other', finishedAt: day(5), clusters: ['dev'], apps: [{ cluster: 'dev', name: 'x', fails: [CRIT] }] }));
        await saveScan(store, { ...seededScan(4), scanId: 'scan-5', finishedAt: day(6) });
        expect(await changesSinceLastScan(store)).toMatchObject({ scanId: 'scan-5', previousScanId: 'scan-4', new: [], fixed: [] });
        expect(await changesSinceLastScan(store, { scanId: 'other' })).toMatchObject({ previousScanId: null });
      });

      it("an app's timeline of score and verdict with the findings that changed", async () => {
        const t = await appTimeline(store, 'prod/shop/Deployment/cart');
        expect(t.map((e) => [e.scanId, e.score, e.verdict, e.failing])).toEqual([
          ['scan-0', 50, 'notReady', 2],
          ['scan-1', 50, 'notReady', 2],
          ['scan-2', 70, 'readyWithConditions', 1],
          ['scan-3', 90, 'ready', 0],
          ['scan-4', 90, 'ready', 0],
        ]);
        expect(t[0]!.new).toEqual([]);
        expect(t[2]!.fixed.map((f) => f.check)).toEqual(['probe-readiness-missing']);
        expect(t[3]!.fixed.map((f) => f.check)).toEqual(['sec-privilege-escalation']);
        expect((await appTimeline(store, 'prod/shop/Deployment/web')).map((e) => [e.score, e.new.map((f) => f.check)])).toEqual([
          [95, []], [95, []], [95, []], [92.5, ['image-mutable-tag']], [92.5, []],
        ]);
        expect((await appTimeline(store, 'prod/shop/Deployment/cart', { limit: 2 })).map((e) => e.scanId)).toEqual(['scan-3', 'scan-4']);
        expect(await appTimeline(store, 'no/such/Deployment/app')).toEqual([]);
      });

      it('follows an app across a change of team', async () => {
        const r = seededScan(4);
        r.apps[0]!.team = 'checkout';
        await saveScan(store, { ...r, scanId: 'scan-5', finishedAt: day(5) });
        expect((await appTimeline(store, 'prod/shop/Deployment/cart')).length).toBe(6);
        expect((await verdictHistory(store, { team: 'checkout' })).map((p) => p.scanId)).toEqual(['scan-5']);
        expect((await verdictHistory(store, { team: 'payments' })).at(-1)).toMatchObject({ scanId: 'scan-5', apps: 1 });
      });
    });

    describe('exemptions and the audit log', () => {
      const input = { scope: 'namespace' as const, checks: ['sec-privilege-escalation'], namespace: 'shop', reason: 'legacy image', owner: 'payments', expires: '2027-03-01' };

      it('requires scope, checks, reason, owner, expiry and the scope target', async () => {
        const bad = [
          { ...input, reason: ' ' },
          { ...input, owner: '' },
          { ...input, expires: '' },
          { ...input, expires: 'someday' },
          { ...input, checks: [] },
          { ...input, namespace: undefined },
          { ...input, scope: 'container' as const, app: 'prod/shop/Deployment/cart' },
          { ...input, scope: 'galaxy' as never },
        ];
        for (const b of bad) await expect(createExemption(store, b, 'alice')).rejects.toBeInstanceOf(ExemptionInputError);
        await expect(createExemption(store, input, ' ')).rejects.toBeInstanceOf(ExemptionInputError);
        expect(await tableCounts(store)).toMatchObject({ exemptions: 0, audit_log: 0 });
      });

      it('create, edit, expire and delete, each audited with who, when and what', async () => {
        const t0 = new Date('2026-11-26T10:00:00Z');
        const e = await createExemption(store, { ...input, reason: '  legacy image ' }, 'alice', t0);
        expect(e).toMatchObject({ scope: 'namespace', namespace: 'shop', reason: 'legacy image', expires: '2027-03-01T00:00:00.000Z', createdAt: t0.toISOString() });
        expect(await listExemptions(store, { activeAt: t0 })).toEqual([e]);

        const edited = await updateExemption(store, e.id, { ...input, checks: ['*'], owner: 'platform' }, 'bob', new Date('2026-11-27T10:00:00Z'));
        expect(edited).toMatchObject({ id: e.id, checks: ['*'], owner: 'platform', createdAt: t0.toISOString(), updatedAt: '2026-11-27T10:00:00.000Z' });
        expect(await getExemption(store, e.id)).toEqual(edited);

        const t2 = new Date('2026-11-28T10:00:00Z');
        const expired = await expireExemption(store, e.id, 'carol', t2);
        expect(expired?.expires).toBe(t2.toISOString());
        expect(await listExemptions(store, { activeAt: t2 })).toEqual([]);
        expect(await listExemptions(store)).toHaveLength(1);

        expect(await deleteExemption(store, e.id, 'dave', new Date('2026-11-29T10:00:00Z'))).toBe(true);
        expect(await deleteExemption(store, e.id, 'dave')).toBe(false);
        expect(await updateExemption(store, e.id, input, 'x')).toBeNull();
        expect(await expireExemption(store, e.id, 'x')).toBeNull();

        const log = await auditLog(store, { subject: `exemption/${e.id}` });
        expect(log.map((l) => [l.actor, l.action, l.at])).toEqual([
          ['dave', 'exemption.delete', '2026-11-29T10:00:00.000Z'],
          ['carol', 'exemption.expire', '2026-11-28T10:00:00.000Z'],
          ['bob', 'exemption.update', '2026-11-27T10:00:00.000Z'],
          ['alice', 'exemption.create', '2026-11-26T10:00:00.000Z'],
        ]);
        expect(log[2]!.detail).toMatchObject({ before: { owner: 'payments' }, after: { owner: 'platform', checks: ['*'] } });
        expect(await auditLog(store, { limit: 1 })).toHaveLength(1);
      });
    });
  });
}
