import { z } from 'zod';
import { handle, HttpError, parseWith, queryOf, requireReport } from '@/lib/server/http';
import { findApp, workloadOf } from '@/lib/server/reports';
import { appKeySchema } from '@/lib/server/app-key';

type Params = { params: Promise<{ cluster: string; namespace: string; kind: string; name: string }> };

const querySchema = z.object({
  scan: z.string().optional(),
  include: z.enum(['workload'], { error: 'include must be workload' }).optional(),
});

/** GET /api/apps/{cluster}/{namespace}/{kind}/{name} — one app of the report (report-schema); `?include=workload` adds the object as scanned. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const key = parseWith(appKeySchema, await params);
    const { get } = queryOf(request);
    const q = parseWith(querySchema, { scan: get('scan'), include: get('include') });
    const { report, scan } = await requireReport(q.scan);
    const app = findApp(report, key);
    if (!app) throw new HttpError(404, `no app ${key.cluster}/${key.namespace}/${key.kind}/${key.name} in scan ${scan.id}`);
    const workload = q.include === 'workload' ? workloadOf(scan.id, app.id) : undefined;
    return Response.json({ ...app, scanId: scan.id, ...(q.include === 'workload' ? { workload } : {}) }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
