import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScanScheduleEntry } from '../config/types';
import type { ScanView } from '../views/scan-view';
import { Scheduler, schedulePlan, type SchedulerScanService } from './scheduler';

const H = 3_600_000;
const T0 = Date.parse('2026-11-26T00:00:00Z');

function scanView(id: string, clusters: string[], status: ScanView['status'], startedAt: string): ScanView {
  return {
    id,
    status,
    source: { type: 'cluster', clusters, paths: [] },
    startedAt,
    finishedAt: status === 'running' ? null : startedAt,
    durationMs: 0,
    progress: { clusters: [], resources: [] },
    error: null,
    summary: null,
    counts: null,
    errors: [],
    notes: [],
  };
}

/** The scan service as the scheduler sees it: scans run until the test finishes them. */
class FakeService implements SchedulerScanService {
  configured: { kubeconfig: boolean; contexts: string[] | null } = { kubeconfig: true, contexts: null };
  all = ['a', 'b', 'c'];
  scans: ScanView[] = [];
  stored: ScanView[] = [];
  started: string[][] = [];
  startError: string | null = null;
  private waiters = new Map<string, () => void>();
  private seq = 0;

  contexts() {
    return this.all.map((name) => ({ name, selected: true }));
  }
  startClusterScan({ contexts }: { contexts?: string[] }): ScanView {
    if (this.startError) throw new Error(this.startError);
    const unknown = (contexts ?? []).filter((c) => !this.all.includes(c));
    if (unknown.length) throw new Error(`unknown context ${unknown.join(', ')}`);
    const v = scanView(`scan-${++this.seq}`, contexts ?? this.all, 'running', new Date().toISOString());
    this.scans.unshift(v);
    this.started.push(v.source.clusters);
    return { ...v };
  }
  finish(id: string, result: { score?: number; apps?: number; error?: string }): void {
    const v = this.scans.find((s) => s.id === id)!;
    v.status = result.error ? 'failed' : 'done';
    v.error = result.error ?? null;
    v.finishedAt = new Date().toISOString();
    if (!result.error) v.summary = { apps: result.apps ?? 1, score: result.score ?? 90, grade: 'A', verdicts: { ready: 1, readyWithConditions: 0, notReady: 0, unknown: 0 }, topics: {} as NonNullable<ScanView['summary']>['topics'] };
    this.waiters.get(id)?.();
  }
  list(): ScanView[] {
    return this.scans.map((s) => ({ ...s }));
  }
  waitFor(id: string): Promise<ScanView | null> {
    const v = this.scans.find((s) => s.id === id);
    if (!v) return Promise.resolve(null);
    if (v.status !== 'running') return Promise.resolve({ ...v });
    return new Promise((resolve) => this.waiters.set(id, () => resolve({ ...v })));
  }
  async history(): Promise<ScanView[]> {
    return [...this.list(), ...this.stored];
  }
}

const entry = (every: string, everyMs: number, contexts: string[] | null): ScanScheduleEntry => ({ every, everyMs, contexts });

function scheduler(svc: FakeService, entries: ScanScheduleEntry[]) {
  return new Scheduler({ service: svc, entries, source: 'config', log: () => {} });
}

describe('Scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs an entry never scanned at once, then every interval, and shows the next run', async () => {
    const svc = new FakeService();
    const s = scheduler(svc, [entry('6h', 6 * H, ['a', 'b'])]);
    await s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(svc.started).toEqual([['a', 'b']]);
    svc.finish('scan-1', { score: 87.5, apps: 12 });
    await vi.advanceTimersByTimeAsync(1);
    let e = s.view().entries[0]!;
    expect(e.lastScan).toMatchObject({ outcome: 'scan', scanId: 'scan-1', status: 'done', score: 87.5, apps: 12, grade: 'A', adopted: false });
    expect(e.nextRunAt).toBe(new Date(T0 + 6 * H).toISOString());
    expect(e.running).toBeNull();

    await vi.advanceTimersByTimeAsync(6 * H - 10);
    expect(svc.started).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(svc.started).toHaveLength(2);
    e = s.view().entries[0]!;
    expect(e.lastScan).toMatchObject({ scanId: 'scan-2', status: 'running', at: new Date(T0 + 6 * H).toISOString() });
    expect(e.running).toBe('scan-2');
    expect(e.nextRunAt).toBe(new Date(T0 + 12 * H).toISOString());
    s.stop();
  });

  it('skips a firing while a scan of any of the same contexts runs, and keeps the rhythm', async () => {
    const svc = new FakeService();
    svc.startClusterScan({ contexts: ['b', 'c'] }); // scan-1, started by hand, runs long
    const s = scheduler(svc, [entry('1h', H, ['a', 'b'])]);
    await s.start();
    // scan-1 covers b but not a: it is no prior scan of the entry, which fires at once and skips.
    await vi.advanceTimersByTimeAsync(0);
    expect(svc.started).toHaveLength(1);
    let e = s.view().entries[0]!;
    expect(e.last).toMatchObject({ outcome: 'skipped', scanId: 'scan-1' });
    expect(e.last?.message).toBe('skipped: scan scan-1 of the same contexts (b) still running');
    expect(e.lastScan).toBeNull();
    expect(e.running).toBe('scan-1');
    expect(e.nextRunAt).toBe(new Date(T0 + H).toISOString());

    svc.finish('scan-1', {});
    await vi.advanceTimersByTimeAsync(H);
    expect(svc.started).toEqual([['b', 'c'], ['a', 'b']]);
    e = s.view().entries[0]!;
    expect(e.last).toMatchObject({ outcome: 'scan', scanId: 'scan-2' });
    // Its own scan still running at the next firing: skipped, never a second scan of a and b.
    await vi.advanceTimersByTimeAsync(H);
    expect(svc.started).toHaveLength(2);
    e = s.view().entries[0]!;
    expect(e.last).toMatchObject({ outcome: 'skipped', scanId: 'scan-2' });
    expect(e.lastScan).toMatchObject({ scanId: 'scan-2', status: 'running' });
    s.stop();
  });

  it('runs entries of different contexts at the same time', async () => {
    const svc = new FakeService();
    const s = scheduler(svc, [entry('30m', 30 * 60_000, ['a']), entry('30m', 30 * 60_000, ['b', 'c'])]);
    await s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(svc.started).toEqual([['a'], ['b', 'c']]);
    expect(svc.list().filter((x) => x.status === 'running')).toHaveLength(2);
    expect(s.view().entries.map((e) => e.running)).toEqual(['scan-1', 'scan-2']);
    s.stop();
  });

  it('records a scan that failed and one that could not start, and keeps going', async () => {
    const svc = new FakeService();
    const s = scheduler(svc, [entry('1h', H, ['a'])]);
    await s.start();
    await vi.advanceTimersByTimeAsync(0);
    svc.finish('scan-1', { error: 'configuration: weights.critical: expected number' });
    await vi.advanceTimersByTimeAsync(1);
    expect(s.view().entries[0]!.lastScan).toMatchObject({ status: 'failed', message: 'configuration: weights.critical: expected number' });

    svc.startError = 'cannot read the kubeconfig';
    await vi.advanceTimersByTimeAsync(H);
    let e = s.view().entries[0]!;
    expect(e.last).toMatchObject({ outcome: 'error', message: 'cannot read the kubeconfig', scanId: null });
    expect(e.lastScan?.scanId).toBe('scan-1');
    expect(e.nextRunAt).toBe(new Date(T0 + 2 * H).toISOString());

    svc.startError = null;
    await vi.advanceTimersByTimeAsync(H);
    e = s.view().entries[0]!;
    expect(e.last).toMatchObject({ outcome: 'scan', scanId: 'scan-2', status: 'running' });
    s.stop();
  });

  it('resolves "*" to every context and an entry without contexts to the server\'s', async () => {
    const svc = new FakeService();
    svc.configured.contexts = ['c'];
    const s = scheduler(svc, [entry('1d', 24 * H, ['*']), entry('1d', 24 * H, null)]);
    await s.start();
    await vi.advanceTimersByTimeAsync(0);
    // The second entry fires while the first one's scan of a, b, c runs: c is shared, skipped.
    expect(svc.started).toEqual([['a', 'b', 'c']]);
    const [all, server] = s.view().entries;
    expect(all!.scanned).toEqual(['a', 'b', 'c']);
    expect(server!.scanned).toEqual(['c']);
    expect(server!.last?.outcome).toBe('skipped');
    s.stop();
  });

  it('continues from the newest scan of the same contexts after a restart', async () => {
    const svc = new FakeService();
    svc.stored = [scanView('scan-old', ['a', 'b', 'c'], 'done', new Date(T0 - 2 * H).toISOString())];
    const s = scheduler(svc, [entry('6h', 6 * H, ['a', 'b']), entry('1h', H, ['a'])]);
    await s.start();
    const [six, one] = s.view().entries;
    expect(six!.lastScan).toMatchObject({ scanId: 'scan-old', adopted: true, status: 'done' });
    expect(six!.nextRunAt).toBe(new Date(T0 + 4 * H).toISOString());
    // The 1h entry is overdue: it runs at once, not an hour later; the 6h one waits.
    expect(one!.nextRunAt).toBe(new Date(T0).toISOString());
    await vi.advanceTimersByTimeAsync(0);
    expect(svc.started).toEqual([['a']]);
    expect(s.view().entries[0]!.nextRunAt).toBe(new Date(T0 + 4 * H).toISOString());
    s.stop();
  });

  it('does not count a re-scoring of an earlier scan as a scan of the clusters', async () => {
    const svc = new FakeService();
    const rescored = { ...scanView('scan-rescored', ['a'], 'done', new Date(T0 - 10 * 60_000).toISOString()), trigger: 'exemptions changed' };
    svc.stored = [rescored, scanView('scan-read', ['a'], 'done', new Date(T0 - 50 * 60_000).toISOString())];
    const s = scheduler(svc, [entry('1h', H, ['a'])]);
    await s.start();
    const e = s.view().entries[0]!;
    expect(e.lastScan?.scanId).toBe('scan-read');
    expect(e.nextRunAt).toBe(new Date(T0 + 10 * 60_000).toISOString());
    s.stop();
  });

  it('does not pile up missed runs after a long pause', async () => {
    vi.useRealTimers();
    let now = T0;
    const timers: (() => void)[] = [];
    const svc = new FakeService();
    const s = new Scheduler({ service: svc, entries: [entry('1h', H, ['a'])], source: 'env', now: () => now, setTimer: (fn) => timers.push(fn), clearTimer: () => {}, log: () => {} });
    await s.start();
    timers.shift()!();
    expect(svc.started).toHaveLength(1);
    svc.finish('scan-1', {});
    // The process was suspended for five intervals: one run, and the next an interval from now.
    now = T0 + 5 * H + 17 * 60_000;
    timers.shift()!();
    expect(svc.started).toHaveLength(2);
    expect(timers).toHaveLength(1);
    expect(s.view().entries[0]!.nextRunAt).toBe(new Date(now + H).toISOString());
    // A timer a few ms late keeps the planned rhythm (no drift).
    svc.finish('scan-2', {});
    const planned = now + H;
    now = planned + 40;
    timers.shift()!();
    expect(s.view().entries[0]!.nextRunAt).toBe(new Date(planned + H).toISOString());
  });

  it('waits out intervals longer than a timer can hold', async () => {
    const svc = new FakeService();
    svc.stored = [scanView('scan-old', ['a'], 'done', new Date(T0).toISOString())];
    const s = scheduler(svc, [entry('30d', 30 * 24 * H, ['a'])]);
    await s.start();
    await vi.advanceTimersByTimeAsync(29 * 24 * H);
    expect(svc.started).toEqual([]);
    await vi.advanceTimersByTimeAsync(24 * H);
    expect(svc.started).toEqual([['a']]);
    s.stop();
  });

  it('stops cleanly: no timer left, no scan after', async () => {
    const svc = new FakeService();
    const s = scheduler(svc, [entry('1h', H, ['a']), entry('2h', 2 * H, ['b'])]);
    await s.start();
    expect(vi.getTimerCount()).toBe(2);
    s.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5 * H);
    expect(svc.started).toEqual([]);
    expect(s.view().entries.every((e) => e.nextRunAt === null)).toBe(true);
  });

  it('does nothing without a kubeconfig', async () => {
    const svc = new FakeService();
    svc.configured.kubeconfig = false;
    const s = scheduler(svc, [entry('1h', H, ['a'])]);
    await s.start();
    expect(vi.getTimerCount()).toBe(0);
    expect(s.view()).toMatchObject({ kubeconfig: false, entries: [{ nextRunAt: null, last: null }] });
  });
});

describe('schedulePlan', () => {
  const configured = [entry('6h', 6 * H, ['a'])];
  it('uses the config without DRYDOCK_SCAN_INTERVAL', () => {
    expect(schedulePlan({}, configured)).toEqual({ entries: configured, source: 'config', error: null });
    expect(schedulePlan({}, undefined)).toEqual({ entries: [], source: null, error: null });
  });
  it('replaces it with one entry of the server\'s contexts from DRYDOCK_SCAN_INTERVAL', () => {
    expect(schedulePlan({ DRYDOCK_SCAN_INTERVAL: '2h' }, configured)).toEqual({ entries: [{ every: '2h', everyMs: 2 * H, contexts: null }], source: 'env', error: null });
    expect(schedulePlan({ DRYDOCK_SCAN_INTERVAL: 'off' }, configured).entries).toEqual([]);
  });
  it('says what is wrong with a bad DRYDOCK_SCAN_INTERVAL', () => {
    expect(schedulePlan({ DRYDOCK_SCAN_INTERVAL: '1m' }, configured)).toMatchObject({ entries: [], error: 'DRYDOCK_SCAN_INTERVAL: 1m is too often: scheduled scans run at most every 5m' });
    expect(schedulePlan({ DRYDOCK_SCAN_INTERVAL: 'hourly' }, undefined).error).toContain('is not a duration');
  });
});
