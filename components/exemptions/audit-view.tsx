'use client';
import { useId, useState } from 'react';
import { useAudit, type AuditEntry } from '@/lib/queries/exemptions';
import { Card, linkClass } from '../ui/card';
import { EmptyState, ErrorState } from '../ui/states';

const ACTION_LABELS: Record<string, string> = {
  'exemption.create': 'exemption created',
  'exemption.update': 'exemption edited',
  'exemption.expire': 'exemption expired',
  'exemption.delete': 'exemption deleted',
  'setting.update': 'setting changed',
  'patch.download': 'patch downloaded',
};

/** A one-line summary of an entry's detail (the whole JSON is one click away). */
function summary(e: AuditEntry): string {
  const d = e.detail as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return '';
  if (e.action === 'exemption.create' || e.action === 'exemption.delete') return [d.scope, Array.isArray(d.checks) ? d.checks.join(', ') : '', d.reason ? `“${String(d.reason)}”` : ''].filter(Boolean).join(' · ');
  if (e.action === 'exemption.expire') return `expiry ${String((d.expires as { after?: string } | undefined)?.after ?? '').slice(0, 10)}`;
  if (e.action === 'exemption.update') {
    const before = (d.before ?? {}) as Record<string, unknown>;
    const after = (d.after ?? {}) as Record<string, unknown>;
    const changed = Object.keys(after).filter((k) => k !== 'updatedAt' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return changed.length ? `changed ${changed.join(', ')}` : 'no field changed';
  }
  if (e.action === 'setting.update') return `${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}`;
  if (e.action === 'patch.download') return Object.entries(d).map(([k, v]) => `${k} ${String(v)}`).join(' · ');
  return '';
}

/** The audit log: who, when, what, detail; filtered by action; exported as CSV or JSON. */
export function AuditView({ initial }: { initial: { entries: AuditEntry[] } }) {
  const { data, error, isFetching } = useAudit(initial);
  const [action, setAction] = useState('');
  const selectId = useId();
  const entries = data?.entries ?? [];
  const actions = [...new Set([...Object.keys(ACTION_LABELS), ...entries.map((e) => e.action)])];
  const rows = action ? entries.filter((e) => e.action === action) : entries;
  return (
    <Card
      title="Entries"
      id="audit"
      actions={
        <>
          <a className={linkClass} href="/api/audit?format=csv" download data-testid="audit-csv">
            Export CSV
          </a>
          <a className={linkClass} href="/api/audit?format=json" download="drydock-audit.json" data-testid="audit-json">
            Export JSON
          </a>
        </>
      }
    >
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={selectId} className="font-medium">
          Action
        </label>
        <select id={selectId} value={action} onChange={(e) => setAction(e.target.value)} className="rounded-md border border-slate-400 bg-white px-2 py-1 dark:border-slate-500 dark:bg-slate-950" data-testid="audit-filter">
          <option value="">every action ({entries.length})</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABELS[a] ?? a} ({entries.filter((e) => e.action === a).length})
            </option>
          ))}
        </select>
        <span role="status" className="text-slate-600 dark:text-slate-400">
          {isFetching ? 'Refreshing…' : `${rows.length} entr${rows.length === 1 ? 'y' : 'ies'}, newest first`}
        </span>
      </div>
      {error && <ErrorState title="Cannot load the audit log">{error.message}</ErrorState>}
      {!rows.length ? (
        <EmptyState title={entries.length ? 'No entry for this action' : 'The audit log is empty'}>
          {entries.length ? 'Choose another action.' : 'Exemption changes, setting changes and patch downloads are recorded here with who made them.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm" data-testid="audit-table">
            <caption className="sr-only">Audit log entries</caption>
            <thead className="text-xs text-slate-600 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1.5 pr-2 font-medium">When (UTC)</th>
                <th scope="col" className="py-1.5 pr-2 font-medium">Who</th>
                <th scope="col" className="py-1.5 pr-2 font-medium">What</th>
                <th scope="col" className="py-1.5 font-medium">Detail</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="audit-row" data-action={e.action}>
                  <td className="whitespace-nowrap py-1.5 pr-2 tabular-nums">
                    <time dateTime={e.at}>{`${e.at.slice(0, 10)} ${e.at.slice(11, 19)}`}</time>
                  </td>
                  <td className="min-w-20 py-1.5 pr-2 [overflow-wrap:anywhere]">{e.actor}</td>
                  <td className="py-1.5 pr-2">
                    <span className="font-medium">{ACTION_LABELS[e.action] ?? e.action}</span>
                    <br />
                    <span className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">{e.subject}</span>
                  </td>
                  <td className="py-1.5">
                    <p className="break-words">{summary(e)}</p>
                    <details>
                      <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">JSON</summary>
                      <pre tabIndex={0} className="mt-1 max-h-48 max-w-xl overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">{JSON.stringify(e.detail, null, 2)}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
