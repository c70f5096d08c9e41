import { z } from 'zod';
import { renderAuditCsv, requireStore } from '@/lib/server/exemptions-api';
import { attachment, handle, parseWith, queryOf } from '@/lib/server/http';
import { auditLog } from '@/lib/store';

const querySchema = z.object({
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json'),
  subject: z.string().max(1200).optional(),
  limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit must be at least 1').max(100000).optional(),
});

/**
 * GET /api/audit?format=json|csv[&subject=exemption/<id>][&limit=n] — the audit log, newest first:
 * exemption changes and patch downloads (who, when, action, subject, detail). CSV is a download.
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const q = parseWith(querySchema, { format: get('format'), subject: get('subject'), limit: get('limit') });
    const entries = await auditLog(await requireStore(), { subject: q.subject, limit: q.limit });
    if (q.format === 'csv') {
      return new Response(renderAuditCsv(entries), { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Cache-Control': 'no-store', ...attachment('drydock-audit.csv') } });
    }
    return Response.json({ entries }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
