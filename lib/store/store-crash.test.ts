import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listScans, saveScan, storedReport, tableCounts, type Store } from './index';
import { makeReport, TEST_DATABASES, type TestDatabase } from './test-support';

const root = path.resolve(__dirname, '..', '..');

/** Start the writer, wait for "MID" (rows written inside the open transaction), then SIGKILL it. */
function killMidWrite(tdb: TestDatabase, pause: boolean): Promise<{ sawMid: boolean; finished: boolean }> {
  return new Promise((resolve, reject) => {
    // `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild that a SIGKILL would miss.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-writer.ts')], {
      cwd: root,
      env: { ...process.env, DRYDOCK_CRASH_STORE: JSON.stringify(tdb.options), DRYDOCK_CRASH_PAUSE: pause ? '1' : '0', DRYDOCK_CRASH_APPS: pause ? '5000' : '10000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let sawMid = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!sawMid && out.includes('MID')) {
        sawMid = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`writer failed (${code}): ${err}`));
      else resolve({ sawMid, finished: out.includes('DONE') });
    });
  });
}

for (const target of TEST_DATABASES) {
  describe.skipIf(!target.enabled)(`a writer killed mid-scan on ${target.name}`, () => {
    let tdb: TestDatabase;
    let store: Store;
    const previous = makeReport({ scanId: 'previous', finishedAt: '2026-11-01T06:00:00.000Z', clusters: ['prod'], apps: [{ name: 'cart', fails: [{ check: 'probe-readiness-missing', severity: 'critical' }] }] });

    beforeEach(async () => {
      tdb = await target.create();
      store = await tdb.open();
      await saveScan(store, previous);
      await store.close();
    });
    afterEach(async () => {
      await store.close();
      await tdb.drop();
    });

    it('SIGKILLed inside the open transaction: the store reopens with the previous state intact', async () => {
      const r = await killMidWrite(tdb, true);
      expect(r).toEqual({ sawMid: true, finished: false });
      store = await tdb.open();
      expect((await listScans(store)).map((s) => s.scanId)).toEqual(['previous']);
      expect(await tableCounts(store)).toEqual({ scans: 1, app_refs: 1, check_refs: 1, scan_apps: 1, findings: 1, exemptions: 0, audit_log: 0 });
      expect(await storedReport(store, 'previous')).toEqual(previous);
      // And the store takes the next scan (no lock left behind).
      await saveScan(store, { ...previous, scanId: 'next', finishedAt: '2026-11-02T06:00:00.000Z' });
      expect((await listScans(store)).map((s) => s.scanId)).toEqual(['next', 'previous']);
    }, 60_000);

    it('SIGKILLed while busy writing: the scan is all there or not at all', async () => {
      const r = await killMidWrite(tdb, false);
      expect(r.sawMid).toBe(true);
      store = await tdb.open();
      const counts = await tableCounts(store);
      const ids = (await listScans(store)).map((s) => s.scanId);
      if (ids.includes('crash')) {
        expect(counts).toMatchObject({ scans: 2, scan_apps: 10_001, findings: 30_001 });
      } else {
        expect(ids).toEqual(['previous']);
        expect(counts).toMatchObject({ scans: 1, app_refs: 1, check_refs: 1, scan_apps: 1, findings: 1 });
      }
      expect(await storedReport(store, 'previous')).toEqual(previous);
    }, 60_000);
  });
}
