import type { Metadata } from 'next';
import Link from 'next/link';
import { ReportGate } from '@/components/layout/report-gate';
import { FindingCard, findingAnchor } from '@/components/scorecard/finding-card';
import { FleetAppSection } from '@/components/fleet/fleet-app-section';
import { AppTimeline } from '@/components/scorecard/app-timeline';
import { PlanPanel } from '@/components/waves/plan-panel';
import { GradeBadge, VerdictBadge } from '@/components/ui/badges';
import { Card, PageHeader, buttonClass, linkClass, primaryButtonClass } from '@/components/ui/card';
import { ExportLinks } from '@/components/ui/export-links';
import { HydrationMarker } from '@/components/ui/hydration-marker';
import { ScoreBar } from '@/components/ui/score-bar';
import { ErrorState } from '@/components/ui/states';
import { TOPICS, TOPIC_TITLES } from '@/lib/checks/types';
import { formatScore } from '@/lib/report/render-support';
import { findApp, reportState, scorecardOf } from '@/lib/server/reports';
import { appHistory } from '@/lib/server/progress-api';
import { appsHref, patchHref, type AppKey } from '@/lib/views/hrefs';

type Params = Promise<{ cluster: string; namespace: string; kind: string; name: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await params;
  return { title: `${decode(p.namespace)}/${decode(p.name)}` };
}

const MANAGED: Record<string, string> = {
  helm: 'Helm',
  argocd: 'Argo CD',
  flux: 'Flux',
  kubectl: 'kubectl',
};

const DATA_CLASS_LABEL: Record<string, string> = {
  'container-layer': 'container layer (overlayfs)',
  'emptyDir-disk': 'emptyDir on disk',
  'emptyDir-memory': 'emptyDir in memory (tmpfs)',
  hostPath: 'hostPath (node disk)',
  'pvc-local': 'local persistent volume',
  'pvc-network': 'network persistent volume',
  'pvc-unknown': 'persistent volume (kind unknown)',
  'ephemeral-volume': 'generic ephemeral volume',
  'network-inline': 'network volume (inline)',
  configMap: 'ConfigMap',
  secret: 'Secret',
  projected: 'projected',
  downwardAPI: 'downward API',
  other: 'other',
};

export default async function ScorecardPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const p = await params;
  const key: AppKey = { cluster: decode(p.cluster), namespace: decode(p.namespace), kind: decode(p.kind), name: decode(p.name) };
  const sp = await searchParams;
  const scanParam = (Array.isArray(sp.scan) ? sp.scan[0] : sp.scan) ?? null;
  const state = await reportState(scanParam);
  if (state.state !== 'ready') {
    return (
      <>
        <PageHeader title={`${key.namespace}/${key.name}`} />
        <ReportGate state={state} />
      </>
    );
  }
  const scan = state.isDefault ? null : state.scan.id;
  const report = findApp(state.report, key);
  if (!report) {
    return (
      <>
        <PageHeader title={`${key.namespace}/${key.name}`} />
        <ErrorState title="No such app in this scan">
          <p>
            {key.kind} {key.name} in namespace {key.namespace} of {key.cluster === '-' ? 'the uploaded manifests' : `cluster ${key.cluster}`} is not in scan {state.scan.id}.
          </p>
          <p className="mt-2">
            <Link className={linkClass} href={appsHref({ q: key.name }, scan)}>
              Search the apps for “{key.name}”
            </Link>
          </p>
        </ErrorState>
      </>
    );
  }
  const data = scorecardOf(state.scan.id, report);
  const history = await appHistory(report.id);
  const { app } = data;
  const managed = app.managedBy === 'helm' || app.managedBy === 'argocd' || app.managedBy === 'flux';
  const failing = data.findings.filter((f) => f.status === 'fail');
  const criticals = failing.filter((f) => f.severity === 'critical').length;
  const where = [...new Set(failing.map((f) => f.fix?.whereToChange).filter((w): w is string => !!w))];
  const nsFilter = { ...(app.cluster !== '-' ? { cluster: [app.cluster] } : {}), namespace: [app.namespace] };

  return (
    <>
      <HydrationMarker />
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600 dark:text-slate-400">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link className={linkClass} href={appsHref({}, scan)}>
              Apps
            </Link>{' '}
            /
          </li>
          {app.cluster !== '-' && (
            <li>
              <Link className={linkClass} href={appsHref({ cluster: [app.cluster] }, scan)}>
                {app.cluster}
              </Link>{' '}
              /
            </li>
          )}
          <li>
            <Link className={linkClass} href={appsHref(nsFilter, scan)}>
              {app.namespace}
            </Link>{' '}
            /
          </li>
          <li aria-current="page">
            {app.kind} {app.name}
          </li>
        </ol>
      </nav>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {app.name}
            <VerdictBadge verdict={app.verdict} />
          </span>
        }
        subtitle={`${app.kind} in namespace ${app.namespace}${app.cluster !== '-' ? ` of cluster ${app.cluster}` : ''}${app.source ? ` · ${app.source.file}:${app.source.line}` : ''}`}
        actions={
          data.patchable > 0 ? (
            <a className={primaryButtonClass} href={patchHref(app, 'kustomize', { scan })} download data-testid="download-all-patches">
              Download all patches for this app (.zip)
            </a>
          ) : null
        }
      />
      {managed && (
        <div className="mb-4 rounded-lg border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100" data-testid="managed-by">
          <p className="font-semibold">Managed by {MANAGED[app.managedBy ?? ''] ?? app.managedBy}.</p>
          <p>
            A patch applied to the live object is undone by the next sync or upgrade: the patches below show the change to make, and the change belongs where the app is defined.
            {where.length ? ` ${where.join(' ')}` : ' Change the chart values or the manifests in Git.'}
          </p>
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Readiness" id="readiness">
          <div className="flex items-center gap-4">
            <GradeBadge grade={app.grade} large />
            <div>
              <div className="text-3xl font-semibold tabular-nums" data-testid="app-score">
                {formatScore(app.score)}
              </div>
              <div className="text-sm text-slate-600 dark:text-slate-400">score out of 100</div>
            </div>
          </div>
          <p className="mt-3 text-sm">
            <VerdictBadge verdict={app.verdict} /> <span className="text-slate-700 dark:text-slate-300">{app.verdictReason}</span>
          </p>
          <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-x-2 gap-y-1 text-sm">
            <dt className="text-slate-600 dark:text-slate-400">Failing</dt>
            <dd>
              {failing.length} finding{failing.length === 1 ? '' : 's'} ({criticals} critical)
            </dd>
            <dt className="text-slate-600 dark:text-slate-400">QoS class</dt>
            <dd data-testid="qos-class">
              {app.qosClass}
              {app.observedQosClass && app.observedQosClass !== app.qosClass ? ` (pods run as ${app.observedQosClass})` : ''}
            </dd>
            <dt className="text-slate-600 dark:text-slate-400">Replicas</dt>
            <dd>{app.replicas ?? 'one per node'}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Group</dt>
            <dd>
              <Link className={linkClass} href={appsHref({ group: [app.group] }, scan)}>
                {app.group}
              </Link>
            </dd>
            <dt className="text-slate-600 dark:text-slate-400">Team</dt>
            <dd>
              {app.team ? (
                <Link className={linkClass} href={appsHref({ team: [app.team] }, scan)}>
                  {app.team}
                </Link>
              ) : (
                'none'
              )}
            </dd>
            <dt className="text-slate-600 dark:text-slate-400">Managed by</dt>
            <dd>{app.managedBy ? (MANAGED[app.managedBy] ?? app.managedBy) : 'unknown'}</dd>
          </dl>
        </Card>
        <Card title="Topics" id="topics" className="lg:col-span-2">
          <ul className="space-y-1.5">
            {TOPICS.map((t) => {
              const s = app.topics[t];
              return (
                <li key={t} className="grid grid-cols-[9rem_1fr_auto] items-center gap-3 text-sm sm:grid-cols-[12rem_1fr_14rem]">
                  <a href={`#topic-${t}`} className={linkClass} title={TOPIC_TITLES[t]}>
                    {TOPIC_TITLES[t]}
                  </a>
                  <ScoreBar score={s.score} label={`${TOPIC_TITLES[t]} score`} />
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    {s.failed} failed · {s.passed} passed · {s.notApplicable} n/a{s.exempt ? ` · ${s.exempt} exempt` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        </Card>
        <Card title="Where it runs" id="placement">
          {data.placement && data.placement.pods.length ? (
            <div className="space-y-3 text-sm">
              <p>
                {data.placement.pods.length} pod{data.placement.pods.length === 1 ? '' : 's'} on {data.placement.nodes.length} node{data.placement.nodes.length === 1 ? '' : 's'} in {data.placement.zones.length} zone{data.placement.zones.length === 1 ? '' : 's'}.
              </p>
              <table className="w-full text-left">
                <caption className="sr-only">Pods by node</caption>
                <thead className="text-xs text-slate-600 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="py-1 font-medium">Node</th>
                    <th scope="col" className="py-1 font-medium">Zone</th>
                    <th scope="col" className="py-1 text-right font-medium">Pods</th>
                  </tr>
                </thead>
                <tbody>
                  {data.placement.nodes.map((n) => (
                    <tr key={n.node} className="border-t border-slate-100 dark:border-slate-800">
                      <td className="py-1 font-mono text-xs">{n.node}</td>
                      <td className="py-1">{n.zone ?? '—'}</td>
                      <td className="py-1 text-right tabular-nums">{n.pods}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <details>
                <summary className="cursor-pointer font-medium">Pods</summary>
                <ul className="mt-1 space-y-0.5 font-mono text-xs">
                  {data.placement.pods.map((pod) => (
                    <li key={pod.pod}>
                      {pod.pod} → {pod.node ?? 'unscheduled'} {pod.ready ? '' : `(${pod.phase ?? 'not ready'})`}
                    </li>
                  ))}
                </ul>
              </details>
            </div>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">{app.cluster === '-' ? 'Manifests carry no live pods: placement is known after a cluster scan.' : 'No live pods were seen for this workload.'}</p>
          )}
        </Card>
        <Card title="Where its data lives" id="data-placement" className="lg:col-span-2">
          {app.dataPlacement.length ? (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Volumes and where their data lives</caption>
                <thead className="text-xs text-slate-600 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="py-1 pr-2 font-medium">Volume</th>
                    <th scope="col" className="py-1 pr-2 font-medium">Lives in</th>
                    <th scope="col" className="py-1 pr-2 font-medium">Mounted by</th>
                    <th scope="col" className="py-1 font-medium">Detail</th>
                  </tr>
                </thead>
                <tbody>
                  {app.dataPlacement.map((d) => (
                    <tr key={d.volume} className="border-t border-slate-100 align-top dark:border-slate-800">
                      <td className="py-1 pr-2 font-mono text-xs">{d.volume}</td>
                      <td className="py-1 pr-2">{DATA_CLASS_LABEL[d.class] ?? d.class}</td>
                      <td className="py-1 pr-2">{d.mounts.length ? d.mounts.map((m) => `${m.container}:${m.mountPath}${m.readOnly ? ' (ro)' : ''}${m.subPath ? ` subPath ${m.subPath}` : ''}`).join(', ') : d.mountedBy.join(', ')}</td>
                      <td className="py-1 text-slate-700 dark:text-slate-300">{d.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">No volumes, and every root filesystem is read-only.</p>
          )}
        </Card>
      </div>
      <div className="mt-4">
        <PlanPanel appId={app.id} group={app.group} verdict={app.verdict} />
      </div>
      <div className="mt-4">
        <AppTimeline history={history} currentScanId={state.scan.id} />
      </div>
      <FleetAppSection appId={app.id} scan={scan} />

      <div className="mt-6 flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">Findings</h2>
        <span className="text-sm text-slate-600 dark:text-slate-400">failing first; passes and not-applicable results are folded</span>
        <div className="ml-auto">
          <ExportLinks scope={`app:${app.id}`} scan={scan} label={`app ${app.name}`} />
        </div>
      </div>
      {failing.length > 0 && (
        <nav aria-label="Failing findings" className="mt-2 flex flex-wrap gap-1.5">
          {failing.map((f) => (
            <a key={findingAnchor(f)} href={`#${findingAnchor(f)}`} className={`${buttonClass} !py-0.5 !text-xs`}>
              {f.check}
              {f.container ? ` · ${f.container}` : ''}
            </a>
          ))}
        </nav>
      )}
      <div className="mt-3 space-y-4">
        {TOPICS.map((t) => {
          const list = data.findings.filter((f) => f.topic === t);
          const shown = list.filter((f) => f.status === 'fail' || f.status === 'exempt');
          const folded = list.filter((f) => f.status === 'pass' || f.status === 'notApplicable');
          return (
            <section key={t} id={`topic-${t}`} aria-labelledby={`topic-${t}-title`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <div className="mb-2 flex flex-wrap items-center gap-3">
                <h3 id={`topic-${t}-title`} className="font-semibold">
                  {TOPIC_TITLES[t]}
                </h3>
                <div className="w-48">
                  <ScoreBar score={app.topics[t].score} label={`${TOPIC_TITLES[t]} score`} compact />
                </div>
              </div>
              {shown.length ? (
                <div className="space-y-3">
                  {shown.map((f) => (
                    <FindingCard key={findingAnchor(f)} f={f} app={app} scan={scan} managed={managed} />
                  ))}
                </div>
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-400">Nothing fails in this topic.</p>
              )}
              {folded.length > 0 && (
                <details className="mt-3">
                  <summary className="cursor-pointer text-sm font-medium">
                    {folded.filter((f) => f.status === 'pass').length} passed, {folded.filter((f) => f.status === 'notApplicable').length} not applicable
                  </summary>
                  <div className="mt-2 space-y-2">
                    {folded.map((f) => (
                      <FindingCard key={findingAnchor(f)} f={f} app={app} scan={scan} managed={managed} />
                    ))}
                  </div>
                </details>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
