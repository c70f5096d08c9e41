import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { ChangesLists } from '@/components/progress/changes-lists';
import { BurnDown, TopicTrend, VerdictTrend } from '@/components/progress/progress-charts';
import { ScopePicker } from '@/components/progress/scope-picker';
import { PageHeader, linkClass } from '@/components/ui/card';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { progressPage } from '@/lib/server/progress-api';
import { parseProgressScope, progressScopeLabel, ProgressScopeError, type ProgressScope } from '@/lib/views/progress-scope';

export const metadata: Metadata = { title: 'Progress' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export default async function ProgressPage({ searchParams }: { searchParams: Search }) {
  await connection();
  const sp = await searchParams;
  let scope: ProgressScope;
  try {
    scope = parseProgressScope(one(sp.scope), one(sp.value));
  } catch (e) {
    if (!(e instanceof ProgressScopeError)) throw e;
    return (
      <>
        <PageHeader title="Progress" />
        <ErrorState title="This scope cannot be shown">
          <p>{e.message}.</p>
          <p className="mt-2">
            <Link className={linkClass} href="/progress">
              Show the whole fleet
            </Link>
          </p>
        </ErrorState>
      </>
    );
  }
  const page = await progressPage(scope);
  const label = progressScopeLabel(scope);
  if (page.state === 'off') {
    return (
      <>
        <PageHeader title="Progress" />
        <ErrorState title="No scan history">
          <p>{page.message}.</p>
        </ErrorState>
      </>
    );
  }
  const { data, choices, changes } = page;
  const n = data.verdicts.length;
  const source = data.source ? (data.source.type === 'cluster' ? `cluster${data.source.clusters.length === 1 ? '' : 's'} ${data.source.clusters.join(', ')}` : 'uploaded manifests') : null;
  return (
    <>
      <PageHeader
        title={scope.type === 'fleet' ? 'Progress' : `Progress — ${label}`}
        subtitle={source && n > 0 ? `Readiness of ${label} over ${n} scan${n === 1 ? '' : 's'} of ${source}.` : 'Readiness over time, from the stored scans.'}
        actions={<ScopePicker scope={scope} choices={choices} />}
      />
      {n < 2 ? (
        <EmptyState title={n === 0 ? (data.source ? `No stored scan saw ${label}` : 'No scan is stored yet') : 'Only one scan so far'}>
          <p data-testid="progress-empty">
            {n === 0 && data.source ? 'Pick another scope, or ' : ''}
            <Link className={linkClass} href="/scans">
              run another scan
            </Link>{' '}
            to see a trend: the progress views compare scans of the same clusters over time.
          </p>
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-3" data-testid="progress-views">
          <VerdictTrend points={data.verdicts} label={label} />
          <BurnDown points={data.burnDown} label={label} />
          <TopicTrend points={data.topics} label={label} />
          <ChangesLists changes={changes} label={label} />
        </div>
      )}
    </>
  );
}
