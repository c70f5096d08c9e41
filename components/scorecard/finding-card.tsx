import Link from 'next/link';
import type { FindingView } from '@/lib/server/reports';
import { checkHref, patchHref, type AppKey } from '@/lib/views/hrefs';
import { toYaml } from '@/lib/patches/yaml';
import type { StoredExemption } from '@/lib/store';
import { ExemptButton, ExemptionActions } from '../exemptions/finding-exemption';
import { targetText } from '../exemptions/form-model';
import { SeverityBadge, StatusBadge } from '../ui/badges';
import { linkClass } from '../ui/card';
import { CodeBlock } from '../ui/code-block';
import { PatchPanel } from './patch-panel';

const FIX_KIND = {
  safe: { label: 'Safe fix', cls: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200', hint: 'a complete patch: nothing to choose' },
  input: { label: 'Fix needs your input', cls: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200', hint: 'fill the highlighted CHANGE-ME values first' },
  advice: { label: 'Advice', cls: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300', hint: 'no patch: what to change and why' },
} as const;

/** Which exemption made a finding exempt: a stored record (editable), a config-file record, or an annotation. */
type Match =
  | { kind: 'record'; record: StoredExemption }
  | { kind: 'config'; record: Pick<StoredExemption, 'scope' | 'cluster' | 'namespace' | 'app' | 'container' | 'reason' | 'owner'> & { expires?: string } }
  | { kind: 'annotation' };

function matchOf(f: FindingView): Match | null {
  const e = f.evidence?.exemption;
  if (f.status !== 'exempt' || !e || typeof e !== 'object') return null;
  const r = e as Partial<StoredExemption> & { source?: string };
  if (r.source === 'annotation') return { kind: 'annotation' };
  if (typeof r.id === 'string' && typeof r.expires === 'string') return { kind: 'record', record: r as StoredExemption };
  if (typeof r.scope === 'string' && typeof r.reason === 'string') return { kind: 'config', record: r as Extract<Match, { kind: 'config' }>['record'] };
  return null;
}

/** The accepted risk: the record that matched (reason, owner, expiry, a link to it) or the annotation. */
function AcceptedRisk({ f, match, viewingOther }: { f: FindingView; match: Match | null; viewingOther: boolean }) {
  return (
    <div className="mt-2 rounded-md border border-violet-200 bg-violet-50 p-2 text-sm text-violet-950 dark:border-violet-900 dark:bg-violet-950 dark:text-violet-100" data-testid="accepted-risk">
      <p className="font-semibold">Accepted risk</p>
      {match?.kind === 'record' || match?.kind === 'config' ? (
        <dl className="mt-1 grid grid-cols-[5.5rem_1fr] gap-x-2 gap-y-0.5">
          <dt className="font-medium">Reason</dt>
          <dd>{match.record.reason}</dd>
          <dt className="font-medium">Owner</dt>
          <dd>{match.record.owner}</dd>
          <dt className="font-medium">Expires</dt>
          <dd>{match.record.expires ? match.record.expires.slice(0, 10) : 'never'}</dd>
          <dt className="font-medium">Applies to</dt>
          <dd className="[overflow-wrap:anywhere]">
            {targetText(match.record)} ·{' '}
            {match.kind === 'record' ? (
              <Link className={`${linkClass} whitespace-nowrap`} href={`/exemptions#exemption-${match.record.id}`} data-testid="exemption-link">
                see the exemption record
              </Link>
            ) : (
              'from drydock.config.yaml'
            )}
          </dd>
        </dl>
      ) : (
        <p className="mt-1">
          {f.reason}
          {match?.kind === 'annotation' && (
            <>
              {' '}
              Remove the annotation from the workload to end it, or turn annotation exemptions off on the{' '}
              <Link className={linkClass} href="/exemptions#admin">
                exemptions page
              </Link>
              .
            </>
          )}
        </p>
      )}
      {match?.kind === 'record' && <ExemptionActions record={match.record} title={f.title} viewingOther={viewingOther} />}
    </div>
  );
}

export function findingAnchor(f: { check: string; container: string | null }): string {
  return `finding-${f.check}${f.container ? `-${f.container}` : ''}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** One finding of the scorecard: what was seen, why, the evidence, and the fix with its patch. */
export function FindingCard({ f, app, scan, managed }: { f: FindingView; app: AppKey; scan: string | null; managed: boolean }) {
  const anchor = findingAnchor(f);
  const evidence = Object.keys(f.evidence ?? {}).length > 1 ? toYaml(f.evidence) : null;
  const downloads = {
    strategic: patchHref(app, 'strategic', { scan, check: f.check, container: f.container, download: true }),
    json: patchHref(app, 'json', { scan, check: f.check, container: f.container, download: true }),
    kustomize: patchHref(app, 'kustomize', { scan, check: f.check, container: f.container, download: true }),
  };
  const open = f.status === 'fail';
  const match = matchOf(f);
  const appId = `${app.cluster}/${app.namespace}/${app.kind}/${app.name}`;
  return (
    <article id={anchor} aria-labelledby={`${anchor}-title`} data-testid="finding" data-check={f.check} data-status={f.status} className={`rounded-md border p-3 ${f.status === 'fail' ? 'border-red-200 dark:border-red-900' : 'border-slate-200 dark:border-slate-800'}`}>
      <header className="flex flex-wrap items-center gap-2">
        <StatusBadge status={f.status} />
        {(f.status === 'fail' || f.status === 'exempt') && <SeverityBadge severity={f.severity} />}
        <h4 id={`${anchor}-title`} className="font-medium">
          {f.title}
        </h4>
        <Link href={checkHref(f.check, scan)} className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-300">
          {f.check}
        </Link>
        {f.container && <span className="text-xs text-slate-600 dark:text-slate-400">container {f.container}</span>}
      </header>
      <p className="mt-1.5 text-sm">{f.message}</p>
      {f.status === 'exempt' && <AcceptedRisk f={f} match={match} viewingOther={scan !== null} />}
      {f.status === 'fail' && <ExemptButton appId={appId} check={f.check} title={f.title} container={f.container} viewingOther={scan !== null} />}
      {f.reason && f.status !== 'exempt' && (
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          <span className="font-medium">{f.status === 'notApplicable' ? 'Not applicable: ' : 'Why: '}</span>
          {f.reason}
        </p>
      )}
      {(f.pathYaml || evidence || f.path) && (
        <details className="mt-2" open={open && !!f.pathYaml}>
          <summary className="cursor-pointer text-sm font-medium">
            Evidence{f.path ? (
              <>
                {' '}
                at <code className="text-xs">{f.path}</code>
              </>
            ) : null}
          </summary>
          <div className="mt-2 grid gap-2 lg:grid-cols-2">
            {f.pathYaml && <CodeBlock code={f.pathYaml} label={`YAML at ${f.path}`} maxHeight="max-h-64" />}
            {evidence && <CodeBlock code={evidence} label="What the check saw" maxHeight="max-h-64" />}
          </div>
        </details>
      )}
      {f.status === 'fail' && f.fix && (
        <div className="mt-3 space-y-2 border-t border-slate-100 pt-3 dark:border-slate-800">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${FIX_KIND[f.fix.kind].cls}`} title={FIX_KIND[f.fix.kind].hint}>
              {FIX_KIND[f.fix.kind].label}
            </span>
            <span>{f.fix.summary}</span>
          </p>
          {f.fix.whereToChange && (
            <p className="rounded-md bg-sky-50 p-2 text-sm text-sky-950 dark:bg-sky-950 dark:text-sky-100" data-testid="where-to-change">
              <span className="font-semibold">Where the change belongs: </span>
              {f.fix.whereToChange}
            </p>
          )}
          {!f.fix.whereToChange && managed && f.patch && (
            <p className="text-sm text-slate-600 dark:text-slate-400">This app is managed by a deployment tool: make the change at its source so the next sync keeps it.</p>
          )}
          {f.patch && <PatchPanel patch={f.patch} downloads={downloads} name={`${f.check}${f.container ? ` (${f.container})` : ''}`} />}
        </div>
      )}
    </article>
  );
}
