import { handle } from '@/lib/server/http';
import { readScanRequest } from '@/lib/server/scan-input';
import { getScanService } from '@/lib/server/scan-service';

/** GET /api/scans — this run's scans and the stored ones of earlier runs, newest first (no report bodies). */
export async function GET(): Promise<Response> {
  return handle(async () => {
    const svc = getScanService();
    const scans = await svc.history();
    return Response.json({ current: svc.currentId(), scans }, { headers: { 'Cache-Control': 'no-store' } });
  });
}

/** POST /api/scans — start a scan of kubeconfig contexts or of uploaded manifests; 202 with the scan. */
export async function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const body = await readScanRequest(request);
    const svc = getScanService();
    const scan = body.type === 'cluster' ? svc.startClusterScan({ contexts: body.contexts }) : svc.startManifestScan(body.files);
    return Response.json(scan, { status: 202, headers: { Location: `/api/scans/${scan.id}`, 'Cache-Control': 'no-store' } });
  });
}
