import { z } from 'zod';
import { handle, parseWith, queryOf, requireReport } from '@/lib/server/http';
import { fleetGroupsOf } from '@/lib/views/fleet-groups';

const querySchema = z.object({ scan: z.string().max(100).optional() });

/**
 * GET /api/fleet[?scan=] — the report's fleet section (report-schema `fleet`: capacity per
 * cluster, apps that run in several clusters) and the fold groups of the apps list.
 * `fleet: null` when the scan covered fewer than two clusters.
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const q = parseWith(querySchema, { scan: get('scan') });
    const { report } = await requireReport(q.scan ?? null);
    return Response.json({ scanId: report.scanId, fleet: report.fleet ?? null, ...fleetGroupsOf(report.fleet) }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
