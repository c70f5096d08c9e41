/**
 * The child process of the kill-mid-write test (store-crash.test.ts): opens the store given in
 * DRYDOCK_CRASH_STORE (JSON StoreOptions), writes a big scan, and prints "MID" on stdout once rows
 * are being written inside the transaction. With DRYDOCK_CRASH_PAUSE=1 it then waits (holding the
 * open transaction) to be killed; otherwise it keeps writing and prints "DONE" if it finishes.
 */
import { openStore, type StoreOptions } from './open-store';
import { saveScan } from './scans';
import { makeReport } from './test-support';

async function main() {
  const options = JSON.parse(process.env.DRYDOCK_CRASH_STORE ?? '{}') as StoreOptions;
  const pause = process.env.DRYDOCK_CRASH_PAUSE === '1';
  const apps = Number(process.env.DRYDOCK_CRASH_APPS ?? 5000);
  const store = await openStore(options);
  const report = makeReport({
    scanId: 'crash',
    finishedAt: new Date().toISOString(),
    clusters: ['prod'],
    apps: Array.from({ length: apps }, (_, i) => ({
      namespace: `ns${i % 50}`,
      name: `app${i}`,
      fails: [
        { check: 'probe-readiness-missing', severity: 'critical' as const },
        { check: 'sec-privilege-escalation', topic: 'security' as const, container: 'side' },
        { check: 'image-mutable-tag', topic: 'images' as const },
      ],
    })),
  });
  let told = false;
  await saveScan(store, report, {
    onBatch: async (table) => {
      if (table !== 'findings' || told) return;
      told = true;
      process.stdout.write('MID\n');
      if (pause) await new Promise((resolve) => setTimeout(resolve, 120_000));
    },
  });
  process.stdout.write('DONE\n');
  await store.close();
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
