import type { Report } from '../report/types';
import type { InputNote, ScanError, SourceType } from '../snapshot/types';

/** One resource kind of one cluster, as a scan lists it. */
export interface ProgressRow {
  cluster: string;
  resource: string;
  state: 'pending' | 'listing' | 'done' | 'failed';
  items: number;
  pages: number;
}

export interface ScanClusterProgress {
  cluster: string;
  /** `partial`: finished, some kinds could not be read; `unreachable`: nothing could be read. */
  state: 'running' | 'done' | 'partial' | 'unreachable';
  total: number;
  done: number;
  failed: number;
  items: number;
  fatal: string | null;
}

/** A scan as the API and the pages show it: plain data, no report body. */
export interface ScanView {
  id: string;
  status: 'running' | 'done' | 'failed';
  source: { type: SourceType; clusters: string[]; paths: string[] };
  startedAt: string;
  finishedAt: string | null;
  durationMs: number;
  progress: { clusters: ScanClusterProgress[]; resources: ProgressRow[] };
  /** Why the scan failed as a whole (bad config, unreadable kubeconfig). */
  error: string | null;
  /**
   * Set when the scan read nothing new but re-scored an earlier scan's resources, and why (e.g.
   * "exemptions changed"); absent for a scan that read its source.
   */
  trigger?: string;
  /** While a running scan scores what it read: apps scored so far, of how many. */
  scoring?: { scored: number; apps: number };
  summary: Report['summary'] | null;
  counts: { apps: number; errors: number; notes: number } | null;
  errors: ScanError[];
  notes: InputNote[];
}

/** 0–100: the share of resource lists finished (or failed) across clusters. */
export function progressPercent(scan: Pick<ScanView, 'status' | 'progress'>): number {
  if (scan.status !== 'running') return 100;
  const rows = scan.progress.resources;
  if (!rows.length) return 0;
  return Math.round((100 * rows.filter((r) => r.state === 'done' || r.state === 'failed').length) / rows.length);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
