import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';
import { listScans, saveScan } from './index';
import { describeEachDatabase } from './each-test-database';
import { makeReport } from './test-support';

describeEachDatabase('a pooled connection the server ends', (db, target) => {
  afterEach(() => vi.restoreAllMocks());

  // PostgreSQL reports an idle pooled connection ended by the server as an 'error' event on the
  // pool: unhandled, it crashes the process (the dashboard, a scheduled scan). SQLite has no server.
  it.skipIf(target.name !== 'postgres')('is a warning, and the next query opens a new connection', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await saveScan(db.store, makeReport({ scanId: 'before', finishedAt: '2026-11-01T06:00:00.000Z', clusters: ['prod'], apps: [{ name: 'cart' }] }));
    const name = new URL(db.tdb.options.databaseUrl!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const ended = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      expect(ended.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining('idle connection lost')), { timeout: 5_000 });
    expect((await listScans(db.store)).map((s) => s.scanId)).toEqual(['before']);
  });
});
