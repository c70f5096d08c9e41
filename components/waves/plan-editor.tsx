'use client';
import { useId, useState, type FormEvent } from 'react';
import { useDeletePlanEntry, useSavePlanEntry } from '@/lib/queries/plan';
import type { PlanEntry } from '@/lib/store/plan';
import { buttonClass, primaryButtonClass } from '../ui/card';

export const inputClass =
  'w-full rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100';
const labelClass = 'block text-sm font-medium';

type Kind = 'app' | 'group';

function split(subject: string | null): { kind: Kind; target: string } {
  if (subject?.startsWith('group:')) return { kind: 'group', target: subject.slice(6) };
  if (subject?.startsWith('app:')) return { kind: 'app', target: subject.slice(4) };
  return { kind: 'group', target: '' };
}

export interface PlanEditorProps {
  /** The subject to start with ("app:…" / "group:…"); remount (key) to switch. */
  subject: string | null;
  entries: PlanEntry[];
  /** Choices for the pickers; with `fixed`, only those subjects can be edited (the scorecard panel). */
  groups: string[];
  appIds: string[];
  waves: string[];
  fixed?: { app: string; group: string };
  /** Names the form for assistive tech when several editors could be on a page. */
  title?: string;
}

/** Set (or remove) the owner, wave and target date of an app or a group. */
export function PlanEditor({ subject, entries, groups, appIds, waves, fixed, title = 'Plan an app or a group' }: PlanEditorProps) {
  const id = useId();
  const start = split(subject ?? (fixed ? `app:${fixed.app}` : null));
  const [kind, setKind] = useState<Kind>(start.kind);
  const [target, setTarget] = useState(fixed ? (start.kind === 'app' ? fixed.app : fixed.group) : start.target);
  const current = `${kind}:${target.trim()}`;
  const entry = entries.find((e) => e.subject === current) ?? null;
  const [fields, setFields] = useState(() => {
    const e = entries.find((x) => x.subject === `${start.kind}:${start.target}`);
    return { owner: e?.owner ?? '', wave: e?.wave ?? '', targetDate: e?.targetDate ?? '', note: e?.note ?? '' };
  });
  const save = useSavePlanEntry();
  const remove = useDeletePlanEntry();
  const [done, setDone] = useState<string | null>(null);

  // Picking a planned subject loads its entry; leaving one clears the form; otherwise what was typed stays.
  const choose = (k: Kind, t: string) => {
    setKind(k);
    setTarget(t);
    const e = entries.find((x) => x.subject === `${k}:${t.trim()}`);
    if (e || entry) setFields({ owner: e?.owner ?? '', wave: e?.wave ?? '', targetDate: e?.targetDate ?? '', note: e?.note ?? '' });
    setDone(null);
    save.reset();
    remove.reset();
  };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setDone(null);
    save.mutate(
      { subject: current, owner: fields.owner, wave: fields.wave, targetDate: fields.targetDate || null, note: fields.note },
      { onSuccess: (r) => setDone(`Saved: ${r.entry.subject.replace(/^app:/, '')} is in ${r.entry.wave}${r.entry.targetDate ? ` (target ${r.entry.targetDate})` : ''}.`) },
    );
  };
  const unplan = () => {
    setDone(null);
    remove.mutate(current, {
      onSuccess: () => {
        setFields({ owner: '', wave: '', targetDate: '', note: '' });
        setDone(`Removed ${current.replace(/^app:/, '')} from the plan.`);
      },
    });
  };
  const error = save.error ?? remove.error;

  return (
    <form onSubmit={submit} aria-label={title} data-testid="plan-editor" className="space-y-3">
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 text-sm font-medium">Plan for</legend>
        {(['app', 'group'] as const).map((k) => (
          <label key={k} className="inline-flex items-center gap-1.5">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => choose(k, fixed ? (k === 'app' ? fixed.app : fixed.group) : '')} />
            {k === 'app' ? (fixed ? 'this app' : 'an app') : fixed ? `its group (${fixed.group})` : 'a group'}
          </label>
        ))}
      </fieldset>
      {!fixed && (
        <div>
          <label htmlFor={`${id}-target`} className={labelClass}>
            {kind === 'app' ? 'App (cluster/namespace/kind/name)' : 'Group'}
          </label>
          {kind === 'group' ? (
            <select id={`${id}-target`} className={inputClass} value={target} onChange={(e) => choose('group', e.target.value)} required>
              <option value="">Choose a group…</option>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {g}
                  {entries.some((x) => x.subject === `group:${g}`) ? ' (planned)' : ''}
                </option>
              ))}
            </select>
          ) : (
            <>
              <input id={`${id}-target`} className={inputClass} list={`${id}-apps`} value={target} onChange={(e) => choose('app', e.target.value)} placeholder="demo/shop/Deployment/cart" required autoComplete="off" spellCheck={false} />
              <datalist id={`${id}-apps`}>
                {appIds.map((a) => (
                  <option key={a} value={a} />
                ))}
              </datalist>
            </>
          )}
        </div>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-owner`} className={labelClass}>
            Owner
          </label>
          <input id={`${id}-owner`} className={inputClass} value={fields.owner} onChange={(e) => setFields({ ...fields, owner: e.target.value })} required maxLength={200} />
        </div>
        <div>
          <label htmlFor={`${id}-wave`} className={labelClass}>
            Wave
          </label>
          <input id={`${id}-wave`} className={inputClass} list={`${id}-waves`} value={fields.wave} onChange={(e) => setFields({ ...fields, wave: e.target.value })} required maxLength={100} placeholder="wave 1" />
          <datalist id={`${id}-waves`}>
            {waves.map((w) => (
              <option key={w} value={w} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor={`${id}-date`} className={labelClass}>
            Target date <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
          </label>
          <input id={`${id}-date`} type="date" className={inputClass} value={fields.targetDate} onChange={(e) => setFields({ ...fields, targetDate: e.target.value })} />
        </div>
        <div>
          <label htmlFor={`${id}-note`} className={labelClass}>
            Note <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
          </label>
          <input id={`${id}-note`} className={inputClass} value={fields.note} onChange={(e) => setFields({ ...fields, note: e.target.value })} maxLength={2000} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className={primaryButtonClass} disabled={save.isPending || !target.trim()}>
          {save.isPending ? 'Saving…' : entry ? 'Save changes' : 'Add to the plan'}
        </button>
        {entry && (
          <button type="button" className={buttonClass} onClick={unplan} disabled={remove.isPending}>
            Remove from the plan
          </button>
        )}
        {entry && (
          <span className="text-xs text-slate-600 dark:text-slate-400">
            Last changed by {entry.updatedBy} on {entry.updatedAt.slice(0, 10)}
          </span>
        )}
      </div>
      {done && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-200" data-testid="plan-saved">
          {done}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          {error.message}
        </p>
      )}
    </form>
  );
}
