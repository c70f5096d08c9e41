'use client';
import { useEffect, useState } from 'react';
import { useDeleteExemption, useExemptions, useExpireExemption, type ChangeResult, type ExemptionList, type StoredExemption } from '@/lib/queries/exemptions';
import { Card, buttonClass, primaryButtonClass } from '../ui/card';
import { EmptyState, ErrorState } from '../ui/states';
import { ExemptionForm, type CheckOption } from './exemption-form';
import { emptyForm, formOf, isExpired, targetText } from './form-model';
import { Modal } from './modal';

type Filter = 'active' | 'expired' | 'all';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'expired', label: 'Expired' },
  { value: 'all', label: 'All' },
];

function changeText(r: ChangeResult): string {
  return r.appliesFrom === 'now' ? `Saved; the current scan was re-scored (scan ${r.scan}).` : 'Saved; it applies from the next scan.';
}

/** The exemption records: filter, create, edit, expire now, delete (confirmed); matches in the current scan. */
export function ExemptionsView({ initial, checks }: { initial: ExemptionList; checks: CheckOption[] }) {
  const { data, error, isFetching } = useExemptions(initial);
  const [filter, setFilter] = useState<Filter>('active');
  const [editing, setEditing] = useState<StoredExemption | 'new' | null>(null);
  const [deleting, setDeleting] = useState<StoredExemption | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const expire = useExpireExemption();
  const del = useDeleteExemption();

  // A finding's "exemption record" link points at #exemption-<id>: show it whatever the filter.
  useEffect(() => {
    const read = () => setTarget(window.location.hash.startsWith('#exemption-') ? window.location.hash.slice('#exemption-'.length) : null);
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);

  const all = data?.exemptions ?? [];
  const rows = all.filter((e) => e.id === target || filter === 'all' || (filter === 'expired' ? isExpired(e) : !isExpired(e)));
  const titles = new Map(checks.map((c) => [c.id, c.title]));
  const done = (r: ChangeResult) => setMessage(changeText(r));

  return (
    <Card
      title="Exemption records"
      id="records"
      actions={
        <button type="button" className={primaryButtonClass} onClick={() => setEditing('new')} aria-haspopup="dialog" data-testid="new-exemption">
          New exemption
        </button>
      }
    >
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <div role="group" aria-label="Show" className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
          {FILTERS.map((f) => (
            <button
              key={f.value}
              type="button"
              aria-pressed={filter === f.value}
              onClick={() => setFilter(f.value)}
              className={`px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-600 ${filter === f.value ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'bg-white text-slate-800 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800'}`}
            >
              {f.label} ({f.value === 'all' ? all.length : all.filter((e) => (f.value === 'expired' ? isExpired(e) : !isExpired(e))).length})
            </button>
          ))}
        </div>
        <span className="text-sm text-slate-600 dark:text-slate-400">{data?.scan ? `Matches: findings each record exempts in the current scan ${data.scan}.` : 'No scan yet: matches are counted once one finishes.'}</span>
      </div>
      <div role="status" className="min-h-5 text-sm text-slate-700 dark:text-slate-300" data-testid="exemptions-message">
        {message ?? (isFetching ? 'Refreshing…' : '')}
      </div>
      {error && <ErrorState title="Cannot load the exemptions">{error.message}</ErrorState>}
      {(expire.error || del.error) && <ErrorState title="The change failed">{(expire.error ?? del.error)!.message}</ErrorState>}
      {!rows.length ? (
        <EmptyState title={all.length ? `No ${filter} exemptions` : 'No exemption records yet'}>
          {all.length ? 'Choose another filter above.' : 'Exempt a failing finding from its app’s scorecard, or create a record here with “New exemption”.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm" data-testid="exemptions-table">
            <caption className="sr-only">Exemption records ({filter})</caption>
            <thead className="text-xs text-slate-600 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1.5 pr-2 font-medium">Applies to</th>
                <th scope="col" className="py-1.5 pr-2 font-medium">Checks</th>
                <th scope="col" className="py-1.5 pr-2 font-medium">Reason · owner</th>
                <th scope="col" className="py-1.5 pr-2 font-medium">Expires</th>
                <th scope="col" className="py-1.5 pr-2 text-right font-medium">Matches</th>
                <th scope="col" className="py-1.5 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const expired = isExpired(e);
                return (
                  <tr key={e.id} id={`exemption-${e.id}`} data-testid="exemption-row" data-id={e.id} className={`border-t border-slate-100 align-top dark:border-slate-800 ${e.id === target ? 'bg-sky-50 dark:bg-sky-950' : ''}`}>
                    <td className="py-1.5 pr-2 [overflow-wrap:anywhere]">{targetText(e)}</td>
                    <td className="py-1.5 pr-2">
                      <ul>
                        {e.checks.map((c) => (
                          <li key={c} className="font-mono text-xs" title={titles.get(c)}>
                            {c === '*' ? '* (every check)' : c}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="max-w-xs py-1.5 pr-2">
                      <p className="break-words">{e.reason}</p>
                      <p className="text-xs text-slate-600 dark:text-slate-400">owner {e.owner}</p>
                    </td>
                    <td className="whitespace-nowrap py-1.5 pr-2">
                      {e.expires.slice(0, 10)}
                      {expired && <span className="ml-1 rounded bg-slate-200 px-1 text-xs font-semibold text-slate-800 dark:bg-slate-700 dark:text-slate-100">expired</span>}
                    </td>
                    <td className="py-1.5 pr-2 text-right tabular-nums" data-testid="exemption-matches">
                      {data?.matches[e.id] ?? 0}
                    </td>
                    <td className="py-1.5">
                      <div className="flex flex-wrap justify-end gap-1.5">
                        <button type="button" className={`${buttonClass} !px-2 !py-0.5 !text-xs`} onClick={() => setEditing(e)} aria-haspopup="dialog" aria-label={`Edit the exemption of ${targetText(e)}`}>
                          Edit
                        </button>
                        {!expired && (
                          <button type="button" className={`${buttonClass} !px-2 !py-0.5 !text-xs`} disabled={expire.isPending} onClick={() => expire.mutate(e.id, { onSuccess: done })} aria-label={`Expire the exemption of ${targetText(e)} now`}>
                            Expire now
                          </button>
                        )}
                        <button type="button" className={`${buttonClass} !px-2 !py-0.5 !text-xs`} onClick={() => setDeleting(e)} aria-haspopup="dialog" aria-label={`Delete the exemption of ${targetText(e)}`}>
                          Delete
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <Modal title={editing === 'new' ? 'New exemption' : 'Edit the exemption'} onClose={() => setEditing(null)} testId="exemption-dialog">
          <ExemptionForm
            initial={editing === 'new' ? emptyForm() : formOf(editing)}
            id={editing === 'new' ? null : editing.id}
            checks={checks}
            onCancel={() => setEditing(null)}
            onSaved={(r) => {
              setEditing(null);
              done(r);
            }}
          />
        </Modal>
      )}
      {deleting && (
        <Modal title="Delete this exemption?" onClose={() => setDeleting(null)} testId="delete-dialog">
          <p className="text-sm">
            The exemption of <strong className="break-all">{targetText(deleting)}</strong> ({deleting.checks.join(', ')}) is removed and its findings count again. The audit log keeps what it was. To keep the record, expire it instead.
          </p>
          <div className="mt-4 flex justify-end gap-2">
            <button type="button" className={buttonClass} onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="inline-flex items-center rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-50 dark:bg-red-400 dark:text-slate-950 dark:hover:bg-red-300"
              disabled={del.isPending}
              onClick={() =>
                del.mutate(deleting.id, {
                  onSuccess: (r) => {
                    setDeleting(null);
                    done(r);
                  },
                })
              }
            >
              {del.isPending ? 'Deleting…' : 'Delete'}
            </button>
          </div>
        </Modal>
      )}
    </Card>
  );
}
