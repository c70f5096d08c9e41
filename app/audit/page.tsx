import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { AuditView } from '@/components/exemptions/audit-view';
import { StoreOff } from '@/components/exemptions/store-off';
import { PageHeader, linkClass } from '@/components/ui/card';
import { HydrationMarker } from '@/components/ui/hydration-marker';
import { getScanService } from '@/lib/server/scan-service';
import { auditLog } from '@/lib/store';

export const metadata: Metadata = { title: 'Audit log' };

/** How many entries the page loads (the exports hold every entry). */
const SHOWN = 2000;

export default async function AuditPage() {
  await connection();
  const store = await getScanService().historyStore();
  const header = (
    <PageHeader
      title="Audit log"
      subtitle={
        <>
          Who changed{' '}
          <Link className={linkClass} href="/exemptions">
            exemptions
          </Link>{' '}
          and settings, and who downloaded patches, and when. Identity comes from the reverse-proxy header named by DRYDOCK_IDENTITY_HEADER, else “local”.
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
  const entries = await auditLog(store, { limit: SHOWN });
  return (
    <>
      <HydrationMarker />
      {header}
      <AuditView initial={{ entries }} />
    </>
  );
}
