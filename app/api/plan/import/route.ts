import { handle, HttpError } from '@/lib/server/http';
import { identityOf } from '@/lib/server/identity';
import { importPlanEntries } from '@/lib/store';
import { parsePlanCsv } from '@/lib/views/plan-csv';
import { importRefused, planErrors, requirePlanStore } from '../plan-api';

const MAX_BYTES = 2 * 1024 * 1024;

/** The CSV of the request: the body as is (text/csv, text/plain), or `{ "csv": "…" }` as JSON. */
async function csvOf(request: Request): Promise<string> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BYTES) throw new HttpError(413, `the file is larger than ${MAX_BYTES / 1024 / 1024} MB`);
  const raw = await request.text();
  if (raw.length > MAX_BYTES) throw new HttpError(413, `the file is larger than ${MAX_BYTES / 1024 / 1024} MB`);
  if ((request.headers.get('content-type') ?? '').includes('application/json')) {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'the body is not valid JSON');
    }
    const csv = (body as { csv?: unknown } | null)?.csv;
    if (typeof csv !== 'string') throw new HttpError(400, 'send the CSV as the body (Content-Type: text/csv) or as { "csv": "…" }');
    return csv;
  }
  return raw;
}

/**
 * POST /api/plan/import — a plan CSV (`subject,owner,wave,target_date,note`; or `app` / `group`
 * columns). All or nothing: any bad line answers 400 with `details: [{ line, message }]` and nothing
 * is saved; else `{ created, updated, unchanged }`. Each change is audited with the caller's identity.
 */
export async function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const { rows, errors } = parsePlanCsv(await csvOf(request));
    if (errors.length) throw importRefused(errors);
    const store = await requirePlanStore();
    const r = await planErrors(() => importPlanEntries(store, rows, identityOf(request)));
    return Response.json({ created: r.created, updated: r.updated, unchanged: r.unchanged, rows: rows.length }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
