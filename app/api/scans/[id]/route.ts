import { z } from 'zod';
import { handle, HttpError, parseWith, queryOf } from '@/lib/server/http';
import { getScanService } from '@/lib/server/scan-service';

type Params = { params: Promise<{ id: string }> };

const querySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'the scan id has invalid characters'),
  report: z.enum(['0', '1', 'true', 'false'], { error: 'report must be 0 or 1' }).default('1'),
});

/**
 * GET /api/scans/{id} — status and progress per cluster and resource; once done, the whole
 * report (report-schema) with `status` and `progress` alongside (`?report=0` leaves the body out).
 * A scan of an earlier run comes from the history store (no progress rows).
 */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const q = parseWith(querySchema, { id: (await params).id, report: get('report') });
    const svc = getScanService();
    await svc.ready();
    const scan = await svc.find(q.id);
    if (!scan) throw new HttpError(404, `no scan ${q.id} (GET /api/scans lists the scans kept)`);
    const withReport = q.report === '1' || q.report === 'true';
    const report = withReport ? (await svc.reportOf(q.id))?.report : undefined;
    const body = report
      ? { ...report, status: scan.status, durationMs: scan.durationMs, progress: scan.progress, scan }
      : { scanId: scan.id, status: scan.status, startedAt: scan.startedAt, finishedAt: scan.finishedAt, durationMs: scan.durationMs, source: scan.source, progress: scan.progress, error: scan.error, summary: scan.summary, scan };
    return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
  });
}
