import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scanObjects } from '../../lib/scan/scan-objects';
import type { Report } from '../../lib/report/types';
import { changesSinceLastScan, findingsBurnDown, listScans, saveScan, storedReport, verdictHistory, type Store } from '../../lib/store';
import { sqliteTestDatabase, type TestDatabase } from '../../lib/store/test-support';
import { demoClusterObjects } from './demo-cluster';
import { pastReport, seedDemoHistory } from './seed-history';

let report: Report;
let tdb: TestDatabase;
let store: Store;

beforeAll(() => {
  report = { ...scanObjects(demoClusterObjects(), { sourceType: 'cluster', now: new Date('2026-11-20T09:00:00Z') }), scanId: 'scan-20261120T090000Z-real01' };
});

beforeEach(async () => {
  tdb = sqliteTestDatabase();
  store = await tdb.open();
});

afterEach(async () => {
  await store.close();
  await tdb.drop();
});

describe('seedDemoHistory', () => {
  it('saves daily backdated scans of the same source before the report, oldest first', async () => {
    const ids = await seedDemoHistory(store, report, { days: 8 });
    expect(ids).toHaveLength(8);
    await saveScan(store, report);
    const scans = (await listScans(store)).reverse();
    expect(scans.map((s) => s.scanId)).toEqual([...ids, report.scanId]);
    expect(scans.every((s) => s.source.type === 'cluster' && s.source.clusters.join() === report.source.clusters.join())).toBe(true);
    const days = scans.map((s) => Math.round((Date.parse(report.finishedAt) - Date.parse(s.finishedAt)) / 86_400_000));
    expect(days).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0]);
    // A stored past report is a whole report: its summary agrees with its apps.
    const oldest = (await storedReport(store, ids[0]!))!;
    expect(oldest.summary.apps).toBe(report.apps.length);
    expect(oldest.summary.verdicts.notReady).toBe(oldest.apps.filter((a) => a.verdict === 'notReady').length);
  });

  it('shows a fleet that improves: fewer not-ready apps and fewer criticals over time', async () => {
    await seedDemoHistory(store, report);
    await saveScan(store, report);
    const verdicts = await verdictHistory(store);
    const notReady = verdicts.map((p) => p.verdicts.notReady);
    expect(notReady[0]!).toBeGreaterThan(notReady.at(-1)!);
    for (let i = 1; i < notReady.length; i++) expect(notReady[i]!).toBeLessThanOrEqual(notReady[i - 1]!);
    const critical = (await findingsBurnDown(store)).map((p) => p.critical);
    for (let i = 1; i < critical.length; i++) expect(critical[i]!).toBeLessThanOrEqual(critical[i - 1]!);
    expect(critical[0]!).toBeGreaterThan(critical.at(-1)!);
    expect(verdicts[0]!.score!).toBeLessThan(verdicts.at(-1)!.score!);
  });

  it('gives the real scan both new and fixed findings since the last seeded one', async () => {
    await seedDemoHistory(store, report);
    await saveScan(store, report);
    const changes = (await changesSinceLastScan(store))!;
    expect(changes.scanId).toBe(report.scanId);
    expect(changes.new.length).toBeGreaterThan(0);
    expect(changes.fixed.length).toBeGreaterThan(0);
    expect(changes.new.every((f) => f.severity !== 'critical')).toBe(true);
  });

  it('is deterministic, and does nothing when history is already there', async () => {
    expect(pastReport(report, 3)).toEqual(pastReport(report, 3));
    expect(pastReport(report, 3).scanId).toBe('scan-20261117T090000Z-hist03');
    await saveScan(store, pastReport(report, 20));
    expect(await seedDemoHistory(store, report)).toEqual([]);
    expect(await listScans(store)).toHaveLength(1);
  });
});
