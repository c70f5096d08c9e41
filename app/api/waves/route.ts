import { z } from 'zod';
import { attachment, handle, parseWith, queryOf, requireReport } from '@/lib/server/http';
import { listPlanEntries } from '@/lib/store';
import { renderWavesCsv, wavesOf } from '@/lib/views/waves';
import { requirePlanStore } from '../plan/plan-api';

const querySchema = z.object({
  scan: z.string().optional(),
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json'),
});

/**
 * GET /api/waves?scan=… — the migration plan against a scan's verdicts: per wave the Ready / with
 * conditions / Not ready / Unknown counts and the overdue apps (target date passed, not Ready), plus
 * the apps not planned. `?format=csv`: one row per app, as a download.
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const q = parseWith(querySchema, { scan: get('scan'), format: get('format') });
    const { report, scan } = await requireReport(q.scan);
    const view = wavesOf(report, await listPlanEntries(await requirePlanStore()));
    if (q.format === 'csv') return new Response(renderWavesCsv(view), { headers: { 'Content-Type': 'text/csv; charset=utf-8', ...attachment(`waves-${scan.id}.csv`), 'Cache-Control': 'no-store' } });
    return Response.json({ scan: scan.id, waves: view }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
