import 'server-only';
import { scanInterval } from '../config/duration';
import type { ScanScheduleEntry } from '../config/types';
import type { ScanView } from '../views/scan-view';
import type { ScheduleEntryView, ScheduleRun, ScheduleView } from '../views/schedule-view';
import { errorText } from './error-text';

/**
 * What the scheduler needs of the scan service: its public API only (ScanService satisfies it).
 * The service is the one place that knows which scans run, so "same contexts" is decided from `list()`.
 */
export interface SchedulerScanService {
  readonly configured: { kubeconfig: boolean; contexts: string[] | null };
  contexts(): { name: string; selected: boolean }[];
  startClusterScan(opts: { contexts?: string[] }): ScanView;
  list(): ScanView[];
  waitFor(id: string): Promise<ScanView | null>;
  history(): Promise<ScanView[]>;
}

export interface SchedulerDeps {
  service: SchedulerScanService;
  entries: ScanScheduleEntry[];
  source: 'config' | 'env';
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  log?: (message: string) => void;
}

/** setTimeout holds at most 2^31-1 ms (~24.8 days); longer waits are re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface EntryState {
  id: string;
  entry: ScanScheduleEntry;
  timer: unknown;
  nextRunAt: number | null;
  last: ScheduleRun | null;
  lastScan: ScheduleRun | null;
  scanned: string[] | null;
}

/**
 * Scans started by the server itself: one timer per `schedule:` entry. Two scans of the same
 * context never run at once — a firing while a scan covering any of the entry's contexts runs is
 * skipped (and recorded); entries of other contexts run side by side.
 */
export class Scheduler {
  private readonly states: EntryState[];
  private readonly svc: SchedulerScanService;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;
  private readonly log: (message: string) => void;
  private stopped = false;
  private started = false;
  readonly source: 'config' | 'env';

  constructor(deps: SchedulerDeps) {
    this.svc = deps.service;
    this.source = deps.source;
    this.now = deps.now ?? (() => Date.now());
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    this.log = deps.log ?? ((m) => console.error(m));
    this.states = deps.entries.map((entry, i) => ({ id: String(i + 1), entry, timer: null, nextRunAt: null, last: null, lastScan: null, scanned: null }));
  }

  /**
   * Arms every entry. An entry whose contexts were scanned before (this run or a stored scan of an
   * earlier one, e.g. the server's first scan) next runs one interval after that scan started, so a
   * restart neither skips a due scan nor repeats a fresh one; an entry never scanned runs at once.
   */
  async start(): Promise<void> {
    if (this.started || this.stopped) return;
    this.started = true;
    if (!this.svc.configured.kubeconfig) {
      this.log('drydock: scheduled scans are off: no kubeconfig is configured (DRYDOCK_KUBECONFIG)');
      return;
    }
    let history: ScanView[] = [];
    try {
      // A re-scoring of an earlier scan (it carries a `trigger`, e.g. "exemptions changed") read
      // nothing new: it does not count as a scan of the clusters.
      history = (await this.svc.history()).filter((s) => s.source.type === 'cluster' && !('trigger' in s && s.trigger));
    } catch (e) {
      this.log(`drydock: scheduled scans: cannot read the scan history: ${errorText(e)}`);
    }
    if (this.stopped) return;
    const now = this.now();
    for (const st of this.states) {
      let contexts: string[] | null = null;
      try {
        contexts = this.resolve(st.entry);
        st.scanned = contexts;
      } catch (e) {
        st.last = this.errorRun(now, e);
      }
      // history() is newest first: the newest scan that covered every context of the entry.
      const prior = contexts?.length ? history.find((s) => contexts.every((c) => s.source.clusters.includes(c))) : undefined;
      if (prior) {
        st.lastScan = st.last = runOf(prior, true);
        if (prior.status === 'running') void this.follow(st.lastScan);
        st.nextRunAt = Math.max(now, new Date(prior.startedAt).getTime() + st.entry.everyMs);
      } else {
        st.nextRunAt = now;
      }
      this.arm(st);
    }
  }

  /** Clears every timer; scans already running finish on their own. */
  stop(): void {
    this.stopped = true;
    for (const st of this.states) {
      if (st.timer !== null) this.clearTimer(st.timer);
      st.timer = null;
      st.nextRunAt = null;
    }
  }

  view(): ScheduleView {
    const running = this.svc.list().filter((s) => s.status === 'running' && s.source.type === 'cluster');
    return {
      now: new Date(this.now()).toISOString(),
      source: this.source,
      error: null,
      kubeconfig: this.svc.configured.kubeconfig,
      entries: this.states.map((st): ScheduleEntryView => ({
        id: st.id,
        every: st.entry.every,
        everyMs: st.entry.everyMs,
        contexts: st.entry.contexts,
        scanned: st.scanned,
        last: st.last && { ...st.last },
        lastScan: st.lastScan && { ...st.lastScan },
        nextRunAt: st.nextRunAt === null ? null : new Date(st.nextRunAt).toISOString(),
        running: (st.scanned && running.find((s) => overlaps(s, st.scanned!))?.id) ?? null,
      })),
    };
  }

  /** The contexts an entry scans now: names as given, `*` = every context, none given = the server's. */
  private resolve(entry: ScanScheduleEntry): string[] {
    if (entry.contexts && !(entry.contexts.length === 1 && entry.contexts[0] === '*')) return entry.contexts;
    if (!entry.contexts && this.svc.configured.contexts) return this.svc.configured.contexts;
    return this.svc.contexts().map((c) => c.name);
  }

  private arm(st: EntryState): void {
    if (this.stopped || st.nextRunAt === null) return;
    const delay = Math.max(0, st.nextRunAt - this.now());
    const timer = this.setTimer(() => {
      st.timer = null;
      if (this.stopped || st.nextRunAt === null) return;
      if (this.now() < st.nextRunAt) this.arm(st);
      else this.fire(st);
    }, Math.min(delay, MAX_TIMER_MS));
    // A pending scheduled scan must not keep the process alive on shutdown.
    (timer as { unref?: () => void } | null)?.unref?.();
    st.timer = timer;
  }

  private fire(st: EntryState): void {
    const now = this.now();
    const planned = st.nextRunAt ?? now;
    try {
      const contexts = this.resolve(st.entry);
      st.scanned = contexts;
      const busy = this.svc.list().find((s) => s.status === 'running' && s.source.type === 'cluster' && overlaps(s, contexts));
      if (busy) {
        const shared = busy.source.clusters.filter((c) => contexts.includes(c));
        st.last = { ...emptyRun(now), outcome: 'skipped', scanId: busy.id, message: `skipped: scan ${busy.id} of the same contexts (${shared.join(', ')}) still running` };
      } else {
        const run = runOf(this.svc.startClusterScan({ contexts }), false);
        run.at = new Date(now).toISOString();
        st.last = st.lastScan = run;
        void this.follow(run);
      }
    } catch (e) {
      // An unknown context or an unreadable kubeconfig: say so and try again next time.
      st.last = this.errorRun(now, e);
      this.log(`drydock: scheduled scan ${st.id} (every ${st.entry.every}) could not start: ${errorText(e)}`);
    }
    // One interval after the planned time keeps the rhythm; when that is already past (a long
    // pause, a late timer) the next run is one interval from now, so missed runs never pile up.
    const next = planned + st.entry.everyMs;
    st.nextRunAt = next > now ? next : now + st.entry.everyMs;
    this.arm(st);
  }

  /** Follows a scan until it finishes and records its result in the run (shared by last/lastScan). */
  private async follow(run: ScheduleRun): Promise<void> {
    if (!run.scanId) return;
    try {
      const done = await this.svc.waitFor(run.scanId);
      if (!done) {
        run.message = 'the scan is no longer kept in memory';
        run.status = run.status === 'running' ? null : run.status;
        return;
      }
      Object.assign(run, runOf(done, run.adopted), { at: run.at });
    } catch (e) {
      run.status = 'failed';
      run.message = errorText(e);
    }
  }

  private errorRun(now: number, e: unknown): ScheduleRun {
    return { ...emptyRun(now), outcome: 'error', message: errorText(e) };
  }
}

function overlaps(scan: ScanView, contexts: string[]): boolean {
  return scan.source.clusters.some((c) => contexts.includes(c));
}

function emptyRun(now: number): ScheduleRun {
  return { outcome: 'scan', at: new Date(now).toISOString(), scanId: null, status: null, finishedAt: null, apps: null, score: null, grade: null, message: null, adopted: false };
}

function runOf(scan: ScanView, adopted: boolean): ScheduleRun {
  return {
    outcome: 'scan',
    at: scan.startedAt,
    scanId: scan.id,
    status: scan.status,
    finishedAt: scan.finishedAt,
    apps: scan.summary?.apps ?? scan.counts?.apps ?? null,
    score: scan.summary?.score ?? null,
    grade: scan.summary?.grade ?? null,
    message: scan.status === 'failed' ? (scan.error ?? 'the scan failed') : null,
    adopted,
  };
}


/**
 * The schedule the server runs: DRYDOCK_SCAN_INTERVAL (one entry of the server's contexts,
 * DRYDOCK_CONTEXTS) replaces the config's `schedule:`; `off` turns a configured schedule off.
 */
export function schedulePlan(
  env: { DRYDOCK_SCAN_INTERVAL?: string },
  configured: ScanScheduleEntry[] | undefined,
): { entries: ScanScheduleEntry[]; source: 'config' | 'env' | null; error: string | null } {
  const raw = env.DRYDOCK_SCAN_INTERVAL?.trim();
  if (!raw) return { entries: configured ?? [], source: configured?.length ? 'config' : null, error: null };
  if (/^(off|none|0|false)$/i.test(raw)) return { entries: [], source: null, error: null };
  const ms = scanInterval(raw);
  if (typeof ms === 'string') return { entries: [], source: 'env', error: `DRYDOCK_SCAN_INTERVAL: ${ms}` };
  return { entries: [{ every: raw, everyMs: ms, contexts: null }], source: 'env', error: null };
}
