import 'server-only';
import { randomBytes } from 'node:crypto';
import type { App } from '../apps/types';
import type { DrydockConfig } from '../config/types';
import type { Report } from '../report/types';
import type { Snapshot, SourceType } from '../snapshot/types';
import type { ProgressRow, ScanClusterProgress, ScanView } from '../views/scan-view';
import { errorText } from './error-text';

/** One scan of this server run, as the scan service holds it (views are made from it per request). */
export interface ScanRecord {
  id: string;
  status: ScanView['status'];
  source: { type: SourceType; clusters: string[]; paths: string[] };
  startedAt: Date;
  finishedAt: Date | null;
  progress: ProgressRow[];
  fatal: Map<string, string>;
  report: Report | null;
  snapshot: Snapshot | null;
  /** The config the checks ran with (the file's, with the stored admin settings applied). */
  config: DrydockConfig | null;
  /** The config file as loaded, before the stored settings: what a re-evaluation starts from. */
  baseConfig: DrydockConfig | null;
  /** Why a scan that read nothing new exists (e.g. "exemptions changed"); null for a scan that read its source. */
  trigger: string | null;
  error: string | null;
  done: Promise<void>;
  apps: Map<string, App> | null;
  /** Apps scored so far, once every list is read (scoring a large cluster takes seconds). */
  scoring: { scored: number; apps: number } | null;
}

/** A running scan, started now. */
export function newScanRecord(type: SourceType, clusters: string[], paths: string[]): ScanRecord {
  const startedAt = new Date();
  return {
    id: newScanId(startedAt),
    status: 'running',
    source: { type, clusters, paths },
    startedAt,
    finishedAt: null,
    progress: [],
    fatal: new Map(),
    report: null,
    snapshot: null,
    config: null,
    baseConfig: null,
    trigger: null,
    error: null,
    done: Promise.resolve(),
    apps: null,
    scoring: null,
  };
}

/** The record as failed: its error, and every resource not yet read marked failed. */
export function markFailed(record: ScanRecord, e: unknown): void {
  record.status = 'failed';
  record.error = errorText(e);
  record.finishedAt = new Date();
  for (const row of record.progress) if (row.state === 'pending' || row.state === 'listing') row.state = 'failed';
}

/** What the pages and the API see of a scan: plain data, progress per cluster summed from its resources. */
export function scanViewOf(r: ScanRecord): ScanView {
  const clusters: ScanClusterProgress[] = r.source.type === 'cluster'
    ? r.source.clusters.map((cluster) => {
        const rows = r.progress.filter((p) => p.cluster === cluster);
        const done = rows.filter((p) => p.state === 'done').length;
        const failed = rows.filter((p) => p.state === 'failed').length;
        const fatal = r.fatal.get(cluster) ?? null;
        const state: ScanClusterProgress['state'] = fatal ? 'unreachable' : done + failed === rows.length ? (failed ? 'partial' : 'done') : 'running';
        return { cluster, state, total: rows.length, done, failed, items: rows.reduce((n, p) => n + p.items, 0), fatal };
      })
    : [];
  const report = r.report;
  return {
    id: r.id,
    status: r.status,
    source: r.source,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: (r.finishedAt ?? new Date()).getTime() - r.startedAt.getTime(),
    progress: { clusters, resources: r.progress.map((p) => ({ ...p })) },
    error: r.error,
    ...(r.trigger ? { trigger: r.trigger } : {}),
    ...(r.status === 'running' && r.scoring ? { scoring: { ...r.scoring } } : {}),
    summary: report?.summary ?? null,
    counts: report ? { apps: report.apps.length, errors: report.errors.length, notes: report.notes.length } : null,
    errors: report?.errors ?? [],
    notes: report?.notes ?? [],
  };
}

function newScanId(at: Date): string {
  return `scan-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}
