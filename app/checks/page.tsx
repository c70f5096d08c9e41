import type { Metadata } from 'next';
import Link from 'next/link';
import { SeverityBadge } from '@/components/ui/badges';
import { Card, PageHeader } from '@/components/ui/card';
import { CHECKS } from '@/lib/checks/registry';
import { TOPICS, TOPIC_TITLES } from '@/lib/checks/types';
import { reportState } from '@/lib/server/reports';
import { checkStatsOf } from '@/lib/views/check-stats';
import { appsHref, checkHref } from '@/lib/views/hrefs';

export const metadata: Metadata = { title: 'Checks' };

const FIX_LABEL = { safe: 'safe fix', input: 'fix needs input', advice: 'advice' } as const;
const NEEDS_LABEL = { spec: 'manifests', cluster: 'cluster objects', observed: 'live pods', fleet: 'several clusters' } as const;

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ChecksPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const scanParam = (Array.isArray(sp.scan) ? sp.scan[0] : sp.scan) ?? null;
  const state = await reportState(scanParam);
  const stats = state.state === 'ready' ? checkStatsOf(state.report) : null;
  const scan = state.state === 'ready' && !state.isDefault ? state.scan.id : null;
  return (
    <>
      <PageHeader title="Checks" subtitle={`${CHECKS.length} checks in ${TOPICS.length} topics. IDs are stable: use them in exemptions and CI gates.`} />
      <nav aria-label="Topics" className="mb-4 flex flex-wrap gap-1.5 text-sm">
        {TOPICS.map((t) => (
          <a key={t} href={`#${t}`} className="rounded-full border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            {TOPIC_TITLES[t]}
          </a>
        ))}
      </nav>
      <div className="space-y-4">
        {TOPICS.map((t) => (
          <Card key={t} id={t} title={TOPIC_TITLES[t]}>
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {CHECKS.filter((c) => c.topic === t).map((c) => {
                const s = stats?.get(c.id);
                return (
                  <li key={c.id} className="grid gap-1 py-2 md:grid-cols-[minmax(0,1fr)_10rem]">
                    <div className="min-w-0">
                      <div className="flex flex-wrap items-center gap-2">
                        <Link href={checkHref(c.id, scan)} className="font-medium text-sky-700 hover:underline dark:text-sky-300">
                          {c.title}
                        </Link>
                        <code className="text-xs text-slate-600 dark:text-slate-400">{c.id}</code>
                        {(c.severities ?? [c.severity]).map((sev) => (
                          <SeverityBadge key={sev} severity={sev} />
                        ))}
                        <span className="text-xs text-slate-600 dark:text-slate-400">
                          {FIX_LABEL[c.fixKind]} · reads {NEEDS_LABEL[c.needs]}
                        </span>
                      </div>
                      <p className="mt-0.5 text-sm text-slate-700 dark:text-slate-300">{c.summary}</p>
                    </div>
                    <div className="text-sm md:text-right">
                      {s ? (
                        s.failingApps ? (
                          <Link href={appsHref({ check: [c.id] }, scan)} className="font-semibold text-sky-700 hover:underline dark:text-sky-300">
                            fails on {s.failingApps} app{s.failingApps === 1 ? '' : 's'}
                          </Link>
                        ) : (
                          <span className="text-slate-600 dark:text-slate-400">{s.pass ? 'no app fails' : 'applies to no app'}</span>
                        )
                      ) : null}
                    </div>
                  </li>
                );
              })}
            </ul>
          </Card>
        ))}
      </div>
    </>
  );
}
