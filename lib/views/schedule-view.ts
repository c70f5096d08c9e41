import type { Grade } from '../scoring/score';

/** What one firing of a schedule entry did: started a scan, skipped, or could not start one. */
export interface ScheduleRun {
  outcome: 'scan' | 'skipped' | 'error';
  /** When the entry fired (for an adopted scan: when that scan started). */
  at: string;
  /** The scan started (outcome scan), or the running scan that caused the skip. */
  scanId: string | null;
  /** The started scan's status, followed until it finishes; null for a skip or an error. */
  status: 'running' | 'done' | 'failed' | null;
  finishedAt: string | null;
  apps: number | null;
  score: number | null;
  grade: Grade | null;
  /** The skip reason, why the scan could not start, or why it failed. */
  message: string | null;
  /** The newest scan of these contexts found when the server started (not started by the schedule). */
  adopted: boolean;
}

export interface ScheduleEntryView {
  id: string;
  /** The interval as configured (`6h`) and in ms. */
  every: string;
  everyMs: number;
  /** As configured: names, `["*"]` (every context) or null (the server's contexts). */
  contexts: string[] | null;
  /** What the entry scans now, resolved against the kubeconfig; null when it cannot be resolved. */
  scanned: string[] | null;
  /** The latest firing, whatever it did. */
  last: ScheduleRun | null;
  /** The latest firing that started a scan (a skip after it does not hide its result). */
  lastScan: ScheduleRun | null;
  nextRunAt: string | null;
  /** A scan covering any of these contexts that is running now. */
  running: string | null;
}

export interface ScheduleView {
  /** Server time of this view: relative times are computed against it (no hydration mismatch). */
  now: string;
  /** Where the entries come from: `schedule:` in the config, or DRYDOCK_SCAN_INTERVAL. */
  source: 'config' | 'env' | null;
  entries: ScheduleEntryView[];
  /** Why there is no schedule although one was asked for (bad config, bad DRYDOCK_SCAN_INTERVAL). */
  error: string | null;
  kubeconfig: boolean;
}

/** "in 5 h 59 min", "3 min ago", "now": coarse on purpose, the panel refreshes every few seconds. */
export function relativeTime(iso: string, nowIso: string): string {
  const diff = new Date(iso).getTime() - new Date(nowIso).getTime();
  const abs = Math.abs(diff);
  if (abs < 5_000) return 'now';
  let text: string;
  if (abs < 60_000) text = `${Math.round(abs / 1000)} s`;
  else if (abs < 3_600_000) text = `${Math.round(abs / 60_000)} min`;
  else if (abs < 86_400_000) {
    const h = Math.floor(abs / 3_600_000);
    const m = Math.round((abs % 3_600_000) / 60_000);
    text = m === 60 ? `${h + 1} h` : m ? `${h} h ${m} min` : `${h} h`;
  } else {
    const d = Math.floor(abs / 86_400_000);
    const h = Math.round((abs % 86_400_000) / 3_600_000);
    text = h === 24 ? `${d + 1} d` : h ? `${d} d ${h} h` : `${d} d`;
  }
  return diff > 0 ? `in ${text}` : `${text} ago`;
}

/** "2026-11-26 18:00:00 UTC": absolute times are shown in UTC like the scans table. */
export function formatUtc(iso: string): string {
  return `${new Date(iso).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

/** How the panel names an entry's contexts. */
export function contextsLabel(e: Pick<ScheduleEntryView, 'contexts' | 'scanned'>): string {
  if (e.contexts === null) return `the server's contexts${e.scanned ? ` (${e.scanned.join(', ') || 'none'})` : ''}`;
  if (e.contexts.length === 1 && e.contexts[0] === '*') return `every context${e.scanned ? ` (${e.scanned.join(', ') || 'none'})` : ''}`;
  return e.contexts.join(', ');
}
