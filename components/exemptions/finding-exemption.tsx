'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useExpireExemption, type ChangeResult, type StoredExemption } from '@/lib/queries/exemptions';
import { buttonClass, linkClass } from '../ui/card';
import { ExemptionForm } from './exemption-form';
import { emptyForm, formOf } from './form-model';
import { Modal } from './modal';

/** What a change did, in words; where the re-scored scan is when the page shows an older one. */
function ChangeNote({ result, viewingOther }: { result: ChangeResult; viewingOther: boolean }) {
  const pathname = usePathname();
  return (
    <p role="status" className="mt-2 text-sm text-slate-700 dark:text-slate-300" data-testid="exemption-change">
      {result.appliesFrom === 'now' ? (
        viewingOther ? (
          <>
            Applied: the current scan was re-scored.{' '}
            <Link className={linkClass} href={pathname}>
              Open this app in the current scan
            </Link>
          </>
        ) : (
          'Applied: the scores were recomputed.'
        )
      ) : (
        'Saved: it applies from the next scan (this scan’s resources are not in memory).'
      )}
    </p>
  );
}

/** Re-renders the server page after a change, so the score and the finding show the new scan. */
function useRefresh() {
  const router = useRouter();
  const [pending, start] = useTransition();
  return { pending, refresh: () => start(() => router.refresh()) };
}

/** "Exempt…" on a failing finding: a dialog prefilled with its app, container and check. */
export function ExemptButton({ appId, check, title, container, viewingOther }: { appId: string; check: string; title: string; container: string | null; viewingOther: boolean }) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<ChangeResult | null>(null);
  const { pending, refresh } = useRefresh();
  const initial = { ...emptyForm(), scope: container ? ('container' as const) : ('app' as const), app: appId, container: container ?? '', checks: [check] };
  return (
    <div className="mt-2">
      <button type="button" className={`${buttonClass} !py-0.5 !text-xs`} onClick={() => setOpen(true)} aria-haspopup="dialog" data-testid="exempt-button">
        Exempt…
      </button>
      {pending && <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">Updating the scores…</span>}
      {result && <ChangeNote result={result} viewingOther={viewingOther} />}
      {open && (
        <Modal title={`Accept the risk: ${title}`} onClose={() => setOpen(false)} testId="exempt-dialog">
          <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">
            An exempt finding counts in no score and shows as accepted risk until the exemption expires. Every change is recorded in the{' '}
            <Link className={linkClass} href="/audit">
              audit log
            </Link>
            .
          </p>
          <ExemptionForm
            initial={initial}
            id={null}
            checks={[]}
            scopes={container ? ['container', 'app'] : ['app']}
            locked
            onCancel={() => setOpen(false)}
            onSaved={(r) => {
              setOpen(false);
              setResult(r);
              refresh();
            }}
          />
        </Modal>
      )}
    </div>
  );
}

/** Edit / Expire on an exempt finding whose exemption is a stored record. */
export function ExemptionActions({ record, title, viewingOther }: { record: StoredExemption; title: string; viewingOther: boolean }) {
  const [editing, setEditing] = useState(false);
  const [result, setResult] = useState<ChangeResult | null>(null);
  const expire = useExpireExemption();
  const { pending, refresh } = useRefresh();
  const done = (r: ChangeResult) => {
    setResult(r);
    refresh();
  };
  return (
    <div className="mt-2">
      <div className="flex flex-wrap gap-2">
        <button type="button" className={`${buttonClass} !py-0.5 !text-xs`} onClick={() => setEditing(true)} aria-haspopup="dialog" data-testid="edit-exemption">
          Edit exemption
        </button>
        <button type="button" className={`${buttonClass} !py-0.5 !text-xs`} disabled={expire.isPending} onClick={() => expire.mutate(record.id, { onSuccess: done })} data-testid="expire-exemption">
          {expire.isPending ? 'Expiring…' : 'Expire now'}
        </button>
      </div>
      {pending && <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Updating the scores…</p>}
      {expire.error && (
        <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
          Could not expire it: {expire.error.message}
        </p>
      )}
      {result && <ChangeNote result={result} viewingOther={viewingOther} />}
      {editing && (
        <Modal title={`Edit the exemption: ${title}`} onClose={() => setEditing(false)} testId="edit-dialog">
          <ExemptionForm
            initial={formOf(record)}
            id={record.id}
            checks={record.checks.filter((c) => c !== '*').map((id) => ({ id, title: id }))}
            onCancel={() => setEditing(false)}
            onSaved={(r) => {
              setEditing(false);
              done(r);
            }}
          />
        </Modal>
      )}
    </div>
  );
}
