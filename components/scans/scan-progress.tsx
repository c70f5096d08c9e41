import { formatDuration, progressPercent, type ScanView } from '@/lib/views/scan-view';

const STATE_LABEL: Record<string, string> = { running: 'scanning', done: 'done', partial: 'done, some kinds unreadable', unreachable: 'unreachable' };

/** Progress of a scan: overall, per cluster, and per resource kind of each cluster. */
export function ScanProgress({ scan, detailed = true }: { scan: ScanView; detailed?: boolean }) {
  const pct = progressPercent(scan);
  return (
    <div className="space-y-3" data-testid="scan-progress" data-status={scan.status}>
      <div>
        <div className="mb-1 flex justify-between text-sm">
          <span>
            {scan.status === 'running' ? (scan.scoring ? `Scoring: ${scan.scoring.scored.toLocaleString('en-US')} of ${scan.scoring.apps.toLocaleString('en-US')} apps` : 'Scanning') : scan.status === 'done' ? 'Finished' : 'Failed'} · {formatDuration(scan.durationMs)}
          </span>
          <span className="tabular-nums">{pct}%</span>
        </div>
        <div role="progressbar" aria-label={`Scan ${scan.id}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2.5 overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
          <div className={`h-full transition-[width] ${scan.status === 'failed' ? 'bg-red-500' : 'bg-sky-600'}`} style={{ width: `${pct}%` }} />
        </div>
      </div>
      {scan.progress.clusters.map((c) => {
        const rows = scan.progress.resources.filter((r) => r.cluster === c.cluster);
        const cpct = c.total ? Math.round((100 * (c.done + c.failed)) / c.total) : 100;
        return (
          <div key={c.cluster} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <div className="mb-1 flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">{c.cluster}</span>
              <span className="text-slate-600 dark:text-slate-400">
                {STATE_LABEL[c.state]} · {c.done}/{c.total} kinds · {c.items.toLocaleString()} objects{c.failed ? ` · ${c.failed} failed` : ''}
              </span>
            </div>
            <div role="progressbar" aria-label={`Cluster ${c.cluster}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={cpct} className="h-1.5 overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
              <div className={`h-full ${c.state === 'unreachable' ? 'bg-red-500' : c.state === 'partial' ? 'bg-amber-400' : 'bg-sky-600'}`} style={{ width: `${cpct}%` }} />
            </div>
            {c.fatal && <p className="mt-2 text-sm text-red-700 dark:text-red-300">{c.fatal}</p>}
            {detailed && (
              <ul className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-3 lg:grid-cols-4" aria-label={`Resources of ${c.cluster}`}>
                {rows.map((r) => (
                  <li key={r.resource} className="flex items-center gap-1.5" data-state={r.state}>
                    <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${r.state === 'done' ? 'bg-emerald-500' : r.state === 'failed' ? 'bg-red-500' : r.state === 'listing' ? 'animate-pulse bg-sky-500' : 'bg-slate-300 dark:bg-slate-700'}`} />
                    <span className="truncate">{r.resource}</span>
                    <span className="ml-auto tabular-nums text-slate-600 dark:text-slate-400">{r.state === 'pending' ? 'waiting' : r.state === 'failed' ? 'failed' : r.items.toLocaleString()}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
      {scan.error && <p className="text-sm text-red-700 dark:text-red-300">{scan.error}</p>}
    </div>
  );
}
