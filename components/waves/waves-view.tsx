'use client';
import { useRef, useState } from 'react';
import { usePlanEntries, useWaves } from '@/lib/queries/plan';
import type { PlanEntry } from '@/lib/store/plan';
import type { WavesView as WavesData } from '@/lib/views/waves';
import { Card } from '../ui/card';
import { HydrationMarker } from '../ui/hydration-marker';
import { EmptyState, ErrorState } from '../ui/states';
import { PlanEditor } from './plan-editor';
import { PlanImport } from './plan-import';
import { WaveCard } from './wave-card';

const slug = (s: string, i: number) => `wave-${i}-${s.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 40)}`;

/** The waves page: the plan editor and import, then one card per wave and the apps not planned. */
export function WavesView({ initial, initialEntries, scan }: { initial: WavesData; initialEntries: PlanEntry[]; scan: string | null }) {
  const { data: view = initial, error } = useWaves(scan, initial);
  const { data: entries = initialEntries } = usePlanEntries(undefined, initialEntries);
  // Each "Edit plan" remounts the editor on that subject (a counter so the same one can be picked twice).
  const [editing, setEditing] = useState<{ subject: string | null; n: number }>({ subject: null, n: 0 });
  const editorRef = useRef<HTMLDivElement>(null);
  const edit = (subject: string) => {
    setEditing((e) => ({ subject, n: e.n + 1 }));
    editorRef.current?.scrollIntoView({ block: 'start' });
    // Focus after the remount so keyboard users land in the form.
    requestAnimationFrame(() => editorRef.current?.querySelector<HTMLInputElement>('input[id$="-owner"]')?.focus());
  };
  const waveLabels = [...new Set(entries.map((e) => e.wave))];

  return (
    <div className="space-y-4" data-testid="waves-view">
      <HydrationMarker />
      {error && <ErrorState title="Cannot refresh the waves">{error.message}</ErrorState>}
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="waves-summary">
        {view.totals.planned} of {view.totals.apps} apps planned in {view.waves.length} wave{view.waves.length === 1 ? '' : 's'}
        {view.totals.overdue > 0 ? `; ${view.totals.overdue} overdue (target date before ${view.today}, not Ready)` : '; none overdue'}.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <div ref={editorRef} className="scroll-mt-4">
          <Card title="Plan an app or a group" id="plan-editor">
            <PlanEditor key={editing.n} subject={editing.subject} entries={entries} groups={view.groups} appIds={view.appIds} waves={waveLabels} />
          </Card>
        </div>
        <Card title="Import a plan" id="plan-import">
          <PlanImport />
        </Card>
      </div>
      {view.waves.length === 0 ? (
        <EmptyState title="No waves yet">
          <p>Give an app or a group an owner and a wave above, or import a CSV, and its wave shows here with how many of its apps are ready.</p>
        </EmptyState>
      ) : (
        <div className="space-y-4" data-testid="waves">
          {view.waves.map((w, i) => (
            <WaveCard key={w.wave} wave={w} scan={scan} onEdit={edit} id={slug(w.wave ?? '', i)} />
          ))}
        </div>
      )}
      {view.notPlanned.total > 0 && <WaveCard wave={view.notPlanned} scan={scan} onEdit={edit} id="wave-not-planned" />}
      {view.unmatched.length > 0 && (
        <Card title="Plan entries this scan does not match" id="plan-unmatched">
          <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">No app of this scan is (or is in) these; they may be in another cluster, renamed or gone.</p>
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
            {view.unmatched.map((e) => (
              <li key={e.subject} className="flex flex-wrap items-center gap-x-3 py-1.5">
                <code className="break-all">{e.subject}</code>
                <span className="text-slate-600 dark:text-slate-400">
                  {e.wave} · {e.owner}
                  {e.targetDate ? ` · ${e.targetDate}` : ''}
                </span>
                <button type="button" className="ml-auto text-sm text-sky-700 underline dark:text-sky-300" onClick={() => edit(e.subject)}>
                  Edit<span className="sr-only"> {e.subject}</span>
                </button>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
