'use client';
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { ImportRefusedError, useImportPlan } from '@/lib/queries/plan';
import { buttonClass, primaryButtonClass } from '../ui/card';
import { inputClass } from './plan-editor';

const MAX_BYTES = 2 * 1024 * 1024;
const EXAMPLE = 'subject,owner,wave,target_date,note\ngroup:shop,shop team,wave 1,2026-12-15,\ndemo/payments/Deployment/api,payments,wave 2,,after the freeze';

/** Import a plan CSV (a file or pasted text): all or nothing, with every bad line listed. */
export function PlanImport() {
  const id = useId();
  const [csv, setCsv] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const run = useImportPlan();

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileError(null);
    run.reset();
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFileError(`${file.name} is larger than 2 MB`);
      return;
    }
    setCsv(await file.text());
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    run.mutate(csv);
  };
  const refused = run.error instanceof ImportRefusedError ? run.error : null;

  return (
    <form onSubmit={submit} aria-label="Import a plan CSV" className="space-y-3" data-testid="plan-import">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Columns <code>subject,owner,wave,target_date,note</code>; a subject is an app id (cluster/namespace/kind/name) or <code>group:&lt;name&gt;</code> (or use <code>app</code> / <code>group</code> columns). Either every line is saved or none is.
      </p>
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium">
          CSV file
        </label>
        <input id={`${id}-file`} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void onFile(e)} data-testid="plan-import-file" className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1 file:text-sm dark:file:border-slate-700 dark:file:bg-slate-900 dark:file:text-slate-100" />
      </div>
      <div>
        <label htmlFor={`${id}-text`} className="block text-sm font-medium">
          Or paste the CSV
        </label>
        <textarea id={`${id}-text`} className={`${inputClass} mt-1 h-28 font-mono text-xs`} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder={EXAMPLE} spellCheck={false} data-testid="plan-import-text" />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primaryButtonClass} disabled={!csv.trim() || run.isPending}>
          {run.isPending ? 'Importing…' : 'Import'}
        </button>
        <button type="button" className={buttonClass} onClick={() => (setCsv(''), run.reset())} disabled={!csv}>
          Clear
        </button>
      </div>
      {fileError && <p role="alert" className="text-sm text-red-800 dark:text-red-200">{fileError}</p>}
      {run.isSuccess && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-200" data-testid="plan-import-result">
          Imported: {run.data.created} new, {run.data.updated} changed, {run.data.unchanged} unchanged.
        </p>
      )}
      {run.error && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100" data-testid="plan-import-errors">
          <p className="font-semibold">{refused?.lines.length ? `Nothing was imported: ${refused.lines.length} problem${refused.lines.length === 1 ? '' : 's'}` : run.error.message}</p>
          {refused && refused.lines.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {refused.lines.slice(0, 50).map((l, i) => (
                <li key={i}>
                  line {l.line}: {l.message}
                </li>
              ))}
              {refused.lines.length > 50 && <li>… and {refused.lines.length - 50} more</li>}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
