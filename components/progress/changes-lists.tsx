import Link from 'next/link';
import type { FindingRef } from '@/lib/store/progress';
import { appHref, checkHref } from '@/lib/views/hrefs';
import { formatScanTime } from '@/lib/views/progress-chart';
import { appKeyOfId } from '@/lib/views/progress-scope';
import { SeverityBadge } from '../ui/badges';
import { Card, linkClass } from '../ui/card';

export interface ChangesData {
  scanId: string;
  previousScanId: string | null;
  finishedAt: string;
  previousFinishedAt: string | null;
  new: FindingRef[];
  fixed: (FindingRef & { now: 'resolved' | 'exempt' })[];
  appsAdded: string[];
  appsRemoved: string[];
}

function AppLink({ id }: { id: string }) {
  const key = appKeyOfId(id);
  if (!key) return <span>{id}</span>;
  return (
    <Link href={appHref(key)} className={linkClass} title={id}>
      {key.namespace}/{key.name}
      <span className="text-slate-600 dark:text-slate-400">{key.cluster !== '-' ? ` · ${key.cluster}` : ''}</span>
    </Link>
  );
}

const RANK = { critical: 0, warning: 1, info: 2 } as const;
const bySeverity = <T extends FindingRef>(xs: T[]) => [...xs].sort((a, b) => RANK[a.severity] - RANK[b.severity]);

function FindingTable({ rows, caption, testId, fixed }: { rows: (FindingRef & { now?: 'resolved' | 'exempt' })[]; caption: string; testId: string; fixed?: boolean }) {
  return (
    <div className="max-h-96 overflow-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-white text-xs text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className="py-1 pr-2 font-medium">App</th>
            <th scope="col" className="py-1 pr-2 font-medium">Check</th>
            <th scope="col" className="py-1 pr-2 font-medium">Severity</th>
            {fixed && <th scope="col" className="py-1 font-medium">Now</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.appId}|${r.check}|${r.container ?? ''}`} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="change-row">
              <td className="py-1 pr-2">
                <AppLink id={r.appId} />
              </td>
              <td className="py-1 pr-2">
                <Link href={checkHref(r.check)} className={`${linkClass} font-mono text-xs`}>
                  {r.check}
                </Link>
                {r.container && <span className="text-xs text-slate-600 dark:text-slate-400"> · {r.container}</span>}
              </td>
              <td className="py-1 pr-2">
                <SeverityBadge severity={r.severity} />
              </td>
              {fixed && <td className="py-1 text-xs">{r.now === 'exempt' ? 'accepted risk' : 'passes'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What started and what stopped failing between the newest scan and the one before it. */
export function ChangesLists({ changes, label }: { changes: ChangesData | null; label: string }) {
  if (!changes || !changes.previousScanId) {
    return (
      <Card title="Since the last scan" id="changes" className="lg:col-span-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">The newest scan has no earlier scan of the same clusters to compare with.</p>
      </Card>
    );
  }
  const between = `between ${formatScanTime(changes.previousFinishedAt ?? '')} and ${formatScanTime(changes.finishedAt)}`;
  return (
    <div className="grid min-w-0 gap-4 lg:col-span-3 xl:grid-cols-2">
      <Card title={`New since last scan (${changes.new.length})`} id="new-findings">
        <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">Findings of {label} that fail now and did not {between}.</p>
        {changes.new.length ? (
          <FindingTable rows={bySeverity(changes.new)} caption="Findings failing since the last scan" testId="new-findings-table" />
        ) : (
          <p className="text-sm" data-testid="new-findings-empty">Nothing new fails.</p>
        )}
      </Card>
      <Card title={`Fixed since last scan (${changes.fixed.length})`} id="fixed-findings">
        <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">Findings of {label} that failed in the previous scan and no longer do.</p>
        {changes.fixed.length ? (
          <FindingTable rows={bySeverity(changes.fixed)} caption="Findings fixed since the last scan" testId="fixed-findings-table" fixed />
        ) : (
          <p className="text-sm" data-testid="fixed-findings-empty">Nothing was fixed since the previous scan.</p>
        )}
        {(changes.appsAdded.length > 0 || changes.appsRemoved.length > 0) && (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" data-testid="apps-added-removed">
            {changes.appsAdded.length} app{changes.appsAdded.length === 1 ? '' : 's'} appeared, {changes.appsRemoved.length} disappeared (their findings are not counted as new or fixed).
          </p>
        )}
      </Card>
    </div>
  );
}
