import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ExemptionRecord, ExemptionScope } from '../config/types';
import type { Store } from './open-store';
import type { Database } from './schema';

/**
 * Exemption records kept in the store (the dashboard's create/edit/expire/delete), and the audit log
 * every change writes in the same transaction. Unlike the config file, an expiry is required.
 */

export const EXEMPTION_SCOPES: readonly ExemptionScope[] = ['cluster', 'namespace', 'app', 'container', 'check'];
const NEEDS: Record<ExemptionScope, ('cluster' | 'namespace' | 'app' | 'container')[]> = {
  cluster: ['cluster'],
  namespace: ['namespace'],
  app: ['app'],
  container: ['app', 'container'],
  check: [],
};

export interface ExemptionInput {
  checks: string[];
  scope: ExemptionScope;
  cluster?: string | null;
  namespace?: string | null;
  app?: string | null;
  container?: string | null;
  reason: string;
  owner: string;
  /** ISO date or date-time. */
  expires: string;
}

export interface StoredExemption extends ExemptionRecord {
  id: string;
  expires: string;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: unknown;
}

/** Bad exemption input: a 400 with the problems listed. */
export class ExemptionInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid exemption: ${problems.join('; ')}`);
  }
}

/** Validate and normalise (trimmed strings, expires as ISO); throws ExemptionInputError. */
export function validateExemption(input: ExemptionInput): ExemptionInput {
  const problems: string[] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const scope = input.scope;
  if (!EXEMPTION_SCOPES.includes(scope)) problems.push(`scope must be one of ${EXEMPTION_SCOPES.join(', ')}`);
  const checks = Array.isArray(input.checks) ? input.checks.map(text).filter(Boolean) : [];
  if (!checks.length) problems.push('checks: at least one check ID (or "*")');
  const reason = text(input.reason);
  const owner = text(input.owner);
  if (!reason) problems.push('an exemption needs a reason');
  if (!owner) problems.push('an exemption needs an owner');
  const expiresAt = typeof input.expires === 'string' ? new Date(input.expires) : new Date(NaN);
  if (Number.isNaN(expiresAt.getTime())) problems.push('an exemption needs an expiry date (YYYY-MM-DD)');
  const out: ExemptionInput = { checks, scope, reason, owner, expires: Number.isNaN(expiresAt.getTime()) ? '' : expiresAt.toISOString() };
  for (const f of ['cluster', 'namespace', 'app', 'container'] as const) {
    const v = text(input[f]);
    if (v) out[f] = v;
  }
  for (const f of NEEDS[scope] ?? []) if (!out[f]) problems.push(`scope "${scope}" needs "${f}"`);
  if (problems.length) throw new ExemptionInputError(problems);
  return out;
}

type Row = Database['exemptions'];

function fromRow(r: Row): StoredExemption {
  return {
    id: r.id,
    checks: JSON.parse(r.checks) as string[],
    scope: r.scope as ExemptionScope,
    ...(r.cluster ? { cluster: r.cluster } : {}),
    ...(r.namespace ? { namespace: r.namespace } : {}),
    ...(r.app ? { app: r.app } : {}),
    ...(r.container ? { container: r.container } : {}),
    reason: r.reason,
    owner: r.owner,
    expires: r.expires,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toColumns(e: ExemptionInput) {
  return {
    scope: e.scope,
    checks: JSON.stringify(e.checks),
    cluster: e.cluster ?? null,
    namespace: e.namespace ?? null,
    app: e.app ?? null,
    container: e.container ?? null,
    reason: e.reason,
    owner: e.owner,
    expires: e.expires,
  };
}

async function audit(db: Kysely<Database>, actor: string, action: string, subject: string, detail: unknown, at: string) {
  if (!actor.trim()) throw new ExemptionInputError(['the audit log needs who made the change (actor)']);
  await db.insertInto('audit_log').values({ at, actor, action, subject, detail: JSON.stringify(detail ?? null) }).execute();
}

/** Create an exemption; audited as `exemption.create`. */
export async function createExemption(store: Store, input: ExemptionInput, actor: string, now = new Date()): Promise<StoredExemption> {
  const e = validateExemption(input);
  const at = now.toISOString();
  const row: Row = { id: randomUUID(), ...toColumns(e), created_at: at, updated_at: at };
  await store.db.transaction().execute(async (trx) => {
    await trx.insertInto('exemptions').values(row).execute();
    await audit(trx, actor, 'exemption.create', `exemption/${row.id}`, fromRow(row), at);
  });
  return fromRow(row);
}

/** Replace an exemption's fields (validated whole); audited with before and after. Null when unknown. */
export async function updateExemption(store: Store, id: string, input: ExemptionInput, actor: string, now = new Date()): Promise<StoredExemption | null> {
  const e = validateExemption(input);
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('exemptions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) return null;
    const after: Row = { ...before, ...toColumns(e), updated_at: at };
    await trx.updateTable('exemptions').set({ ...toColumns(e), updated_at: at }).where('id', '=', id).execute();
    await audit(trx, actor, 'exemption.update', `exemption/${id}`, { before: fromRow(before), after: fromRow(after) }, at);
    return fromRow(after);
  });
}

/** End an exemption now (its expiry becomes `now`); kept for the record. Null when unknown. */
export async function expireExemption(store: Store, id: string, actor: string, now = new Date()): Promise<StoredExemption | null> {
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('exemptions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) return null;
    const expires = before.expires < at ? before.expires : at;
    await trx.updateTable('exemptions').set({ expires, updated_at: at }).where('id', '=', id).execute();
    await audit(trx, actor, 'exemption.expire', `exemption/${id}`, { expires: { before: before.expires, after: expires } }, at);
    return fromRow({ ...before, expires, updated_at: at });
  });
}

/** Delete an exemption; audited with what it was. False when unknown. */
export async function deleteExemption(store: Store, id: string, actor: string, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('exemptions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('exemptions').where('id', '=', id).execute();
    await audit(trx, actor, 'exemption.delete', `exemption/${id}`, fromRow(before), at);
    return true;
  });
}

export async function getExemption(store: Store, id: string): Promise<StoredExemption | null> {
  const r = await store.db.selectFrom('exemptions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

/** Every stored exemption (or only those in force at `activeAt`), soonest expiry first. */
export async function listExemptions(store: Store, opts: { activeAt?: Date } = {}): Promise<StoredExemption[]> {
  let q = store.db.selectFrom('exemptions').selectAll().orderBy('expires').orderBy('id');
  if (opts.activeAt) q = q.where('expires', '>', opts.activeAt.toISOString());
  return (await q.execute()).map(fromRow);
}

/** The audit log, newest first. */
export async function auditLog(store: Store, opts: { subject?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  let q = store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
  if (opts.subject) q = q.where('subject', '=', opts.subject);
  if (opts.limit) q = q.limit(opts.limit);
  return (await q.execute()).map((r) => ({ id: Number(r.id), at: r.at, actor: r.actor, action: r.action, subject: r.subject, detail: JSON.parse(r.detail) as unknown }));
}

/** Record something else in the audit log (a scan deleted, settings changed…). */
export async function recordAudit(store: Store, entry: { actor: string; action: string; subject: string; detail?: unknown }, now = new Date()): Promise<void> {
  await audit(store.db, entry.actor, entry.action, entry.subject, entry.detail, now.toISOString());
}
