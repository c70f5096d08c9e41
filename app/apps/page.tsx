import type { Metadata } from 'next';
import { AppsView } from '@/components/apps/apps-view';
import { ReportGate } from '@/components/layout/report-gate';
import { ScanBanner } from '@/components/layout/scan-banner';
import { PageHeader } from '@/components/ui/card';
import { ExportLinks } from '@/components/ui/export-links';
import { checkById } from '@/lib/checks/registry';
import { appRowsFor, reportState } from '@/lib/server/reports';

export const metadata: Metadata = { title: 'Apps' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AppsPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const scanParam = (Array.isArray(sp.scan) ? sp.scan[0] : sp.scan) ?? null;
  const state = await reportState(scanParam);
  if (state.state !== 'ready') {
    return (
      <>
        <PageHeader title="Apps" />
        <ReportGate state={state} />
      </>
    );
  }
  const { packed, facets } = appRowsFor(state.report);
  const checkTitles = Object.fromEntries(facets.check.map((c) => [c, checkById(c)?.title ?? c]));
  const scan = state.isDefault ? null : state.scan.id;
  return (
    <>
      <PageHeader title="Apps" subtitle="One row per workload. Filters live in the URL: share the link to share the view." actions={<ExportLinks scope="fleet" scan={scan} label="every app" />} />
      <ScanBanner scan={state.scan} isDefault={state.isDefault} />
      <AppsView packed={packed} scan={scan} facets={facets} checkTitles={checkTitles} />
    </>
  );
}
