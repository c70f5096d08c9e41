import Link from 'next/link';
import { LineChart } from '@/components/charts/line-chart';
import type { AppHistory } from '@/lib/server/progress-api';
import type { FindingRef } from '@/lib/store/progress';
import { checkHref } from '@/lib/views/hrefs';
import { axisLabels, formatScanTime } from '@/lib/views/progress-chart';
import { VerdictBadge } from '../ui/badges';
import { Card, linkClass } from '../ui/card';

const ROWS = 12;

function Changed({ refs, kind }: { refs: FindingRef[]; kind: 'new' | 'fixed' }) {
  if (!refs.length) return null;
  return (
    <ul className="space-y-0.5" aria-label={kind === 'new' ? 'Started failing' : 'Stopped failing'}>
      {refs.map((f) => (
        <li key={`${f.check}|${f.container ?? ''}`} className="flex flex-wrap items-center gap-1">
          <span className={`rounded px-1 text-xs font-semibold ${kind === 'new' ? 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200' : 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200'}`}>
            {kind === 'new' ? 'new fail' : 'fixed'}
          </span>
          <Link href={checkHref(f.check)} className={`${linkClass} font-mono text-xs`}>
            {f.check}
          </Link>
          {f.container && <span className="text-xs text-slate-600 dark:text-slate-400">· {f.container}</span>}
          {f.severity === 'critical' && <span className="text-xs font-semibold text-red-700 dark:text-red-300">critical</span>}
        </li>
      ))}
    </ul>
  );
}

/** The app's score and verdict in each stored scan, with the findings that changed. */
export function AppTimeline({ history, currentScanId }: { history: AppHistory; currentScanId: string }) {
  if (history.state !== 'ok') {
    return (
      <Card title="History" id="history">
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="app-history-off">
          {history.state === 'off' ? 'The history store is off: no earlier scans are kept.' : `The history cannot be read: ${history.message}`}
        </p>
      </Card>
    );
  }
  const entries = history.entries;
  const labels = axisLabels(entries.map((e) => e.finishedAt));
  const points = entries.map((e, i) => ({ label: labels[i]!, title: formatScanTime(e.finishedAt) }));
  const rows = [...entries].reverse().slice(0, ROWS);
  return (
    <Card title="History" id="history">
      {entries.length < 2 ? (
        <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="app-history-short">
          {entries.length === 0 ? 'No stored scan has seen this app yet.' : 'Only one stored scan has seen this app.'}{' '}
          <Link className={linkClass} href="/scans">
            Run another scan
          </Link>{' '}
          to see how it changes.
        </p>
      ) : (
        <LineChart
          points={points}
          series={[{ key: 'score', label: 'Score', stroke: 'stroke-sky-600 dark:stroke-sky-400', fill: 'fill-sky-600 dark:fill-sky-400', swatch: 'bg-sky-600 dark:bg-sky-400', values: entries.map((e) => e.score) }]}
          label="Score of this app per scan"
          yTitle="Score"
          yMax={100}
          testId="app-score-chart"
        />
      )}
      {rows.length > 0 && (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="app-timeline">
            <caption className="sr-only">Score, verdict and changed findings per scan, newest first</caption>
            <thead className="text-xs text-slate-600 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1 pr-2 font-medium">Scan</th>
                <th scope="col" className="py-1 pr-2 font-medium">Verdict</th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">Score</th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">Failing</th>
                <th scope="col" className="py-1 font-medium">What changed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e, i) => (
                <tr key={e.scanId} className="border-t border-slate-100 align-top dark:border-slate-800" aria-current={e.scanId === currentScanId ? 'true' : undefined} data-testid="app-timeline-row">
                  <th scope="row" className="py-1 pr-2 font-normal whitespace-nowrap" title={e.scanId}>
                    {formatScanTime(e.finishedAt)}
                    {e.scanId === currentScanId && <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">(shown)</span>}
                  </th>
                  <td className="py-1 pr-2">
                    <VerdictBadge verdict={e.verdict} />
                  </td>
                  <td className="py-1 pr-2 text-right tabular-nums">{e.score ?? 'n/a'}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{e.failing}</td>
                  <td className="py-1">
                    {e.new.length + e.fixed.length === 0 ? (
                      <span className="text-slate-600 dark:text-slate-400">{i === rows.length - 1 && rows.length === entries.length ? 'first scan' : 'no change'}</span>
                    ) : (
                      <div className="space-y-1">
                        <Changed refs={e.new} kind="new" />
                        <Changed refs={e.fixed} kind="fixed" />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {entries.length > ROWS && <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">The {ROWS} newest of {entries.length} scans.</p>}
        </div>
      )}
    </Card>
  );
}
