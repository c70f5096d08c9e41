import { describe, expect, it } from 'vitest';
import { markFailed, newScanRecord, scanViewOf } from './scan-record';

describe('the view of a scan record', () => {
  it('shows scoring progress while the scan runs, and progress per cluster from its resources', () => {
    const r = newScanRecord('cluster', ['east', 'west'], []);
    r.progress.push(
      { cluster: 'east', resource: 'pods', state: 'done', items: 10, pages: 1 },
      { cluster: 'east', resource: 'nodes', state: 'done', items: 2, pages: 1 },
      { cluster: 'west', resource: 'pods', state: 'failed', items: 0, pages: 0 },
      { cluster: 'west', resource: 'nodes', state: 'listing', items: 1, pages: 1 },
    );
    expect(r.id).toMatch(/^scan-\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    let v = scanViewOf(r);
    expect(v.status).toBe('running');
    expect(v.scoring).toBeUndefined();
    expect(v.progress.clusters).toEqual([
      { cluster: 'east', state: 'done', total: 2, done: 2, failed: 0, items: 12, fatal: null },
      { cluster: 'west', state: 'running', total: 2, done: 0, failed: 1, items: 1, fatal: null },
    ]);
    r.scoring = { scored: 40, apps: 100 };
    v = scanViewOf(r);
    expect(v.scoring).toEqual({ scored: 40, apps: 100 });
    markFailed(r, new Error('boom'));
    v = scanViewOf(r);
    expect(v).toMatchObject({ status: 'failed', error: 'boom' });
    expect(v.scoring).toBeUndefined();
    expect(v.progress.resources.find((p) => p.cluster === 'west' && p.resource === 'nodes')?.state).toBe('failed');
  });
});
