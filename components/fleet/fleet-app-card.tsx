import Link from 'next/link';
import type { FleetAppView, FleetMemberView } from '@/lib/views/fleet-view';
import { SKEW_LIMIT, formatShare } from '@/lib/views/fleet-view';
import { appHref, patchHref } from '@/lib/views/hrefs';
import { VerdictBadge } from '../ui/badges';
import { linkClass } from '../ui/card';
import { ShareBars } from './share-bars';
import { MUTED_TAG, OK_TAG, ROLLOUT_TAG, SKEW_TAG } from './tags';


function VersionCell({ m, app }: { m: FleetMemberView; app: FleetAppView }) {
  return (
    <div className="space-y-0.5">
      <div className="whitespace-nowrap font-mono text-xs" title={Object.entries(m.images).map(([c, i]) => `${c}: ${i}`).join('\n')}>
        {m.version}
        {m.revision !== null && <span className="text-slate-600 dark:text-slate-400"> · rev {m.revision}</span>}
      </div>
      {app.versionsDiffer &&
        (m.runsNewest ? (
          <span className={ROLLOUT_TAG} data-testid="version-ahead">ahead: runs the newest</span>
        ) : m.behindBy !== null && m.behindBy > 0 ? (
          <span className={MUTED_TAG} data-testid="version-behind">behind by {m.behindBy}</span>
        ) : (
          <span className={MUTED_TAG}>order unknown</span>
        ))}
    </div>
  );
}

function RollbackCell({ m }: { m: FleetMemberView }) {
  if (m.rollback)
    return (
      <span className="whitespace-nowrap font-mono text-xs" title={`kubectl rollout undo goes back to revision ${m.rollback.revision}`}>
        rev {m.rollback.revision} · {m.rollback.version}
      </span>
    );
  return (
    <div className="max-w-64 space-y-0.5" data-testid={m.rollbackReason ? 'no-rollback' : undefined}>
      <span className={m.rollbackReason ? SKEW_TAG : MUTED_TAG}>none</span>
      {m.rollbackReason && <p className="text-xs text-slate-700 dark:text-slate-300">{m.rollbackReason}</p>}
    </div>
  );
}

function FindingCell({ m, scan }: { m: FleetMemberView; scan: string | null }) {
  const f = m.capacityFinding;
  if (!f || f.status !== 'fail') return <span className="text-xs text-slate-600 dark:text-slate-400">{f ? (f.status === 'pass' ? 'passes' : f.status === 'exempt' ? 'accepted risk' : 'n/a') : '—'}</span>;
  return (
    <div className="flex flex-col gap-0.5 text-xs">
      <Link className={linkClass} href={`${appHref(m.app, scan)}#${f.anchor}`} title={f.message}>
        {f.check}
      </Link>
      {f.patchable && (
        <a className={linkClass} href={patchHref(m.app, 'strategic', { scan, check: f.check, download: true })} download data-testid="skew-patch">
          patch for {m.cluster}
        </a>
      )}
    </div>
  );
}

/** One app that runs in several clusters: replicas against capacity, the recommendation, versions. */
export function FleetAppCard({ app, scan }: { app: FleetAppView; scan: string | null }) {
  const id = `fleet-app-${app.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const recommendable = app.members.some((m) => m.recommended !== null);
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="fleet-app" data-key={app.key}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h3 id={`${id}-title`} className="font-semibold">
          {app.name}
        </h3>
        <span className="text-sm text-slate-600 dark:text-slate-400">
          {app.kind} in {app.namespace} · {app.members.length} clusters · {app.totalReplicas ?? '?'} replicas
        </span>
        {app.capacitySkewed && (
          <span className={SKEW_TAG} data-testid="capacity-skew">
            capacity skew{app.skew !== null && Number.isFinite(app.skew) ? ` ${app.skew.toFixed(1)}×` : ''}
          </span>
        )}
        {!app.capacitySkewed && app.skew !== null && <span className={OK_TAG}>replicas follow capacity</span>}
        {app.versionsDiffer && <span className={ROLLOUT_TAG}>roll-out in progress</span>}
        {app.matchedBy !== 'namespace-kind-name' && <span className={MUTED_TAG}>matched by {app.matchedBy}</span>}
      </div>
      {app.skewReason && <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">No recommendation: {app.skewReason}</p>}
      {app.capacitySkewed && recommendable && (
        <p className="mb-2 text-sm" data-testid="skew-summary">
          Replica shares are more than {SKEW_LIMIT}× off the clusters&apos; capacity shares. Recommended for {app.recommendedTotal} replicas:{' '}
          <strong>{app.members.map((m) => `${m.cluster} ${m.recommended ?? '?'}`).join(', ')}</strong>.
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[44rem] text-left text-sm">
          <caption className="sr-only">{app.name} per cluster</caption>
          <thead className="text-xs text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">Cluster</th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">Replicas</th>
              <th scope="col" className="py-1 pr-2 font-medium">Replicas vs capacity</th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">Recommended</th>
              <th scope="col" className="py-1 pr-2 font-medium">Version</th>
              <th scope="col" className="py-1 pr-2 font-medium">Rollback target</th>
              <th scope="col" className="py-1 font-medium">Finding</th>
            </tr>
          </thead>
          <tbody>
            {app.members.map((m) => (
              <tr key={m.appId} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="fleet-member" data-cluster={m.cluster}>
                <th scope="row" className="py-1.5 pr-2 font-medium">
                  <Link className={linkClass} href={appHref(m.app, scan)}>
                    {m.cluster}
                  </Link>
                  {m.verdict && (
                    <div className="mt-0.5">
                      <VerdictBadge verdict={m.verdict} />
                    </div>
                  )}
                </th>
                <td className="py-1.5 pr-2 text-right tabular-nums" data-testid="member-replicas">
                  {m.replicas ?? '?'}
                  {m.hpa && <div className="text-xs text-slate-600 dark:text-slate-400">HPA min {m.hpa.minReplicas ?? '?'}</div>}
                </td>
                <td className="py-1.5 pr-2">
                  <div className="flex items-center gap-2">
                    <ShareBars cluster={m.cluster} replicaShare={m.replicaShare} cpuShare={m.cpuShare} recommendedShare={m.recommendedShare} overLimit={m.overLimit} />
                    <span className="whitespace-nowrap text-xs tabular-nums text-slate-700 dark:text-slate-300" title="share of the app's replicas / share of the CPU of the clusters that run it">
                      {formatShare(m.replicaShare)} / {formatShare(m.cpuShare)}
                    </span>
                  </div>
                </td>
                <td className="py-1.5 pr-2 text-right tabular-nums" data-testid="member-recommended">
                  {m.recommended ?? '—'}
                  {m.recommended !== null && m.replicas !== null && m.recommended !== m.replicas && ' '}
                  {m.recommended !== null && m.replicas !== null && m.recommended !== m.replicas && (
                    <span className={`text-xs font-semibold ${m.recommended > m.replicas ? 'text-emerald-800 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}>
                      ({m.recommended > m.replicas ? '+' : '−'}
                      {Math.abs(m.recommended - m.replicas)})
                    </span>
                  )}
                </td>
                <td className="py-1.5 pr-2">
                  <VersionCell m={m} app={app} />
                </td>
                <td className="py-1.5 pr-2">
                  <RollbackCell m={m} />
                </td>
                <td className="py-1.5">
                  <FindingCell m={m} scan={scan} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
