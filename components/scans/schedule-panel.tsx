'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { fetchJson } from '@/lib/queries/fetch-json';
import { queryKeys } from '@/lib/queries/keys';
import { formatScore } from '@/lib/report/render-support';
import { contextsLabel, formatUtc, relativeTime, type ScheduleEntryView, type ScheduleRun, type ScheduleView } from '@/lib/views/schedule-view';
import { GradeBadge } from '../ui/badges';
import { Card, linkClass } from '../ui/card';

const muted = 'text-slate-600 dark:text-slate-400';

/** Faster while a scheduled scan runs or is due within the minute, so its result shows promptly. */
function pollInterval(view: ScheduleView | undefined): number {
  if (!view?.entries.length) return 60_000;
  const now = new Date(view.now).getTime();
  const soon = view.entries.some((e) => e.running || e.lastScan?.status === 'running' || (e.nextRunAt && new Date(e.nextRunAt).getTime() - now < 60_000));
  return soon ? 2_000 : 15_000;
}

export function useSchedule(initialData?: ScheduleView) {
  return useQuery({
    queryKey: queryKeys.schedule(),
    queryFn: () => fetchJson<ScheduleView>('/api/schedule'),
    initialData,
    refetchInterval: (q) => pollInterval(q.state.data),
  });
}

function When({ iso, now }: { iso: string; now: string }) {
  return (
    <>
      {relativeTime(iso, now)}{' '}
      <time dateTime={iso} className={`text-xs ${muted}`}>
        ({formatUtc(iso)})
      </time>
    </>
  );
}

function ScanResult({ run, now }: { run: ScheduleRun; now: string }) {
  const id = run.scanId!;
  return (
    <div data-testid="schedule-last-scan" data-status={run.status ?? 'unknown'}>
      {run.status === 'done' ? (
        <Link className={`${linkClass} font-mono text-xs`} href={`/?scan=${encodeURIComponent(id)}`}>
          {id}
        </Link>
      ) : (
        <span className="font-mono text-xs">{id}</span>
      )}
      {run.adopted && <span className={`ml-1 text-xs ${muted}`}>(before the schedule started)</span>}
      <div>
        {run.status === 'running' && 'running, started '}
        {run.status === 'done' && (
          <span>
            score {formatScore(run.score)} <GradeBadge grade={run.grade} /> · {run.apps ?? 0} apps · finished{' '}
          </span>
        )}
        {run.status === 'failed' && <span className="text-red-700 dark:text-red-300">failed: {run.message} · </span>}
        {run.status === null && run.message && <span className={muted}>{run.message} · </span>}
        <When iso={run.finishedAt ?? run.at} now={now} />
      </div>
    </div>
  );
}

function LastRun({ entry, now }: { entry: ScheduleEntryView; now: string }) {
  const { last, lastScan } = entry;
  if (!last && !lastScan) return <span className={muted}>not yet</span>;
  // A skip or an error after the last scan is shown below it: it does not hide that scan's result.
  const after = last && last.outcome !== 'scan' ? last : null;
  return (
    <div className="space-y-1">
      {lastScan && <ScanResult run={lastScan} now={now} />}
      {after && (
        <p data-testid="schedule-last-event" data-outcome={after.outcome} className={after.outcome === 'error' ? 'text-red-700 dark:text-red-300' : muted}>
          {after.outcome === 'error' ? `could not start: ${after.message}` : after.message} · {relativeTime(after.at, now)}
        </p>
      )}
    </div>
  );
}

function Hint() {
  return (
    <div data-testid="schedule-hint" className={`space-y-2 text-sm ${muted}`}>
      <p>No scans are scheduled: the server scans only when asked. To scan on a timer, add a schedule to drydock.config.yaml:</p>
      <pre className="overflow-x-auto rounded-md bg-slate-100 p-2 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100">
        {`schedule:\n  - { every: 6h, contexts: [prod-eu, prod-us] }\n  - { every: 1d, contexts: ["*"] }   # every context`}
      </pre>
      <p>
        or start the server with <code className="font-mono text-xs">DRYDOCK_SCAN_INTERVAL=6h</code> to scan its contexts (DRYDOCK_CONTEXTS) every six hours. Intervals: 30m, 6h, 1d…, at least 5m.
      </p>
    </div>
  );
}

/** The server's scheduled scans: interval, contexts, last result and next run of each entry. */
export function SchedulePanel({ initial }: { initial: ScheduleView }) {
  const { data, error } = useSchedule(initial);
  const view = data ?? initial;
  const qc = useQueryClient();
  // When a scheduled scan starts or finishes, the scans table below is stale: refresh it.
  const signature = view.entries.map((e) => `${e.lastScan?.scanId}:${e.lastScan?.status}`).join('|');
  const seen = useRef(signature);
  useEffect(() => {
    if (seen.current === signature) return;
    seen.current = signature;
    void qc.invalidateQueries({ queryKey: queryKeys.scans.all });
  }, [signature, qc]);

  const source = view.source === 'env' ? 'DRYDOCK_SCAN_INTERVAL' : view.source === 'config' ? 'schedule: in drydock.config.yaml' : null;
  return (
    <Card title="Scheduled scans" id="scheduled-scans" actions={source && <span className={`text-xs ${muted}`}>from {source}</span>}>
      <div data-testid="schedule-panel" data-entries={view.entries.length}>
        {view.error && (
          <p role="alert" className="mb-3 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
            {view.error}
          </p>
        )}
        {error && <p className="mb-2 text-xs text-red-700 dark:text-red-300">Cannot refresh the schedule: {error.message}</p>}
        {!view.entries.length ? (
          <Hint />
        ) : (
          <>
            {!view.kubeconfig && <p className={`mb-2 text-sm ${muted}`}>No kubeconfig is configured (DRYDOCK_KUBECONFIG): the schedule does not run.</p>}
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="schedule-table">
                <caption className="sr-only">Scheduled scans: interval, contexts, last run and next run</caption>
                <thead className={`text-xs ${muted}`}>
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">Every</th>
                    <th scope="col" className="py-1 pr-3 font-medium">Contexts</th>
                    <th scope="col" className="py-1 pr-3 font-medium">Last run</th>
                    <th scope="col" className="py-1 font-medium">Next run</th>
                  </tr>
                </thead>
                <tbody>
                  {view.entries.map((e) => (
                    <tr key={e.id} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="schedule-row">
                      <td className="py-2 pr-3 font-medium whitespace-nowrap">{e.every}</td>
                      <td className="py-2 pr-3">{contextsLabel(e)}</td>
                      <td className="py-2 pr-3">
                        <LastRun entry={e} now={view.now} />
                      </td>
                      <td className="py-2" data-testid="schedule-next">
                        {e.nextRunAt ? <When iso={e.nextRunAt} now={view.now} /> : <span className={muted}>—</span>}
                        {e.running && <div className={`text-xs ${muted}`}>scan {e.running} of these contexts is running</div>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </Card>
  );
}
