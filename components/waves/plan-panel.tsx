'use client';
import Link from 'next/link';
import { useState } from 'react';
import { usePlanEntries } from '@/lib/queries/plan';
import type { Verdict } from '@/lib/scoring/score';
import type { PlanEntry } from '@/lib/store/plan';
import { isOverdue, todayUtc } from '@/lib/views/waves';
import { buttonClass, linkClass } from '../ui/card';
import { Spinner } from '../ui/states';
import { PlanEditor } from './plan-editor';

/**
 * The migration plan of one app, for its scorecard: the entry that applies (its own, else its
 * group's), overdue when its date passed and it is not Ready, and an editor for either entry.
 *
 * Mount it on the scorecard with the app's id, group and verdict:
 *   <PlanPanel appId={app.id} group={app.group} verdict={app.verdict} />
 */
export function PlanPanel({ appId, group, verdict, initialEntries }: { appId: string; group: string; verdict: Verdict; initialEntries?: PlanEntry[] }) {
  const subjects = [`app:${appId}`, `group:${group}`];
  const { data: entries, error, isPending } = usePlanEntries(subjects, initialEntries);
  const [editing, setEditing] = useState(false);
  const own = entries?.find((e) => e.subject === subjects[0]) ?? null;
  const viaGroup = entries?.find((e) => e.subject === subjects[1]) ?? null;
  const applies = own ?? viaGroup;
  const overdue = applies ? isOverdue(applies.targetDate, verdict, todayUtc()) : false;

  return (
    <section aria-labelledby="plan-panel-title" data-testid="plan-panel" className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="plan-panel-title" className="text-base font-semibold">
          Migration plan
        </h2>
        <Link href="/waves" className={`${linkClass} ml-auto text-sm`}>
          All waves
        </Link>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-800 dark:text-red-200">
          Cannot load the plan: {error.message}
        </p>
      ) : isPending ? (
        <Spinner label="Loading the plan…" />
      ) : applies ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">Wave</dt>
          <dd className="font-semibold">{applies.wave}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Owner</dt>
          <dd>{applies.owner}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Target date</dt>
          <dd className="tabular-nums">
            {applies.targetDate ?? '—'}
            {overdue && <span className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white dark:bg-red-500 dark:text-slate-950">overdue</span>}
          </dd>
          {applies.note && (
            <>
              <dt className="text-slate-600 dark:text-slate-400">Note</dt>
              <dd>{applies.note}</dd>
            </>
          )}
          <dt className="text-slate-600 dark:text-slate-400">From</dt>
          <dd>{own ? 'this app’s own entry' : `its group ${group}`}</dd>
        </dl>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Not planned: neither this app nor its group {group} has a wave yet.</p>
      )}
      {!error && !isPending && (
        <div className="mt-3">
          {editing ? (
            <PlanEditor subject={own || !viaGroup ? subjects[0]! : subjects[1]!} entries={entries ?? []} groups={[group]} appIds={[appId]} waves={[]} fixed={{ app: appId, group }} title={`Plan of ${appId}`} />
          ) : (
            <button type="button" className={buttonClass} onClick={() => setEditing(true)}>
              {applies ? 'Change the plan' : 'Plan this app'}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
