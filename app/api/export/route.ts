import { z } from 'zod';
import { EXPORT_FORMATS, exportResponse } from '@/lib/server/export';
import { handle, parseWith, queryOf, requireReport } from '@/lib/server/http';
import { parseScope } from '@/lib/views/scope';

const querySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { error: (i) => `format must be one of ${EXPORT_FORMATS.join(', ')}${i.input === undefined ? '' : ` (got "${String(i.input)}")`}` }),
  scope: z.string().max(1200).default('fleet'),
  scan: z.string().optional(),
});

/**
 * GET /api/export?format=json|csv|sarif|html|kustomize&scope=fleet|cluster:<c>|namespace:<c>/<ns>|team:<t>|app:<id>
 * — the report (or the patches, for kustomize) of a scope, as a download.
 */
export async function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { get } = queryOf(request);
    const q = parseWith(querySchema, { format: get('format'), scope: get('scope'), scan: get('scan') });
    const scope = parseScope(q.scope);
    const { report, scan } = await requireReport(q.scan);
    return exportResponse(report, scan.id, q.format, scope);
  });
}
