import type { Metadata } from 'next';
import { connection } from 'next/server';
import { SchedulePanel } from '@/components/scans/schedule-panel';
import { ScansView } from '@/components/scans/scans-view';
import { PageHeader } from '@/components/ui/card';
import { getScanService } from '@/lib/server/scan-service';
import { scheduleView } from '@/lib/server/scheduler-boot';

export const metadata: Metadata = { title: 'Scans' };

export default async function ScansPage() {
  await connection();
  const svc = getScanService();
  const [scans, schedule] = await Promise.all([svc.history(), scheduleView()]);
  let contexts: { name: string; selected: boolean }[] = [];
  let contextError: string | null = null;
  if (svc.configured.kubeconfig) {
    try {
      contexts = svc.contexts();
    } catch (e) {
      contextError = (e as Error).message;
    }
  }
  return (
    <>
      <PageHeader title="Scans" subtitle="Scan the contexts of the kubeconfig, or score manifests you upload. Past scans are kept in the history store." />
      {contextError && <p className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">The kubeconfig cannot be read: {contextError}</p>}
      <div className="mb-4">
        <SchedulePanel initial={schedule} />
      </div>
      <ScansView initialScans={{ current: svc.currentId(), scans }} initialContexts={{ kubeconfig: svc.configured.kubeconfig && !contextError, contexts }} />
    </>
  );
}
