import { z } from 'zod';
import { auditDownload } from '@/lib/server/exemptions-api';
import { EXPORT_FORMATS, exportResponse } from '@/lib/server/export';
import { handle, parseWith, queryOf, requireReport } from '@/lib/server/http';
import { parseScope, scopeString } from '@/lib/views/scope';

const querySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { error: (i) => `format must be one of ${EXPORT_FORMATS.join(', ')}${i.input === undefined ? '' : ` (got "${String(i.input)}")`}` }),
  scope: z.string().max(1200).default('fleet'),
  scan: z.string().optional(),
});

/**
 * GET /api/export?format=json|csv|sarif|html|kustomize&scope=fleet|cluster:<c>|namespace:<c>/<ns>|team:<t>|app:<id>
 * — the report (or the patches, for kustomize) of a scope, as a download. A kustomize download is
 * recorded in the audit log (`patch.download`).
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const q = parseWith(querySchema, { format: get('format'), scope: get('scope'), scan: get('scan') });
    const scope = parseScope(q.scope);
    const { report, scan } = await requireReport(q.scan);
    const response = exportResponse(report, scan.id, q.format, scope);
    if (q.format === 'kustomize') await auditDownload(request, `scope/${scopeString(scope)}`, { format: q.format, scan: scan.id });
    return response;
  });
}
