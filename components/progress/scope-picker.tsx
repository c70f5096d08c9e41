'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useTransition } from 'react';
import { progressHref, scopeFromKey, scopeKey, type ProgressScope } from '@/lib/views/progress-scope';
import { Spinner } from '../ui/states';

export interface ScopeChoiceList {
  clusters: string[];
  namespaces: string[];
  teams: string[];
  groups: string[];
}

const GROUPS: { key: keyof ScopeChoiceList; type: 'cluster' | 'namespace' | 'team' | 'group'; label: string }[] = [
  { key: 'clusters', type: 'cluster', label: 'Clusters' },
  { key: 'namespaces', type: 'namespace', label: 'Namespaces' },
  { key: 'teams', type: 'team', label: 'Teams' },
  { key: 'groups', type: 'group', label: 'Groups' },
];

/**
 * Which apps the progress views cover: the fleet, or one cluster, namespace, team or group the
 * history has seen. The choice lives in the URL (`?scope=team&value=payments`): the server renders it.
 */
export function ScopePicker({ scope, choices }: { scope: ProgressScope; choices: ScopeChoiceList }) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.setAttribute('data-hydrated', 'true');
  }, []);
  const current = scopeKey(scope);
  const known = current === 'fleet' || GROUPS.some((g) => choices[g.key].some((v) => scopeKey({ type: g.type, value: v }) === current));
  return (
    <div ref={ref} className="flex flex-wrap items-end gap-2" data-testid="scope-picker">
      <div className="flex min-w-0 flex-col gap-0.5">
        <label htmlFor={id} className="text-xs font-medium text-slate-600 dark:text-slate-400">
          Show progress for
        </label>
        <select
          id={id}
          value={current}
          onChange={(e) => start(() => router.push(progressHref(scopeFromKey(e.target.value))))}
          className="w-72 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          data-testid="progress-scope"
        >
          <option value="fleet">The whole fleet</option>
          {!known && <option value={current}>{current.replace(':', ' ')}</option>}
          {GROUPS.filter((g) => choices[g.key].length > 0).map((g) => (
            <optgroup key={g.key} label={g.label}>
              {choices[g.key].map((v) => (
                <option key={v} value={scopeKey({ type: g.type, value: v })}>
                  {g.type === 'namespace' && v.startsWith('-/') ? `${v.slice(2)} (manifests)` : v}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {pending && <Spinner label="Loading…" />}
    </div>
  );
}
