import { z } from 'zod';
import { handle, parseWith, queryOf, requireReport } from '@/lib/server/http';
import { fleetAppData, fleetAppOf } from '@/lib/views/fleet-app';
import { rolloutObservations } from './history';

const querySchema = z.object({
  id: z.string().min(7, 'id must be an app id: cluster/namespace/kind/name').max(600).regex(/^[^/]+\/[^/]+\/[^/]+\/[^/]+$/, 'id must be an app id: cluster/namespace/kind/name'),
  scan: z.string().max(100).optional(),
});

/**
 * GET /api/fleet/app?id=cluster/namespace/kind/name[&scan=] — the fleet app this app belongs to
 * (its members side by side, replicas against capacity, versions), and its roll-out over the
 * stored scans. `fleet: null` when the app runs in one cluster only.
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const q = parseWith(querySchema, { id: get('id'), scan: get('scan') });
    const { report } = await requireReport(q.scan ?? null);
    const app = fleetAppOf(report.fleet, q.id);
    const history = app ? await rolloutObservations(app.members.map((m) => m.appId)) : null;
    return Response.json(fleetAppData(report, q.id, history), { headers: { 'Cache-Control': 'no-store' } });
  });
}
