'use client';
import { useId, useState } from 'react';
import { useSaveSettings, useSettings, type ChangeResult, type SettingsData } from '@/lib/queries/exemptions';
import { Card } from '../ui/card';
import { ErrorState } from '../ui/states';

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The admin switch "ignore annotation exemptions": stored from here, or forced on by the config file. */
export function AdminSettings({ initial }: { initial: SettingsData }) {
  const { data, error } = useSettings(initial);
  const save = useSaveSettings();
  const [result, setResult] = useState<ChangeResult | null>(null);
  const descId = useId();
  const s = data?.settings.ignoreAnnotationExemptions ?? initial.settings.ignoreAnnotationExemptions;
  const on = save.isPending && save.variables ? save.variables.ignoreAnnotationExemptions : s.stored;
  return (
    <Card title="Admin" id="admin">
      <div className="flex flex-wrap items-start gap-3">
        <button
          type="button"
          role="switch"
          aria-checked={s.config || on}
          aria-describedby={descId}
          disabled={s.config || save.isPending}
          data-testid="ignore-annotations-switch"
          onClick={() => save.mutate({ ignoreAnnotationExemptions: !on }, { onSuccess: (r) => setResult(r) })}
          className={`relative mt-0.5 inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 border-transparent transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:cursor-not-allowed disabled:opacity-60 ${s.config || on ? 'bg-sky-700 dark:bg-sky-500' : 'bg-slate-400 dark:bg-slate-600'}`}
        >
          <span className="sr-only">Ignore annotation exemptions</span>
          <span aria-hidden="true" className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${s.config || on ? 'translate-x-5' : 'translate-x-0'}`} />
        </button>
        <div className="min-w-0 flex-1 text-sm">
          <p className="font-medium">Ignore annotation exemptions</p>
          <p id={descId} className="text-slate-700 dark:text-slate-300">
            When on, the <code className="text-xs">drydock.dev/exempt</code> annotations on workloads exempt nothing: those findings fail again and count in the scores. Exemption records still apply.
          </p>
          <p className="mt-1 text-slate-600 dark:text-slate-400" data-testid="setting-changed">
            {s.config
              ? 'On: drydock.config.yaml sets ignoreAnnotationExemptions, which wins over this switch.'
              : s.updatedAt
                ? `${s.stored ? 'Turned on' : 'Turned off'} by ${s.updatedBy ?? 'unknown'} on ${when(s.updatedAt)}.`
                : 'Never changed from the dashboard.'}
          </p>
          <p role="status" className="text-slate-700 dark:text-slate-300">
            {save.isPending ? 'Saving…' : result ? (result.appliesFrom === 'now' ? 'Saved; the current scan was re-scored.' : 'Saved; it applies from the next scan.') : ''}
          </p>
        </div>
      </div>
      {(error || save.error) && <ErrorState title="The setting could not be read or saved">{(save.error ?? error)!.message}</ErrorState>}
    </Card>
  );
}
