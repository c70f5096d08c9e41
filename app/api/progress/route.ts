import { handle, parseWith, queryOf } from '@/lib/server/http';
import { progressData, progressQuerySchema, requireProgressStore, scopeChoices, scopeOfQuery } from '@/lib/server/progress-api';

/**
 * GET /api/progress?scope=fleet|cluster|namespace|team|group&value=…[&from=][&to=][&limit=] —
 * readiness verdicts, topic scores and failing findings by severity per scan, oldest first, over
 * the scans of one source (the newest cluster scan's clusters), plus the scopes the history knows.
 * 503 when the history store is off.
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const q = parseWith(progressQuerySchema, { scope: get('scope'), value: get('value'), from: get('from'), to: get('to'), limit: get('limit') });
    const scope = scopeOfQuery(q);
    const store = await requireProgressStore();
    const [data, choices] = await Promise.all([progressData(store, scope, q), scopeChoices(store)]);
    return Response.json({ ...data, choices }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
