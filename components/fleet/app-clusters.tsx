import Link from 'next/link';
import type { ReactNode } from 'react';
import { TOPICS, TOPIC_TITLES } from '@/lib/checks/types';
import { formatScore } from '@/lib/report/render-support';
import type { MemberScores } from '@/lib/views/fleet-app';
import { formatShare, type FleetAppView } from '@/lib/views/fleet-view';
import { appHref, checkHref } from '@/lib/views/hrefs';
import { GradeBadge, VerdictBadge } from '../ui/badges';
import { linkClass } from '../ui/card';
import { MUTED_TAG, ROLLOUT_TAG, SKEW_TAG } from './tags';

/**
 * The same app in every cluster it runs in, side by side: readiness, replicas against capacity,
 * version and rollback target, topic scores, and the checks that fail in some clusters only —
 * where the clusters' copies of the app have drifted apart.
 */
export function AppClusters({ app, members, differing, currentId, scan }: { app: FleetAppView; members: MemberScores[]; differing: string[]; currentId: string; scan: string | null }) {
  const scores = new Map(members.map((m) => [m.appId, m]));
  const cols = app.members;
  const cell = (id: string) => `py-1 px-2 align-top ${id === currentId ? 'bg-sky-50 dark:bg-sky-950/40' : ''}`;
  const row = (label: string, render: (m: (typeof cols)[number], s: MemberScores | undefined) => ReactNode, testId?: string) => (
    <tr className="border-t border-slate-100 dark:border-slate-800" data-testid={testId}>
      <th scope="row" className="py-1 pr-2 text-left font-medium text-slate-700 dark:text-slate-300">
        {label}
      </th>
      {cols.map((m) => (
        <td key={m.appId} className={cell(m.appId)}>
          {render(m, scores.get(m.appId))}
        </td>
      ))}
    </tr>
  );
  return (
    <div className="overflow-x-auto" data-testid="app-clusters">
      <table className="w-full min-w-[30rem] text-sm">
        <caption className="sr-only">{app.name} in each cluster</caption>
        <thead>
          <tr>
            <td />
            {cols.map((m) => (
              <th key={m.appId} scope="col" className={`${cell(m.appId)} text-left`}>
                {m.appId === currentId ? (
                  <span aria-current="page" className="font-semibold">
                    {m.cluster} <span className="text-xs font-normal text-slate-600 dark:text-slate-400">(this page)</span>
                  </span>
                ) : (
                  <Link className={linkClass} href={appHref(m.app, scan)}>
                    {m.cluster}
                  </Link>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {row('Verdict', (_m, s) => (s ? <VerdictBadge verdict={s.verdict} /> : '—'))}
          {row('Score', (_m, s) => (s ? <span className="inline-flex items-center gap-1.5 tabular-nums">{formatScore(s.score)} <GradeBadge grade={s.grade} /></span> : '—'))}
          {row('Replicas', (m) => <span className="tabular-nums">{m.replicas ?? '?'}{m.hpa ? ' (HPA min)' : ''}</span>, 'clusters-replicas')}
          {row('Share of replicas / capacity', (m) => <span className={`tabular-nums ${m.overLimit ? 'font-semibold text-red-700 dark:text-red-300' : ''}`}>{formatShare(m.replicaShare)} / {formatShare(m.cpuShare)}</span>)}
          {row('Recommended', (m) => <span className="tabular-nums">{m.recommended ?? '—'}</span>, 'clusters-recommended')}
          {row('Version', (m) => (
            <span className="inline-flex flex-wrap items-center gap-1">
              <span className="font-mono text-xs">{m.version}</span>
              {app.versionsDiffer && (m.runsNewest ? <span className={ROLLOUT_TAG}>ahead</span> : <span className={MUTED_TAG}>{m.behindBy ? `behind ${m.behindBy}` : 'behind'}</span>)}
            </span>
          ), 'clusters-version')}
          {row('Revision', (m) => <span className="tabular-nums">{m.revision ?? '—'}</span>)}
          {row('Rollback target', (m) => (m.rollback ? <span className="font-mono text-xs">rev {m.rollback.revision} · {m.rollback.version}</span> : <span className={m.rollbackReason ? SKEW_TAG : MUTED_TAG}>none</span>))}
          {row('QoS class', (_m, s) => s?.qosClass ?? '—')}
          {TOPICS.map((t) => (
            <tr key={t} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-1 pr-2 text-left font-normal text-slate-700 dark:text-slate-300">
                {TOPIC_TITLES[t]}
              </th>
              {cols.map((m) => {
                const v = scores.get(m.appId)?.topics[t] ?? null;
                const others = cols.map((c) => scores.get(c.appId)?.topics[t] ?? null);
                const differs = others.some((o) => o !== v);
                return (
                  <td key={m.appId} className={`${cell(m.appId)} tabular-nums ${differs ? 'font-semibold' : ''}`}>
                    {v === null ? '–' : Math.round(v)}
                  </td>
                );
              })}
            </tr>
          ))}
          {row('Fails here, not everywhere', (_m, s) => {
            const only = differing.filter((c) => s?.failing.includes(c));
            return only.length ? (
              <ul className="space-y-0.5 text-xs">
                {only.map((c) => (
                  <li key={c}>
                    <Link className={linkClass} href={checkHref(c, scan)}>
                      {c}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-xs text-slate-600 dark:text-slate-400">nothing</span>
            );
          }, 'clusters-differing')}
        </tbody>
      </table>
    </div>
  );
}
