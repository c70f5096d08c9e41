import 'server-only';
import type { Report } from '../report/types';
import type { SourceType } from '../snapshot/types';
import { listScans, scanSummary, storedReport, type ScanSummary, type Store } from '../store';
import type { ScanView } from '../views/scan-view';

/** How many stored scans the list of past scans reaches back. */
export const STORED_SCANS_LISTED = 50;
/** How many stored reports (decompressed) are held in memory at once. */
const STORED_REPORTS_CACHED = 4;

/**
 * Scans of earlier runs, read back from the history store for the scan service: their views (small:
 * no report body) and the last few reports (decompressed), cached. Store errors propagate; the scan
 * service logs them and answers with what this run knows.
 */
export class StoredScans {
  private readonly views = new Map<string, ScanView>();
  /** Reports read back, least recently used first. */
  private readonly reports = new Map<string, Report>();

  /** `pinned`: a scan whose report stays cached whatever else is read (the default view after a restart). */
  constructor(private readonly pinned: () => string | null) {}

  cachedView(id: string): ScanView | undefined {
    return this.views.get(id);
  }

  /** The view of a stored scan whose report has been read. */
  viewOf(id: string, report: Report): ScanView {
    return this.views.get(id) ?? storedScanView(report, null);
  }

  /** The newest STORED_SCANS_LISTED stored scans, but those in `exclude` (this run's). */
  async list(store: Store, exclude: Set<string>): Promise<ScanView[]> {
    const out: ScanView[] = [];
    for (const summary of await listScans(store, { limit: STORED_SCANS_LISTED })) {
      if (!exclude.has(summary.scanId)) out.push(await this.view(store, summary));
    }
    return out;
  }

  async find(store: Store, id: string): Promise<ScanView | null> {
    const cached = this.views.get(id);
    if (cached) return cached;
    const summary = await scanSummary(store, id);
    return summary ? await this.view(store, summary) : null;
  }

  /** A stored report (null once retention dropped it). */
  async report(store: Store, id: string): Promise<Report | null> {
    let report = this.reports.get(id);
    if (report) {
      this.reports.delete(id);
    } else {
      report = (await storedReport(store, id)) ?? undefined;
      if (!report) return null;
      if (!this.views.has(id)) this.views.set(id, storedScanView(report, null));
    }
    this.reports.set(id, report);
    const pinned = this.pinned();
    for (const key of this.reports.keys()) {
      if (this.reports.size <= STORED_REPORTS_CACHED) break;
      if (key !== pinned) this.reports.delete(key);
    }
    return report;
  }

  /** A stored scan as the list shows it; read from its report once (for the error counts), then cached. */
  private async view(store: Store, summary: ScanSummary): Promise<ScanView> {
    const cached = this.views.get(summary.scanId);
    if (cached) return cached;
    const report = summary.reportKept ? (this.reports.get(summary.scanId) ?? (await storedReport(store, summary.scanId))) : null;
    const view = storedScanView(report, summary);
    this.views.set(summary.scanId, view);
    return view;
  }
}

/** A stored scan as a ScanView: from its report when kept, else from its summary row (no error counts then). */
export function storedScanView(report: Report | null, summary: ScanSummary | null): ScanView {
  const id = report?.scanId ?? summary!.scanId;
  const startedAt = report?.startedAt ?? summary!.startedAt;
  const finishedAt = report?.finishedAt ?? summary!.finishedAt;
  const source = report?.source ?? { type: summary!.source.type as SourceType, clusters: summary!.source.clusters, paths: [] };
  return {
    id,
    status: 'done',
    source: { type: source.type, clusters: [...source.clusters], paths: [...source.paths] },
    startedAt,
    finishedAt,
    durationMs: Math.max(0, new Date(finishedAt).getTime() - new Date(startedAt).getTime()),
    progress: { clusters: [], resources: [] },
    error: null,
    ...(triggerOf(report) ? { trigger: triggerOf(report)! } : {}),
    summary: report?.summary ?? (summary ? { apps: summary.apps, score: summary.score, grade: summary.grade, verdicts: summary.verdicts, topics: summary.topics } : null),
    counts: report ? { apps: report.apps.length, errors: report.errors.length, notes: report.notes.length } : null,
    errors: report?.errors ?? [],
    notes: report?.notes ?? [],
  };
}

const RESCORED = /^re-scored the resources read by scan \S+ because (.+)$/;

/** Why a stored scan re-scored an earlier one (its report's note says so), or null. */
function triggerOf(report: Report | null): string | null {
  for (const n of report?.notes ?? []) {
    const m = n.level === 'info' ? RESCORED.exec(n.message) : null;
    if (m) return m[1]!;
  }
  return null;
}

