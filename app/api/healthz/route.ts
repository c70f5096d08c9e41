import { handle } from '@/lib/server/http';
import { getScanService } from '@/lib/server/scan-service';
import { version } from '@/package.json';

/** Liveness and a short status: which scan the dashboard shows and whether one is running. */
export async function GET(): Promise<Response> {
  return handle(async () => {
    const svc = getScanService();
    await svc.ready();
    return Response.json(
      { status: 'ok', version, currentScan: svc.currentId(), runningScan: svc.runningId(), scans: svc.list().length, kubeconfig: svc.configured.kubeconfig },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  });
}
