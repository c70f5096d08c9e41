import { handle, HttpError, parseWith, queryOf } from '@/lib/server/http';
import { changesQuerySchema, requireProgressStore, scopedChanges, scopeOfQuery } from '@/lib/server/progress-api';

/**
 * GET /api/progress/changes?scope=…&value=…[&scan=<id>] — findings that fail now and did not in
 * the previous scan of the same source (new), and those that stopped failing (fixed), in a scope.
 * Default scan: the newest of the trend's source. 404 when no such scan is stored.
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const q = parseWith(changesQuerySchema, { scope: get('scope'), value: get('value'), scan: get('scan') });
    const scope = scopeOfQuery(q);
    const changes = await scopedChanges(await requireProgressStore(), scope, q.scan);
    if (!changes) throw new HttpError(404, q.scan ? `no stored scan ${q.scan} (GET /api/scans lists them)` : 'no scan is stored yet; POST /api/scans starts one');
    return Response.json({ changes }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
