import type { Metadata } from 'next';
import Link from 'next/link';
import { VerdictBars } from '@/components/charts/verdict-bars';
import { VerdictChart } from '@/components/charts/verdict-chart';
import { ReportGate } from '@/components/layout/report-gate';
import { ScanBanner } from '@/components/layout/scan-banner';
import { RollupTable, type RollupTableRow } from '@/components/overview/rollup-table';
import { GradeBadge, SeverityBadge, VerdictBadge } from '@/components/ui/badges';
import { Card, PageHeader } from '@/components/ui/card';
import { ExportLinks } from '@/components/ui/export-links';
import { ScoreBar } from '@/components/ui/score-bar';
import { EmptyState } from '@/components/ui/states';
import { TOPICS, TOPIC_TITLES } from '@/lib/checks/types';
import { formatScore } from '@/lib/report/render-support';
import type { RollupRow } from '@/lib/report/types';
import type { Verdict } from '@/lib/scoring/score';
import { reportState } from '@/lib/server/reports';
import { VERDICTS, type AppFilters } from '@/lib/views/app-filters';
import { appHref, appsHref, checkHref, overviewHref } from '@/lib/views/hrefs';
import { overviewOf } from '@/lib/views/overview';

export const metadata: Metadata = { title: 'Overview' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export default async function OverviewPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const scanParam = one(sp.scan);
  const state = await reportState(scanParam);
  if (state.state !== 'ready') {
    return (
      <>
        <PageHeader title="Overview" />
        <ReportGate state={state} />
      </>
    );
  }
  const { report, scan } = state;
  const clusterParam = one(sp.cluster);
  const cluster = clusterParam && report.source.clusters.includes(clusterParam) ? clusterParam : null;
  const o = overviewOf(report, cluster);
  const scanId = state.isDefault ? null : scan.id;
  const base: Partial<AppFilters> = cluster ? { cluster: [cluster] } : {};
  const link = (f: Partial<AppFilters>) => appsHref({ ...base, ...f }, scanId);
  const verdictHrefs = (f: Partial<AppFilters>) => Object.fromEntries(VERDICTS.map((v) => [v, link({ ...f, verdict: [v] })])) as Record<Verdict, string>;
  const nsRows: RollupTableRow[] = o.namespaces.map((r) => {
    const f: Partial<AppFilters> = { ...(r.cluster !== '-' ? { cluster: [r.cluster] } : {}), namespace: [r.namespace] };
    return { ...rowOf(r), label: r.key, href: link(f), verdictHrefs: verdictHrefs(f) };
  });
  const teamRows: RollupTableRow[] = o.teams.map((r) => ({ ...rowOf(r), label: r.key, href: link({ team: [r.key] }), verdictHrefs: verdictHrefs({ team: [r.key] }) }));
  const scope = cluster ? `cluster:${cluster}` : 'fleet';
  const bars =
    !cluster && o.clusters.length > 1
      ? report.rollups.clusters.map((r) => ({ key: r.key, label: r.key, href: link({ cluster: [r.key] }), total: r.apps, verdicts: r.verdicts, verdictHrefs: verdictHrefs({ cluster: [r.key] }) }))
      : [...nsRows].sort((a, b) => b.apps - a.apps || a.label.localeCompare(b.label)).slice(0, 8).map((r) => ({ key: r.key, label: r.label, href: r.href, total: r.apps, verdicts: r.verdicts, verdictHrefs: r.verdictHrefs }));
  const unknownApps = o.summary.verdicts.unknown;

  return (
    <>
      <PageHeader
        title={cluster ? `Overview — ${cluster}` : 'Overview'}
        subtitle={`${o.summary.apps} apps in ${cluster ? `cluster ${cluster}` : report.source.type === 'cluster' ? `${report.source.clusters.length} cluster${report.source.clusters.length === 1 ? '' : 's'}` : 'uploaded manifests'}`}
        actions={<ExportLinks scope={scope} scan={scanId} label={cluster ? `cluster ${cluster}` : 'the fleet'} />}
      />
      <ScanBanner scan={scan} isDefault={state.isDefault} />
      {o.clusters.length > 1 && (
        <nav aria-label="Clusters" className="mb-4 flex flex-wrap gap-1">
          {[null, ...o.clusters].map((c) => (
            <Link
              key={c ?? 'fleet'}
              href={overviewHref(scanId, c)}
              aria-current={c === cluster ? 'page' : undefined}
              className={`rounded-full border px-3 py-1 text-sm ${c === cluster ? 'border-sky-700 bg-sky-700 text-white dark:border-sky-400 dark:bg-sky-400 dark:text-slate-950' : 'border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800'}`}
            >
              {c ?? 'Whole fleet'}
            </Link>
          ))}
        </nav>
      )}
      {!o.summary.apps ? (
        <EmptyState title="No workloads found">
          <p>The scan found no Deployments, StatefulSets, DaemonSets, Jobs, CronJobs or Pods{report.notes.length ? '; see the notes below' : ''}.</p>
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-3">
          <Card title="Readiness" id="readiness" className="lg:col-span-2">
            <VerdictChart counts={o.summary.verdicts} total={o.summary.apps} hrefs={verdictHrefs({})} />
            {bars.length > 1 && <VerdictBars rows={bars} caption={!cluster && o.clusters.length > 1 ? 'By cluster' : 'Largest namespaces'} />}
          </Card>
          <Card title="Score" id="score">
            <div className="flex items-center gap-4">
              <GradeBadge grade={o.summary.grade} large />
              <div>
                <Link href={link({ sort: 'score' })} className="block text-3xl font-semibold tabular-nums hover:underline" data-testid="overall-score" aria-label={`Score ${formatScore(o.summary.score)}: apps by score`}>
                  {formatScore(o.summary.score)}
                </Link>
                <div className="text-sm text-slate-600 dark:text-slate-400">mean app score of {o.summary.apps} apps</div>
              </div>
            </div>
            <h3 className="mt-4 mb-2 text-sm font-semibold">By topic</h3>
            <ul className="space-y-1.5">
              {TOPICS.map((t) => (
                <li key={t} className="grid grid-cols-[8rem_1fr] items-center gap-2 text-sm">
                  <Link href={link({ topic: [t], sort: `topic:${t}` })} className="truncate text-sky-700 hover:underline dark:text-sky-300" title={`${TOPIC_TITLES[t]}: apps failing in this topic`}>
                    {t}
                  </Link>
                  <ScoreBar score={o.summary.topics[t]} label={`${TOPIC_TITLES[t]} score`} />
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Most frequent failing checks" id="failing-checks" className="lg:col-span-2">
            {o.failingChecks.length ? (
              <ol className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
                {o.failingChecks.map((c) => (
                  <li key={c.check} className="flex items-center gap-2 py-1.5">
                    <SeverityBadge severity={c.severity} />
                    <Link href={checkHref(c.check, scanId)} className="min-w-0 flex-1 truncate hover:underline" title={c.title}>
                      <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{c.check}</span> {c.title}
                    </Link>
                    <Link href={link({ check: [c.check] })} className="shrink-0 font-semibold tabular-nums text-sky-700 hover:underline dark:text-sky-300" aria-label={`${c.apps} apps fail ${c.check}`}>
                      {c.apps} apps
                    </Link>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-sm">No check fails. </p>
            )}
          </Card>
          <Card title="Worst apps" id="worst-apps">
            {o.worstApps.length ? (
              <ol className="space-y-2 text-sm">
                {o.worstApps.map((a) => (
                  <li key={a.id} className="flex items-center gap-2">
                    <GradeBadge grade={a.grade} />
                    <Link href={appHref(a, scanId)} className="min-w-0 flex-1 truncate text-sky-700 hover:underline dark:text-sky-300" title={a.reason}>
                      {a.namespace}/{a.name}
                      {!cluster && o.clusters.length > 1 ? <span className="text-slate-600 dark:text-slate-400"> · {a.cluster}</span> : null}
                    </Link>
                    <VerdictBadge verdict={a.verdict} />
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-sm">Every app is ready.</p>
            )}
          </Card>
        </div>
      )}
      {o.summary.apps > 0 && (
        <div className="mt-4 grid gap-4 xl:grid-cols-2">
          <Card title="By namespace" id="by-namespace">
            <RollupTable rows={nsRows} keyLabel="Namespace" caption="Apps by namespace" testId="rollup-namespaces" />
          </Card>
          <Card title="By team" id="by-team">
            <RollupTable rows={teamRows} keyLabel="Team" caption="Apps by team" testId="rollup-teams" />
          </Card>
        </div>
      )}
      <Card title={`What the scan could not read (${o.errors.length + o.notes.length})`} id="scan-errors" className="mt-4">
        {o.errors.length === 0 && o.notes.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Nothing: every resource was read, so no verdict is Unknown for lack of data.</p>
        ) : (
          <div className="space-y-3 text-sm">
            {unknownApps > 0 && (
              <p>
                <Link href={link({ verdict: ['unknown'] })} className="font-semibold text-sky-700 hover:underline dark:text-sky-300">
                  {unknownApps} app{unknownApps === 1 ? ' is' : 's are'} Unknown
                </Link>{' '}
                because of what follows{o.unknown.length ? `: ${o.unknown.map((u) => `${u.apps} × ${u.reason}`).join('; ')}` : '.'}
              </p>
            )}
            {o.errors.length > 0 && (
              <table className="w-full text-left">
                <caption className="sr-only">Resources the scan could not read</caption>
                <thead className="text-xs text-slate-600 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="py-1 pr-2 font-medium">Cluster</th>
                    <th scope="col" className="py-1 pr-2 font-medium">Resource</th>
                    <th scope="col" className="py-1 pr-2 font-medium">Namespace</th>
                    <th scope="col" className="py-1 pr-2 font-medium">Error</th>
                    <th scope="col" className="py-1 font-medium">What it leaves unknown</th>
                  </tr>
                </thead>
                <tbody>
                  {o.errors.map((e, i) => (
                    <tr key={i} className="border-t border-slate-100 align-top dark:border-slate-800">
                      <td className="py-1 pr-2">{e.cluster}</td>
                      <td className="py-1 pr-2 font-mono text-xs">{e.resource}</td>
                      <td className="py-1 pr-2">{e.namespace ?? 'all'}</td>
                      <td className="py-1 pr-2">
                        {e.code ? <span className="font-mono">{e.code} </span> : null}
                        {e.message}
                      </td>
                      <td className="py-1">{e.effect}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {o.notes.length > 0 && (
              <ul className="list-disc space-y-1 pl-5" aria-label="Input notes">
                {o.notes.map((n, i) => (
                  <li key={i}>
                    <span className={n.level === 'error' ? 'font-semibold text-red-700 dark:text-red-300' : ''}>{n.level}</span>: {n.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </Card>
    </>
  );
}

function rowOf(r: RollupRow): Omit<RollupTableRow, 'label' | 'href' | 'verdictHrefs'> {
  return { key: r.key, apps: r.apps, score: r.score, grade: r.grade, verdicts: r.verdicts };
}

