import { handle, HttpError } from '@/lib/server/http';
import { getScanService } from '@/lib/server/scan-service';

/** The contexts of the configured kubeconfig (what POST /api/scans may scan). */
export async function GET(): Promise<Response> {
  return handle(() => {
    const svc = getScanService();
    if (!svc.configured.kubeconfig) return Response.json({ kubeconfig: false, contexts: [] });
    try {
      return Response.json({ kubeconfig: true, contexts: svc.contexts() }, { headers: { 'Cache-Control': 'no-store' } });
    } catch (e) {
      throw new HttpError(500, `cannot read the kubeconfig: ${(e as Error).message}`);
    }
  });
}
