import type { Metadata } from 'next';
import Link from 'next/link';
import { CapacityChart } from '@/components/fleet/capacity-chart';
import { FleetAppCard } from '@/components/fleet/fleet-app-card';
import { ShareLegend } from '@/components/fleet/share-bars';
import { ReportGate } from '@/components/layout/report-gate';
import { ScanBanner } from '@/components/layout/scan-banner';
import { Card, PageHeader, linkClass } from '@/components/ui/card';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { reportState } from '@/lib/server/reports';
import { capacityRows, fleetAppViews, fleetSummary } from '@/lib/views/fleet-view';

export const metadata: Metadata = { title: 'Fleet' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/**
 * The fleet: every scanned cluster's capacity, and every app that runs in several clusters —
 * replicas against capacity (1:10 regions want 1:10 replicas), the recommended split, and which
 * cluster runs which version. Built from the report's `fleet` section (≥ 2 clusters scanned).
 */
export default async function FleetPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const state = await reportState(one(sp.scan));
  if (state.state !== 'ready') {
    return (
      <>
        <PageHeader title="Fleet" />
        <ReportGate state={state} />
      </>
    );
  }
  const { report, scan } = state;
  const scanId = state.isDefault ? null : scan.id;
  const unreachable = report.errors.filter((e) => e.resource === '*');
  const fleet = report.fleet;
  const header = <PageHeader title="Fleet" subtitle={fleet ? `${fleet.clusters.length} clusters · ${fleet.apps.length} apps run in more than one` : 'The same apps across clusters'} />;
  const errors = unreachable.length > 0 && (
    <div className="mb-4" data-testid="fleet-unreachable">
      <ErrorState title={`${unreachable.length} cluster${unreachable.length === 1 ? ' was' : 's were'} not scanned`}>
        <ul className="list-disc pl-5">
          {unreachable.map((e) => (
            <li key={e.cluster}>
              <strong>{e.cluster}</strong>: {e.message}
            </li>
          ))}
        </ul>
        <p className="mt-1">Their apps are missing from the fleet below; the other clusters are complete.</p>
      </ErrorState>
    </div>
  );

  if (!fleet || fleet.clusters.length < 2) {
    return (
      <>
        {header}
        <ScanBanner scan={scan} isDefault={state.isDefault} />
        {errors}
        <EmptyState title="Scan several contexts to see the fleet">
          <p>
            This scan covers {report.source.type === 'cluster' ? `one cluster (${report.source.clusters.join(', ') || 'none'})` : 'uploaded manifests, not clusters'}. The fleet view compares the same app across clusters: replicas against each cluster&apos;s capacity, and which version runs where.
          </p>
          <p className="mt-2">
            Set <code className="font-mono">DRYDOCK_CONTEXTS=east,west</code> (or leave it unset to scan every context in <code className="font-mono">DRYDOCK_KUBECONFIG</code>) and start a scan on the{' '}
            <Link className={linkClass} href="/scans">
              Scans
            </Link>{' '}
            page; on the command line, <code className="font-mono">drydock scan --all-contexts</code>. <code className="font-mono">npm run demo</code> serves three clusters.
          </p>
        </EmptyState>
      </>
    );
  }

  const capacity = capacityRows(fleet);
  const apps = fleetAppViews(fleet, report);
  const summary = fleetSummary(fleet, apps);
  return (
    <>
      {header}
      <ScanBanner scan={scan} isDefault={state.isDefault} />
      {errors}
      <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Stat label="Clusters" value={summary.clusters} testId="fleet-clusters" />
        <Stat label="Apps in several clusters" value={summary.apps} testId="fleet-apps" />
        <Stat label="Replicas off capacity" value={summary.skewed} testId="fleet-skewed" />
        <Stat label="Roll-outs in progress" value={summary.rollingOut} testId="fleet-rolling-out" />
        <Stat label="Without rollback target" value={summary.noRollback} testId="fleet-no-rollback" />
      </dl>
      <Card title="Capacity per cluster" id="capacity">
        <CapacityChart rows={capacity} />
      </Card>
      <div className="mt-6 mb-2 flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">Apps in several clusters</h2>
        <span className="text-sm text-slate-600 dark:text-slate-400">off-capacity first, then roll-outs in progress</span>
      </div>
      <div className="mb-3">
        <ShareLegend />
      </div>
      {apps.length ? (
        <div className="space-y-4">
          {apps.map((a) => (
            <FleetAppCard key={a.key} app={a} scan={scanId} />
          ))}
        </div>
      ) : (
        <EmptyState title="No app runs in more than one cluster">
          <p>Apps are matched by namespace, kind and name, then by the app.kubernetes.io/name and part-of labels; name others in the config&apos;s fleet.match.</p>
        </EmptyState>
      )}
    </>
  );
}
