import { z } from 'zod';
import { attachment, handle, HttpError, parseWith, queryOf } from '@/lib/server/http';
import { identityOf } from '@/lib/server/identity';
import { jsonBody } from '@/lib/server/exemptions-api';
import { deletePlanEntry, listPlanEntries, upsertPlanEntry } from '@/lib/store';
import { renderPlanCsv } from '@/lib/views/plan-csv';
import { planErrors, putSchema, requirePlanStore, subjectSchema } from './plan-api';

const NO_STORE = { 'Cache-Control': 'no-store' };

const listSchema = z.object({
  subject: z.array(subjectSchema).max(100, 'at most 100 subjects').optional(),
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json'),
});

/**
 * GET /api/plan — every plan entry (`?subject=app:…&subject=group:…`: only those), ordered by wave.
 * `?format=csv`: the plan as a download in the import's format (subject,owner,wave,target_date,note).
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { params } = queryOf(request);
    const q = parseWith(listSchema, { subject: params.has('subject') ? params.getAll('subject') : undefined, format: params.get('format') ?? undefined });
    const entries = await listPlanEntries(await requirePlanStore(), q.subject ? { subjects: q.subject } : {});
    if (q.format === 'csv') return new Response(renderPlanCsv(entries), { headers: { 'Content-Type': 'text/csv; charset=utf-8', ...attachment('migration-plan.csv'), ...NO_STORE } });
    return Response.json({ entries }, { headers: NO_STORE });
  });
}

/**
 * PUT /api/plan — set the entry of an app or a group: `{ subject, owner, wave, targetDate?, note? }`
 * (subject `app:<cluster>/<namespace>/<kind>/<name>` or `group:<name>`). 201 when new, else 200;
 * audited with the caller's identity.
 */
export async function PUT(request: Request): Promise<Response> {
  return handle(async () => {
    const input = parseWith(putSchema, await jsonBody(request));
    const store = await requirePlanStore();
    const r = await planErrors(() => upsertPlanEntry(store, input, identityOf(request)));
    return Response.json({ entry: r.entry, created: r.created, changed: r.changed }, { status: r.created ? 201 : 200, headers: NO_STORE });
  });
}

/** DELETE /api/plan?subject=… — remove an entry (the audit log keeps what it was). */
export async function DELETE(request: Request): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const subject = parseWith(z.object({ subject: subjectSchema }), { subject: get('subject') }).subject;
    const store = await requirePlanStore();
    if (!(await planErrors(() => deletePlanEntry(store, subject, identityOf(request))))) throw new HttpError(404, `no plan entry for ${subject} (GET /api/plan lists them)`);
    return Response.json({ deleted: subject }, { headers: NO_STORE });
  });
}
