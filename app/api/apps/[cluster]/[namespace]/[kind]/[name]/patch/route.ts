import { z } from 'zod';
import { appKeySchema } from '@/lib/server/app-key';
import { auditDownload } from '@/lib/server/exemptions-api';
import { handle, HttpError, parseWith, queryOf, requireReport } from '@/lib/server/http';
import { appPlan, findingPlan, planResponse } from '@/lib/server/patch-response';
import { findApp } from '@/lib/server/reports';

type Params = { params: Promise<{ cluster: string; namespace: string; kind: string; name: string }> };

const querySchema = z.object({
  format: z.enum(['strategic', 'json', 'kustomize'], { error: (i) => `format must be strategic, json or kustomize${i.input === undefined ? '' : ` (got "${String(i.input)}")`}` }),
  check: z.string().regex(/^[a-z0-9-]{1,80}$/, 'check must be a check ID such as probe-exec-zombie-risk').optional(),
  container: z.string().min(1).max(253).optional(),
  target: z.string().regex(/^[A-Za-z]+\/[^/]{1,253}$/, 'target must be Kind/name, e.g. Deployment/cart').optional(),
  scan: z.string().optional(),
  download: z.enum(['0', '1', 'true', 'false']).optional(),
});

/**
 * GET /api/apps/{cluster}/{namespace}/{kind}/{name}/patch?format=strategic|json|kustomize —
 * every safe and input fix of the app combined (or one finding's: `check=…&container=…`).
 * Each patch handed out is recorded in the audit log (`patch.download`).
 */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const key = parseWith(appKeySchema, await params);
    const { get } = queryOf(request);
    const q = parseWith(querySchema, { format: get('format'), check: get('check'), container: get('container'), target: get('target'), scan: get('scan'), download: get('download') });
    const { report, scan } = await requireReport(q.scan);
    const app = findApp(report, key);
    if (!app) throw new HttpError(404, `no app ${key.cluster}/${key.namespace}/${key.kind}/${key.name} in scan ${scan.id}`);
    const plan = q.check ? findingPlan(scan.id, app, q.check, q.container) : appPlan(scan.id, [app]);
    const name = q.check ? `${app.name}-${q.check}${q.container ? `-${q.container}` : ''}` : app.name;
    const response = planResponse(plan, q.format, { name, download: q.download === '1' || q.download === 'true', primary: { kind: app.kind, name: app.name }, target: q.target });
    await auditDownload(request, `app/${app.id}`, { format: q.format, scan: scan.id, ...(q.check ? { check: q.check } : {}), ...(q.container ? { container: q.container } : {}), ...(q.target ? { target: q.target } : {}) });
    return response;
  });
}
