'use client';
import { useId, useState, type FormEvent } from 'react';
import type { ExemptionScope } from '@/lib/config/types';
import { useSaveExemption, type ChangeResult, type StoredExemption } from '@/lib/queries/exemptions';
import { buttonClass, primaryButtonClass } from '../ui/card';
import { FIELD_HINTS, FIELD_LABELS, SCOPE_FIELDS, SCOPE_LABELS, inputOf, todayIso, validateForm, type FormErrors, type FormState } from './form-model';

export interface CheckOption {
  id: string;
  title: string;
}

const inputClass =
  'mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 aria-[invalid=true]:border-red-600 dark:border-slate-500 dark:bg-slate-950 dark:text-slate-100 dark:aria-[invalid=true]:border-red-400';
const errorClass = 'mt-1 text-sm text-red-700 dark:text-red-300';

/**
 * Create or edit an exemption: the scope decides which targets are asked for; checks, reason, owner
 * and expiry are always required. `locked`: the finding dialog, where the app, container and check
 * come from the finding and only the scope (app or container) is chosen.
 */
export function ExemptionForm({
  initial,
  id,
  checks,
  scopes = ['app', 'container', 'namespace', 'cluster', 'check'],
  locked = false,
  onSaved,
  onCancel,
}: {
  initial: FormState;
  id: string | null;
  checks: CheckOption[];
  scopes?: ExemptionScope[];
  locked?: boolean;
  onSaved: (r: ChangeResult & { exemption: StoredExemption }) => void;
  onCancel: () => void;
}) {
  const uid = useId();
  const [s, setS] = useState<FormState>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const save = useSaveExemption();
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setS((prev) => ({ ...prev, [k]: v }));
  const fieldId = (k: string) => `${uid}-${k}`;
  const describedBy = (k: keyof FormState, hint = false) => [errors[k] ? `${fieldId(k)}-error` : '', hint ? `${fieldId(k)}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const errorOf = (k: keyof FormState) =>
    errors[k] ? (
      <p id={`${fieldId(k)}-error`} className={errorClass}>
        {errors[k]}
      </p>
    ) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateForm(s);
    setErrors(found);
    if (Object.keys(found).length) {
      const first = Object.keys(found)[0]!;
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    save.mutate({ id, input: inputOf(s) }, { onSuccess: onSaved });
  };

  const count = Object.keys(errors).length;
  return (
    <form onSubmit={submit} noValidate className="space-y-3" data-testid="exemption-form">
      {count > 0 && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          {count === 1 ? 'One field needs' : `${count} fields need`} your attention before the exemption can be saved.
        </p>
      )}
      <div>
        <label htmlFor={fieldId('scope')} className="text-sm font-medium">
          Scope
        </label>
        <select id={fieldId('scope')} className={inputClass} value={s.scope} onChange={(e) => set('scope', e.target.value as ExemptionScope)}>
          {scopes.map((sc) => (
            <option key={sc} value={sc}>
              {SCOPE_LABELS[sc]}
            </option>
          ))}
        </select>
      </div>
      {SCOPE_FIELDS[s.scope].map((f) =>
        locked ? (
          <p key={f} className="text-sm">
            <span className="font-medium">{FIELD_LABELS[f]}: </span>
            <code className="break-all text-xs">{s[f]}</code>
          </p>
        ) : (
          <div key={f}>
            <label htmlFor={fieldId(f)} className="text-sm font-medium">
              {FIELD_LABELS[f]} <span className="font-normal text-slate-600 dark:text-slate-400">(required)</span>
            </label>
            <input id={fieldId(f)} className={inputClass} value={s[f]} onChange={(e) => set(f, e.target.value)} aria-invalid={!!errors[f]} aria-describedby={describedBy(f, true)} autoComplete="off" />
            <p id={`${fieldId(f)}-hint`} className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
              {FIELD_HINTS[f]}
            </p>
            {errorOf(f)}
          </div>
        ),
      )}
      {locked ? (
        <p className="text-sm">
          <span className="font-medium">Check: </span>
          <code className="text-xs">{s.checks.join(', ')}</code>
        </p>
      ) : (
        <div>
          <label htmlFor={fieldId('checks')} className="text-sm font-medium">
            Checks <span className="font-normal text-slate-600 dark:text-slate-400">(required; Ctrl/⌘-click for several)</span>
          </label>
          <select
            id={fieldId('checks')}
            multiple
            size={6}
            className={inputClass}
            value={s.checks}
            onChange={(e) => set('checks', [...e.target.selectedOptions].map((o) => o.value))}
            aria-invalid={!!errors.checks}
            aria-describedby={describedBy('checks')}
          >
            <option value="*">* — every check</option>
            {checks.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} — {c.title}
              </option>
            ))}
          </select>
          {errorOf('checks')}
        </div>
      )}
      <div>
        <label htmlFor={fieldId('reason')} className="text-sm font-medium">
          Reason <span className="font-normal text-slate-600 dark:text-slate-400">(required)</span>
        </label>
        <textarea id={fieldId('reason')} rows={2} className={inputClass} value={s.reason} onChange={(e) => set('reason', e.target.value)} aria-invalid={!!errors.reason} aria-describedby={describedBy('reason')} maxLength={2000} />
        {errorOf('reason')}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={fieldId('owner')} className="text-sm font-medium">
            Owner <span className="font-normal text-slate-600 dark:text-slate-400">(required)</span>
          </label>
          <input id={fieldId('owner')} className={inputClass} value={s.owner} onChange={(e) => set('owner', e.target.value)} aria-invalid={!!errors.owner} aria-describedby={describedBy('owner')} maxLength={2000} autoComplete="off" />
          {errorOf('owner')}
        </div>
        <div>
          <label htmlFor={fieldId('expires')} className="text-sm font-medium">
            Expires on <span className="font-normal text-slate-600 dark:text-slate-400">(required)</span>
          </label>
          <input id={fieldId('expires')} type="date" min={todayIso()} className={inputClass} value={s.expires} onChange={(e) => set('expires', e.target.value)} aria-invalid={!!errors.expires} aria-describedby={describedBy('expires')} />
          {errorOf('expires')}
        </div>
      </div>
      {save.error && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          The exemption was not saved: {save.error.message}
        </p>
      )}
      <div className="flex flex-wrap justify-end gap-2 pt-1">
        <button type="button" className={buttonClass} onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className={primaryButtonClass} disabled={save.isPending}>
          {save.isPending ? 'Saving…' : id ? 'Save changes' : 'Exempt'}
        </button>
      </div>
    </form>
  );
}
