import { z } from 'zod';
import { handle, parseWith, queryOf, requireReport } from '@/lib/server/http';
import { appFiltersSchema, rawFilters } from '@/lib/views/app-filters';
import { appRowOf, filterRows, sortRows } from '@/lib/views/app-rows';
import { packRows } from '@/lib/views/packed-rows';

const pageSchema = z.object({
  scan: z.string().optional(),
  view: z.enum(['full', 'rows', 'packed'], { error: 'view must be full (report-schema apps), rows (table rows) or packed (table rows, compact)' }).default('full'),
  offset: z.coerce.number({ error: 'offset must be a number' }).int('offset must be a whole number').min(0, 'offset must be ≥ 0').default(0),
  limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit must be ≥ 1').max(20_000, 'limit must be ≤ 20000').default(1000),
});

/**
 * GET /api/apps — the apps of a scan (default: the current one), filtered and sorted like the
 * apps page: `?verdict=notReady,unknown&check=probe-exec-zombie-risk&sort=score&dir=desc`.
 * `view=full` answers report-schema app objects; `view=rows` the table's rows (no findings).
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { params, get } = queryOf(request);
    const filters = parseWith(appFiltersSchema, rawFilters(params));
    const page = parseWith(pageSchema, { scan: get('scan'), view: get('view'), offset: get('offset'), limit: get('limit') });
    const { report, scan } = await requireReport(page.scan);
    const rows = sortRows(filterRows(report.apps.map(appRowOf), filters), filters.sort, filters.dir);
    const slice = rows.slice(page.offset, page.offset + page.limit);
    const byId = page.view === 'full' ? new Map(report.apps.map((a) => [a.id, a])) : null;
    return Response.json(
      {
        schemaVersion: report.schemaVersion,
        scanId: scan.id,
        total: rows.length,
        offset: page.offset,
        limit: page.limit,
        apps: byId ? slice.map((r) => byId.get(r.id)!) : page.view === 'packed' ? packRows(slice) : slice,
      },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  });
}
