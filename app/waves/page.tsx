import type { Metadata } from 'next';
import { ReportGate } from '@/components/layout/report-gate';
import { ScanBanner } from '@/components/layout/scan-banner';
import { PageHeader } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/states';
import { WavesView } from '@/components/waves/waves-view';
import { reportState } from '@/lib/server/reports';
import { getScanService } from '@/lib/server/scan-service';
import { listPlanEntries } from '@/lib/store';
import { wavesOf } from '@/lib/views/waves';

export const metadata: Metadata = { title: 'Waves' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

const SUBTITLE = 'The migration plan: who moves which app or group, in which wave, by when — and how ready each wave is in this scan.';

export default async function WavesPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const state = await reportState(one(sp.scan));
  if (state.state !== 'ready') {
    return (
      <>
        <PageHeader title="Waves" subtitle={SUBTITLE} />
        <ReportGate state={state} />
      </>
    );
  }
  const scan = state.isDefault ? null : state.scan.id;
  const store = await getScanService().historyStore();
  if (!store) {
    return (
      <>
        <PageHeader title="Waves" subtitle={SUBTITLE} />
        <ErrorState title="The migration plan needs the history store">
          <p>The store is off or cannot be opened (see the server log). Set DATABASE_URL for PostgreSQL, or DRYDOCK_DB_PATH for SQLite.</p>
        </ErrorState>
      </>
    );
  }
  const entries = await listPlanEntries(store);
  const view = wavesOf(state.report, entries);
  const csvHref = `/api/waves?format=csv${scan ? `&scan=${encodeURIComponent(scan)}` : ''}`;
  return (
    <>
      <PageHeader
        title="Waves"
        subtitle={SUBTITLE}
        actions={
          <div className="flex flex-wrap gap-2 text-sm" role="group" aria-label="Export the plan">
            <a href={csvHref} download data-testid="waves-csv" className="rounded border border-slate-300 px-2 py-0.5 font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:hover:bg-slate-800" title="One row per app: wave, subject, owner, target date, verdict, overdue">
              Waves CSV
            </a>
            <a href="/api/plan?format=csv" download className="rounded border border-slate-300 px-2 py-0.5 font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:hover:bg-slate-800" title="The plan entries, in the format the import reads">
              Plan CSV
            </a>
          </div>
        }
      />
      <ScanBanner scan={state.scan} isDefault={state.isDefault} />
      <WavesView initial={view} initialEntries={entries} scan={scan} />
    </>
  );
}
