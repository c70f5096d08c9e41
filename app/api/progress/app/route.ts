import { appTimeline } from '@/lib/store';
import { handle, HttpError, parseWith, queryOf } from '@/lib/server/http';
import { appQuerySchema, requireProgressStore } from '@/lib/server/progress-api';

/**
 * GET /api/progress/app?id=<cluster/namespace/kind/name>[&limit=n] — one app's score and verdict in
 * every stored scan that saw it, oldest first, with the findings that started or stopped failing.
 * 404 when no stored scan saw the app.
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const q = parseWith(appQuerySchema, { id: get('id'), limit: get('limit') });
    const entries = await appTimeline(await requireProgressStore(), q.id, { limit: q.limit });
    if (!entries.length) throw new HttpError(404, `no stored scan saw app ${q.id}`);
    return Response.json({ appId: q.id, entries }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
