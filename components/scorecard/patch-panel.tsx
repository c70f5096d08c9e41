'use client';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { FindingPatchView } from '@/lib/views/patch-view';
import { buttonClass } from '../ui/card';
import { CodeBlock } from '../ui/code-block';
import { CopyButton } from '../ui/copy-button';
import { DiffView } from './diff-view';

type Tab = 'strategic' | 'json' | 'kustomize';
const TABS: { id: Tab; label: string; hint: string }[] = [
  { id: 'strategic', label: 'Strategic merge', hint: 'kubectl patch --type strategic --patch-file <file>' },
  { id: 'json', label: 'JSON Patch', hint: 'kubectl patch --type json --patch-file <file>' },
  { id: 'kustomize', label: 'Kustomize', hint: 'an overlay: put the files beside your base and run kubectl kustomize' },
];

/** One fix's patch: the diff of the object, then the patch in three tabs with copy and download. */
export function PatchPanel({ patch, downloads, name }: { patch: FindingPatchView; downloads: Record<Tab, string>; name: string }) {
  const [tab, setTab] = useState<Tab>('strategic');
  const base = useId();
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({ strategic: null, json: null, kustomize: null });
  const text: Record<Tab, string> = { strategic: patch.strategic, json: patch.json, kustomize: patch.kustomize };
  const available = TABS.filter((t) => text[t.id]);
  const current = available.some((t) => t.id === tab) ? tab : (available[0]?.id ?? 'strategic');
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = available.findIndex((t) => t.id === current);
    const next = e.key === 'ArrowRight' ? (i + 1) % available.length : e.key === 'ArrowLeft' ? (i - 1 + available.length) % available.length : e.key === 'Home' ? 0 : e.key === 'End' ? available.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    const id = available[next]!.id;
    setTab(id);
    refs.current[id]?.focus();
  };
  return (
    <div className="space-y-3" data-testid="patch-panel">
      {patch.error && <p className="text-sm text-red-700 dark:text-red-300">{patch.error}</p>}
      {patch.placeholders.length > 0 && (
        <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          Fill {patch.placeholders.length === 1 ? 'the highlighted value' : `the ${patch.placeholders.length} highlighted values`} before applying: {patch.placeholders.map((p) => p.what).join('; ')}.
        </p>
      )}
      {patch.diff.length > 0 && (
        <details open>
          <summary className="cursor-pointer text-sm font-medium">Before and after: {patch.target}</summary>
          <div className="mt-2">
            <DiffView lines={patch.diff} label={`Changes to ${patch.target}`} />
          </div>
        </details>
      )}
      {patch.newResources && (
        <details>
          <summary className="cursor-pointer text-sm font-medium">New objects this fix creates</summary>
          <div className="mt-2">
            <CodeBlock code={patch.newResources} label="New objects" />
          </div>
        </details>
      )}
      <div>
        <div role="tablist" aria-label={`Patch formats for ${name}`} className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800" onKeyDown={onKey}>
          {available.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                refs.current[t.id] = el;
              }}
              id={`${base}-tab-${t.id}`}
              role="tab"
              type="button"
              aria-selected={current === t.id}
              aria-controls={`${base}-panel-${t.id}`}
              tabIndex={current === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              className={`-mb-px rounded-t-md border px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-600 ${current === t.id ? 'border-slate-200 border-b-white bg-white dark:border-slate-800 dark:border-b-slate-900 dark:bg-slate-900' : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        {available.map((t) => (
          <div key={t.id} id={`${base}-panel-${t.id}`} role="tabpanel" aria-labelledby={`${base}-tab-${t.id}`} hidden={current !== t.id} className="space-y-2 pt-3" data-testid={`patch-${t.id}`}>
            <div className="flex flex-wrap items-center gap-2">
              <code className="text-xs text-slate-600 dark:text-slate-400">{t.hint}</code>
              <div className="ml-auto flex gap-2">
                <CopyButton text={text[t.id]} label={`Copy the ${t.label} patch`} />
                <a className={buttonClass} href={downloads[t.id]} download data-testid={`download-${t.id}`}>
                  Download<span className="sr-only"> the {t.label} patch</span>
                </a>
              </div>
            </div>
            <CodeBlock code={text[t.id]} label={`${t.label} patch for ${name}`} />
          </div>
        ))}
      </div>
    </div>
  );
}
