import 'server-only';
import { z } from 'zod';
import { csvField } from '../report/render-csv';
import { EXEMPTION_SCOPES, recordAudit, type AuditEntry, type ExemptionInput, type Store, type StoredExemption } from '../store';
import { errorText } from './error-text';
import { HttpError, requireHistoryStore } from './http';
import { identityOf } from './identity';
import { getScanService } from './scan-service';

/**
 * The exemption, settings and audit routes' shared parts: the store they need, the input schemas,
 * the audit CSV, and the audit entry a patch download leaves. Stored exemptions and settings are
 * read when a scan is scored; after a change the current cluster scan is re-scored at once (a new
 * scan), else the change applies from the next scan. Every answer that changes one says which
 * (`appliesFrom`: 'now' with the new `scan` id, or 'next scan').
 */
export const APPLIES_FROM = 'next scan' as const;

/** Re-scores the current scan after a change; what the answer tells the client. */
export async function applyChange(reason: string): Promise<{ appliesFrom: 'now' | 'next scan'; scan: string | null }> {
  const r = await getScanService().reevaluate(reason);
  return { appliesFrom: r.appliesFrom, scan: r.scanId };
}

/**
 * How many findings of the current scan each stored exemption exempts (by record id: the finding's
 * evidence carries the record that matched). No current report: no counts, `scan` null.
 */
export async function matchCounts(): Promise<{ scan: string | null; matches: Record<string, number> }> {
  const svc = getScanService();
  await svc.ready();
  const id = svc.currentId();
  const r = id ? await svc.reportOf(id) : null;
  const matches: Record<string, number> = {};
  for (const app of r?.report.apps ?? []) {
    for (const f of app.findings) {
      if (f.status !== 'exempt') continue;
      const rec = f.evidence?.exemption as { id?: unknown } | undefined;
      if (rec && typeof rec.id === 'string') matches[rec.id] = (matches[rec.id] ?? 0) + 1;
    }
  }
  return { scan: r ? r.scan.id : null, matches };
}

/** PUT /api/settings: the admin settings to change. */
export const settingsSchema = z.strictObject({
  ignoreAnnotationExemptions: z.boolean({ error: 'ignoreAnnotationExemptions must be true or false' }),
});

/** The history store, or a 503 that says why there is none. */
export function requireStore(): Promise<Store> {
  return requireHistoryStore('exemptions and the audit log need it');
}

const text = (what: string) => z.string({ error: `${what} must be a string` }).max(2000, `${what} is longer than 2000 characters`);
const target = (what: string) => z.string({ error: `${what} must be a string` }).max(253, `${what} is longer than 253 characters`).nullable().optional();

const fields = {
  scope: z.enum(EXEMPTION_SCOPES as [string, ...string[]], { error: `scope must be one of ${EXEMPTION_SCOPES.join(', ')}` }),
  checks: z.array(z.string().regex(/^(\*|[a-z0-9-]{1,80})$/, 'each check must be a check ID such as probe-exec-zombie-risk, or "*"'), { error: 'checks must be a list of check IDs' }).min(1, 'checks: at least one check ID (or "*")').max(200),
  reason: text('reason'),
  owner: text('owner'),
  expires: z.string({ error: 'expires must be a date (YYYY-MM-DD) or date-time' }).max(40),
  cluster: target('cluster'),
  namespace: target('namespace'),
  app: z.string().max(1000, 'app is longer than 1000 characters').nullable().optional(),
  container: target('container'),
};

/** POST /api/exemptions: every field the scope needs (the store's validation says which are missing). */
export const createSchema = z.strictObject({
  ...fields,
  reason: fields.reason.refine((s) => s.trim() !== '', 'an exemption needs a reason'),
  owner: fields.owner.refine((s) => s.trim() !== '', 'an exemption needs an owner'),
});

/** PATCH /api/exemptions/{id}: the fields to change (null clears a target); the result is validated whole. */
export const patchSchema = z
  .strictObject({
    scope: fields.scope.optional(),
    checks: fields.checks.optional(),
    reason: fields.reason.optional(),
    owner: fields.owner.optional(),
    expires: fields.expires.optional(),
    cluster: fields.cluster,
    namespace: fields.namespace,
    app: fields.app,
    container: fields.container,
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change: send at least one field');

export const idSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'the exemption id has invalid characters') });

/** The JSON body of a request, or a 400. */
export async function jsonBody(request: Request): Promise<unknown> {
  const raw = await request.text();
  if (!raw.trim()) throw new HttpError(400, 'the request needs a JSON body');
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
}

/** A stored exemption merged with a patch: the whole input to validate and store. */
export function mergePatch(before: StoredExemption, patch: z.output<typeof patchSchema>): ExemptionInput {
  const pick = (k: 'cluster' | 'namespace' | 'app' | 'container') => (k in patch ? patch[k] : before[k]) ?? null;
  return {
    scope: (patch.scope ?? before.scope) as ExemptionInput['scope'],
    checks: patch.checks ?? before.checks,
    reason: patch.reason ?? before.reason,
    owner: patch.owner ?? before.owner,
    expires: patch.expires ?? before.expires,
    cluster: pick('cluster'),
    namespace: pick('namespace'),
    app: pick('app'),
    container: pick('container'),
  };
}

export const AUDIT_CSV_COLUMNS = ['id', 'at', 'actor', 'action', 'subject', 'detail'] as const;

/** The audit log as CSV (RFC 4180, formula cells guarded as in the report CSV); detail as JSON. */
export function renderAuditCsv(entries: AuditEntry[]): string {
  const rows = entries.map((e) => [String(e.id), e.at, e.actor, e.action, e.subject, JSON.stringify(e.detail ?? null)].map(csvField).join(','));
  return [AUDIT_CSV_COLUMNS.join(','), ...rows].map((l) => `${l}\r\n`).join('');
}

/**
 * Records a patch download in the audit log (`patch.download`: who, when, the app or scope, the
 * format). Without a store nothing is recorded; a failure is logged and the download still goes out.
 */
export async function auditDownload(request: Request, subject: string, detail: Record<string, unknown>): Promise<void> {
  try {
    const store = await getScanService().historyStore();
    if (!store) return;
    await recordAudit(store, { actor: identityOf(request), action: 'patch.download', subject, detail });
  } catch (e) {
    console.error(`drydock: cannot record the download of ${subject} in the audit log: ${errorText(e)}`);
  }
}
