import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { AdminSettings } from '@/components/exemptions/admin-settings';
import { ExemptionsView } from '@/components/exemptions/exemptions-view';
import { StoreOff } from '@/components/exemptions/store-off';
import { PageHeader, linkClass } from '@/components/ui/card';
import { HydrationMarker } from '@/components/ui/hydration-marker';
import { CHECKS } from '@/lib/checks/registry';
import { matchCounts } from '@/lib/server/exemptions-api';
import { getScanService } from '@/lib/server/scan-service';
import { listExemptions } from '@/lib/store';

export const metadata: Metadata = { title: 'Exemptions' };

export default async function ExemptionsPage() {
  await connection();
  const svc = getScanService();
  const store = await svc.historyStore();
  const header = (
    <PageHeader
      title="Exemptions"
      subtitle={
        <>
          Accepted risks: an exempt finding counts in no score until its exemption expires. Every change re-scores the current scan and is recorded in the{' '}
          <Link className={linkClass} href="/audit">
            audit log
          </Link>
          .
        </>
      }
    />
  );
  if (!store) {
    return (
      <>
        {header}
        <StoreOff />
      </>
    );
  }
  const [exemptions, counts, setting] = await Promise.all([listExemptions(store), matchCounts(), svc.annotationExemptionsSetting()]);
  const checks = CHECKS.map((c) => ({ id: c.id, title: c.title })).sort((a, b) => a.id.localeCompare(b.id));
  return (
    <>
      <HydrationMarker />
      {header}
      <div className="space-y-6">
        <ExemptionsView initial={{ exemptions, ...counts }} checks={checks} />
        <AdminSettings initial={{ settings: { ignoreAnnotationExemptions: setting } }} />
      </div>
    </>
  );
}
