import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { SeverityBadge } from '@/components/ui/badges';
import { Card, PageHeader, linkClass } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { RichText } from '@/components/ui/rich-text';
import { EmptyState } from '@/components/ui/states';
import { checkById } from '@/lib/checks/registry';
import { TOPIC_TITLES } from '@/lib/checks/types';
import { checkExamples, type CheckExample } from '@/lib/server/check-examples';
import { reportState } from '@/lib/server/reports';
import { checkStatsOf } from '@/lib/views/check-stats';
import { appHref, appsHref, checksHref } from '@/lib/views/hrefs';

type Params = Promise<{ id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  return { title: checkById(id)?.title ?? 'Check' };
}

const FIX_LABEL = { safe: 'Safe: a complete patch', input: 'Input: a patch with values to choose', advice: 'Advice: text only' } as const;
const NEEDS_LABEL = { spec: 'the manifests alone', cluster: 'objects from the cluster (works degraded on manifests)', observed: 'live pod status', fleet: 'several clusters' } as const;

function Example({ title, ex, tone }: { title: string; ex: CheckExample; tone: 'fail' | 'pass' }) {
  return (
    <div className="min-w-0">
      <h3 className={`mb-1 text-sm font-semibold ${tone === 'fail' ? 'text-red-800 dark:text-red-300' : 'text-emerald-800 dark:text-emerald-300'}`}>
        {title} <span className="font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{ex.file}</span>
      </h3>
      {ex.message && <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">Drydock: “{ex.message}”</p>}
      <CodeBlock code={ex.yaml} label={`${title}: ${ex.file}`} maxHeight="max-h-[32rem]" />
    </div>
  );
}

export default async function CheckPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { id } = await params;
  const check = checkById(id);
  if (!check) notFound();
  const sp = await searchParams;
  const scanParam = (Array.isArray(sp.scan) ? sp.scan[0] : sp.scan) ?? null;
  const state = await reportState(scanParam);
  const scan = state.state === 'ready' && !state.isDefault ? state.scan.id : null;
  const examples = checkExamples(check);
  const report = state.state === 'ready' ? state.report : null;
  const stats = report ? checkStatsOf(report).get(check.id) : undefined;
  const affected = report
    ? report.apps.flatMap((a) => a.findings.filter((f) => f.check === check.id && (f.status === 'fail' || f.status === 'exempt')).map((f) => ({ app: a, f })))
    : [];
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link className={linkClass} href={checksHref(scan)}>
          Checks
        </Link>{' '}
        / <span>{TOPIC_TITLES[check.topic]}</span>
      </nav>
      <PageHeader
        title={check.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <code>{check.id}</code>
            {(check.severities ?? [check.severity]).map((s) => (
              <SeverityBadge key={s} severity={s} />
            ))}
          </span>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Why it matters" id="why" className="lg:col-span-2">
          <p className="mb-3 font-medium">{check.summary}</p>
          <RichText text={check.rationale} />
        </Card>
        <Card title="Facts" id="facts">
          <dl className="grid grid-cols-[6rem_1fr] gap-x-2 gap-y-1.5 text-sm">
            <dt className="text-slate-600 dark:text-slate-400">Topic</dt>
            <dd>{TOPIC_TITLES[check.topic]}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Fix</dt>
            <dd>{FIX_LABEL[check.fixKind]}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Reads</dt>
            <dd>{NEEDS_LABEL[check.needs]}</dd>
            {stats && (
              <>
                <dt className="text-slate-600 dark:text-slate-400">This scan</dt>
                <dd data-testid="check-stats">
                  {stats.fail} failing, {stats.pass} passing, {stats.notApplicable} not applicable{stats.exempt ? `, ${stats.exempt} accepted` : ''}
                </dd>
              </>
            )}
          </dl>
          {check.docs.length > 0 && (
            <>
              <h3 className="mt-4 mb-1 text-sm font-semibold">Read more</h3>
              <ul className="space-y-1 text-sm">
                {check.docs.map((d) => (
                  <li key={d} className="truncate">
                    <a href={d} className={linkClass} rel="noreferrer noopener" target="_blank">
                      {d.replace(/^https?:\/\//, '')}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
      </div>
      <Card title="Examples" id="examples" className="mt-4">
        {examples.failing || examples.passing ? (
          <div className="grid gap-4 xl:grid-cols-2">
            {examples.failing && <Example title="Fails" ex={examples.failing} tone="fail" />}
            {examples.fixed ? <Example title="After Drydock's fix" ex={examples.fixed} tone="pass" /> : examples.passing ? <Example title="Passes" ex={examples.passing} tone="pass" /> : null}
            {examples.fixed && examples.passing && <Example title="Also passes" ex={examples.passing} tone="pass" />}
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">No examples for this check yet.</p>
        )}
        {examples.others.length > 0 && <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">More cases in lib/checks/{check.topic}/{check.id}.fixtures/: {examples.others.join(', ')}</p>}
      </Card>
      <Card
        title={`Affected apps${report ? ` (${new Set(affected.filter((x) => x.f.status === 'fail').map((x) => x.app.id)).size})` : ''}`}
        id="affected"
        className="mt-4"
        actions={
          affected.length ? (
            <Link className={linkClass} href={appsHref({ check: [check.id] }, scan)}>
              Open in the apps list
            </Link>
          ) : null
        }
      >
        {!report ? (
          <EmptyState title="No scan to look at yet" />
        ) : affected.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="affected-apps">
              <caption className="sr-only">Apps where {check.id} fails or is accepted</caption>
              <thead className="text-xs text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-2 font-medium">App</th>
                  <th scope="col" className="py-1 pr-2 font-medium">Container</th>
                  <th scope="col" className="py-1 pr-2 font-medium">Severity</th>
                  <th scope="col" className="py-1 font-medium">What Drydock saw</th>
                </tr>
              </thead>
              <tbody>
                {affected.slice(0, 500).map(({ app, f }, i) => (
                  <tr key={i} className="border-t border-slate-100 align-top dark:border-slate-800">
                    <td className="py-1 pr-2">
                      <Link className={linkClass} href={`${appHref(app, scan)}#finding-${f.check}${f.container ? `-${f.container}` : ''}`}>
                        {app.cluster !== '-' ? `${app.cluster}/` : ''}
                        {app.namespace}/{app.name}
                      </Link>
                    </td>
                    <td className="py-1 pr-2">{f.container ?? '—'}</td>
                    <td className="py-1 pr-2">{f.status === 'exempt' ? <span className="text-xs">accepted risk</span> : <SeverityBadge severity={f.severity} />}</td>
                    <td className="py-1">{f.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {affected.length > 500 && <p className="mt-2 text-sm">Showing 500 of {affected.length}; the apps list has them all.</p>}
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">No app fails this check in this scan.</p>
        )}
      </Card>
    </>
  );
}
