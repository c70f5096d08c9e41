'use client';
import Link from 'next/link';
import { appHref } from '@/lib/views/hrefs';
import type { Wave, WaveApp } from '@/lib/views/waves';
import { VerdictBadge } from '../ui/badges';
import { buttonClass } from '../ui/card';
import { VerdictStack } from './verdict-stack';

function dates(w: Wave): string | null {
  if (!w.firstDate) return null;
  return w.firstDate === w.lastDate ? `target ${w.firstDate}` : `targets ${w.firstDate} – ${w.lastDate}`;
}

/** A wave: its verdict counts, who owns it, by when, and its apps (overdue ones first and marked). */
export function WaveCard({ wave, scan, onEdit, id }: { wave: Wave; scan: string | null; onEdit: (subject: string) => void; id: string }) {
  const label = wave.wave ?? 'Not planned';
  const headingId = `${id}-title`;
  return (
    <section aria-labelledby={headingId} data-testid="wave-card" data-wave={label} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id={headingId} className="text-base font-semibold">
          {label}
        </h2>
        <span className="text-sm text-slate-600 dark:text-slate-400">
          {wave.total} app{wave.total === 1 ? '' : 's'}
          {wave.owners.length > 0 && ` · owner${wave.owners.length > 1 ? 's' : ''} ${wave.owners.join(', ')}`}
          {dates(wave) && ` · ${dates(wave)}`}
        </span>
        {wave.overdue > 0 && (
          <span className="ml-auto rounded bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white dark:bg-red-500 dark:text-slate-950" data-testid="wave-overdue">
            {wave.overdue} overdue
          </span>
        )}
      </div>
      <VerdictStack verdicts={wave.verdicts} total={wave.total} label={`Verdicts of ${label}`} />
      {wave.apps.length > 0 && (
        <details className="mt-3 text-sm" open={wave.overdue > 0 && wave.apps.length <= 20}>
          <summary className="cursor-pointer font-medium text-sky-700 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-300">
            Apps of {label} ({wave.apps.length})
          </summary>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Apps of {label}</caption>
              <thead className="text-xs text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">App</th>
                  <th scope="col" className="py-1 pr-3 font-medium">Verdict</th>
                  {wave.wave !== null && (
                    <>
                      <th scope="col" className="py-1 pr-3 font-medium">Owner</th>
                      <th scope="col" className="py-1 pr-3 font-medium">Target date</th>
                      <th scope="col" className="py-1 pr-3 font-medium">From</th>
                    </>
                  )}
                  <th scope="col" className="py-1 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {wave.apps.map((a) => (
                  <AppRow key={a.id} app={a} planned={wave.wave !== null} scan={scan} onEdit={onEdit} />
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}

function AppRow({ app: a, planned, scan, onEdit }: { app: WaveApp; planned: boolean; scan: string | null; onEdit: (subject: string) => void }) {
  return (
    <tr data-testid="wave-app" data-app={a.id} data-overdue={a.overdue ? 'true' : 'false'} className={a.overdue ? 'bg-red-50 dark:bg-red-950/60' : undefined}>
      <td className="max-w-[22rem] py-1.5 pr-3">
        <Link href={appHref(a, scan)} className="font-medium text-sky-700 hover:underline dark:text-sky-300">
          {a.name}
        </Link>
        <span className="block truncate text-xs text-slate-600 dark:text-slate-400" title={a.id}>
          {a.cluster}/{a.namespace} · {a.kind} · group {a.group}
        </span>
      </td>
      <td className="py-1.5 pr-3">
        <VerdictBadge verdict={a.verdict} />
      </td>
      {planned && (
        <>
          <td className="py-1.5 pr-3">{a.owner}</td>
          <td className="whitespace-nowrap py-1.5 pr-3 tabular-nums">
            {a.targetDate ?? '—'}
            {a.overdue && (
              <span className="block text-xs font-semibold text-red-800 dark:text-red-200" data-testid="overdue">
                overdue since {a.targetDate}
              </span>
            )}
          </td>
          <td className="py-1.5 pr-3 text-xs text-slate-600 dark:text-slate-400">{a.subject?.startsWith('group:') ? 'group entry' : 'app entry'}</td>
        </>
      )}
      <td className="py-1.5 text-right">
        <button type="button" className={`${buttonClass} px-2 py-0.5 text-xs`} onClick={() => onEdit(planned && a.subject ? a.subject : `app:${a.id}`)}>
          {planned ? 'Edit plan' : 'Plan'}
          <span className="sr-only"> of {a.name}</span>
        </button>
      </td>
    </tr>
  );
}
