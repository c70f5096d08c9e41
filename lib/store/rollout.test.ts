import { expect, it } from 'vitest';
import { describeEachDatabase } from './each-test-database';
import type { Report } from '../report/types';
import { deleteScan, rolloutHistory, rolloutSteps, saveScan } from './index';
import { makeReport } from './test-support';

const R = 'registry.example.com/shop/checkout';

/** A scan of checkout in bj and sh, with the given tags and revisions. */
function scan(scanId: string, finishedAt: string, bj: [string, number], sh: [string, number]): Report {
  const report = makeReport({ scanId, finishedAt, apps: [{ cluster: 'bj', name: 'checkout' }, { cluster: 'sh', name: 'checkout' }, { cluster: 'bj', name: 'cart' }] });
  const [a, b] = report.apps;
  a!.version = { images: { app: `${R}:${bj[0]}` }, revision: bj[1], rollback: bj[1] > 1 ? { revision: bj[1] - 1, images: { app: `${R}:old` } } : null };
  b!.version = { images: { app: `${R}:${sh[0]}` }, revision: sh[1], rollback: null, rollbackReason: 'revisionHistoryLimit is 0' };
  return report; // cart carries no version: no row
}

describeEachDatabase('roll-out history', (db) => {
  it('keeps one app_versions row per app and scan, read back oldest first', async () => {
    await saveScan(db.store, scan('s2', '2026-11-24T10:00:00.000Z', ['1.4.2', 5], ['1.4.1', 3]));
    await saveScan(db.store, scan('s1', '2026-11-23T10:00:00.000Z', ['1.4.1', 4], ['1.4.1', 3]));
    await saveScan(db.store, scan('s3', '2026-11-25T10:00:00.000Z', ['1.4.2', 5], ['1.4.2', 4]));
    const h = await rolloutHistory(db.store, { appIds: ['bj/shop/Deployment/checkout', 'sh/shop/Deployment/checkout', 'bj/shop/Deployment/cart', 'nope/x/Deployment/y'] });
    expect(h['bj/shop/Deployment/checkout']!.map((p) => [p.scanId, p.images.app, p.revision, p.rollback?.revision ?? null])).toEqual([
      ['s1', `${R}:1.4.1`, 4, 3],
      ['s2', `${R}:1.4.2`, 5, 4],
      ['s3', `${R}:1.4.2`, 5, 4],
    ]);
    expect(h['sh/shop/Deployment/checkout']!.map((p) => [p.scanId, p.revision, p.rollback])).toEqual([
      ['s1', 3, null],
      ['s2', 3, null],
      ['s3', 4, null],
    ]);
    expect(h['bj/shop/Deployment/cart']).toEqual([]);
    expect(h['nope/x/Deployment/y']).toEqual([]);
    const since = await rolloutHistory(db.store, { appIds: ['sh/shop/Deployment/checkout'], since: '2026-11-24T00:00:00.000Z' });
    expect(since['sh/shop/Deployment/checkout']!.map((p) => p.scanId)).toEqual(['s2', 's3']);

    // The observed order: 1.4.1 everywhere first, then 1.4.2 reached bj (s2) before sh (s3).
    expect(rolloutSteps(h).map((s) => [s.appId.split('/')[0], (s.images.app ?? '').split(':')[1], s.scanId])).toEqual([
      ['bj', '1.4.1', 's1'],
      ['sh', '1.4.1', 's1'],
      ['bj', '1.4.2', 's2'],
      ['sh', '1.4.2', 's3'],
    ]);
  });

  it('deleting a scan deletes its version rows', async () => {
    await saveScan(db.store, scan('s1', '2026-11-23T10:00:00.000Z', ['1.4.1', 4], ['1.4.1', 3]));
    await saveScan(db.store, scan('s2', '2026-11-24T10:00:00.000Z', ['1.4.2', 5], ['1.4.1', 3]));
    expect(await deleteScan(db.store, 's1')).toBe(true);
    const h = await rolloutHistory(db.store, { appIds: ['bj/shop/Deployment/checkout'] });
    expect(h['bj/shop/Deployment/checkout']!.map((p) => p.scanId)).toEqual(['s2']);
    const rows = await db.store.db.selectFrom('app_versions').select('scan').execute();
    expect(rows).toHaveLength(2);
  });
});
