import type { Kysely } from 'kysely';
import type { Store } from './open-store';
import type { Database } from './schema';

/**
 * The migration plan: per group or app, who owns the move, which wave it is in and by when.
 * An app's own entry overrides its group's (lib/views/waves.ts). Every change writes an audit
 * entry in the same transaction, so the log and the plan cannot disagree.
 */

export type PlanSubjectType = 'app' | 'group';

export interface PlanInput {
  /** "app:<cluster>/<namespace>/<kind>/<name>" or "group:<group name>". */
  subject: string;
  owner: string;
  wave: string;
  /** YYYY-MM-DD, or null/'' for none. */
  targetDate?: string | null;
  note?: string | null;
}

/** A validated, normalised input (trimmed; target date null when empty). */
export interface ValidPlanInput {
  subject: string;
  subjectType: PlanSubjectType;
  owner: string;
  wave: string;
  targetDate: string | null;
  note: string;
}

/** A stored plan entry: the input, and who saved it when. */
export interface PlanEntry extends ValidPlanInput {
  updatedAt: string;
  updatedBy: string;
}

/** Bad plan input: a 400 with the problems listed. */
export class PlanInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid plan entry: ${problems.join('; ')}`);
  }
}

/** A bulk import refused as a whole: what is wrong, line by line (nothing was saved). */
export class PlanImportError extends Error {
  constructor(readonly lineErrors: { line: number; message: string }[]) {
    super(`the import was refused (nothing saved): ${lineErrors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  }
}

export const PLAN_LIMITS = { subject: 1000, owner: 200, wave: 100, note: 2000, importRows: 10_000 } as const;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The type of a subject, or null when it is neither `app:<c>/<ns>/<kind>/<name>` nor `group:<name>`. */
export function subjectTypeOf(subject: string): PlanSubjectType | null {
  if (subject.startsWith('group:')) return subject.slice(6).trim() ? 'group' : null;
  if (subject.startsWith('app:')) {
    const parts = subject.slice(4).split('/');
    return parts.length === 4 && parts.every((p) => p.trim() !== '') ? 'app' : null;
  }
  return null;
}

/** Problems of an input ([] when valid) and its normalised form. Pure: the CSV import uses it too. */
export function checkPlanInput(input: PlanInput): { value: ValidPlanInput | null; problems: string[] } {
  const problems: string[] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const subject = text(input.subject);
  const subjectType = subjectTypeOf(subject);
  if (!subject) problems.push('subject is required (app:<cluster>/<namespace>/<kind>/<name> or group:<name>)');
  else if (!subjectType) problems.push(`subject "${subject.slice(0, 120)}" is neither app:<cluster>/<namespace>/<kind>/<name> nor group:<name>`);
  else if (subject.length > PLAN_LIMITS.subject) problems.push(`subject is longer than ${PLAN_LIMITS.subject} characters`);
  const owner = text(input.owner);
  const wave = text(input.wave);
  const note = text(input.note);
  if (!owner) problems.push('owner is required');
  else if (owner.length > PLAN_LIMITS.owner) problems.push(`owner is longer than ${PLAN_LIMITS.owner} characters`);
  if (!wave) problems.push('wave is required');
  else if (wave.length > PLAN_LIMITS.wave) problems.push(`wave is longer than ${PLAN_LIMITS.wave} characters`);
  if (note.length > PLAN_LIMITS.note) problems.push(`note is longer than ${PLAN_LIMITS.note} characters`);
  const date = text(input.targetDate);
  if (date && !isIsoDate(date)) problems.push(`target_date ${date.slice(0, 40)} is not a date (YYYY-MM-DD)`);
  if (problems.length || !subjectType) return { value: null, problems };
  return { value: { subject, subjectType, owner, wave, targetDate: date || null, note }, problems };
}

/** Validate and normalise; throws PlanInputError. */
export function validatePlanInput(input: PlanInput): ValidPlanInput {
  const { value, problems } = checkPlanInput(input);
  if (!value) throw new PlanInputError(problems);
  return value;
}

type Row = Database['plan_entries'];
type Db = Kysely<Database>;

function fromRow(r: Row): PlanEntry {
  return {
    subject: r.subject,
    subjectType: r.subject_type,
    owner: r.owner,
    wave: r.wave,
    targetDate: r.target_date,
    note: r.note,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

async function audit(db: Db, actor: string, action: string, subject: string, detail: unknown, at: string) {
  await db.insertInto('audit_log').values({ at, actor, action, subject: `plan/${subject}`, detail: JSON.stringify(detail ?? null) }).execute();
}

function requireActor(actor: string) {
  if (!actor.trim()) throw new PlanInputError(['the audit log needs who made the change (actor)']);
}

/** Upsert inside a transaction: the entry, whether it is new, and whether anything changed. */
async function upsertIn(trx: Db, v: ValidPlanInput, actor: string, at: string, action: string): Promise<{ entry: PlanEntry; created: boolean; changed: boolean }> {
  const before = await trx.selectFrom('plan_entries').selectAll().where('subject', '=', v.subject).executeTakeFirst();
  const row: Row = { subject: v.subject, subject_type: v.subjectType, owner: v.owner, wave: v.wave, target_date: v.targetDate, note: v.note, updated_at: at, updated_by: actor };
  const same = before && before.owner === row.owner && before.wave === row.wave && before.target_date === row.target_date && before.note === row.note;
  // Re-saving an identical entry is not a change: keep its last-changed stamp and the log quiet.
  if (same) return { entry: fromRow(before), created: false, changed: false };
  const set = { subject_type: row.subject_type, owner: row.owner, wave: row.wave, target_date: row.target_date, note: row.note, updated_at: at, updated_by: actor };
  await trx.insertInto('plan_entries').values(row).onConflict((oc) => oc.column('subject').doUpdateSet(set)).execute();
  await audit(trx, actor, `${action}.${before ? 'update' : 'create'}`, v.subject, before ? { before: fromRow(before), after: fromRow(row) } : fromRow(row), at);
  return { entry: fromRow(row), created: !before, changed: true };
}

/** Create or replace the entry of a subject; audited as `plan.create` / `plan.update` (before and after). */
export async function upsertPlanEntry(store: Store, input: PlanInput, actor: string, now = new Date()): Promise<{ entry: PlanEntry; created: boolean; changed: boolean }> {
  const v = validatePlanInput(input);
  requireActor(actor);
  return store.db.transaction().execute((trx) => upsertIn(trx, v, actor, now.toISOString(), 'plan'));
}

/** Remove a subject's entry; audited as `plan.delete` with what it was. False when there was none. */
export async function deletePlanEntry(store: Store, subject: string, actor: string, now = new Date()): Promise<boolean> {
  requireActor(actor);
  return store.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('plan_entries').selectAll().where('subject', '=', subject).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('plan_entries').where('subject', '=', subject).execute();
    await audit(trx, actor, 'plan.delete', subject, fromRow(before), now.toISOString());
    return true;
  });
}

export async function getPlanEntry(store: Store, subject: string): Promise<PlanEntry | null> {
  const r = await store.db.selectFrom('plan_entries').selectAll().where('subject', '=', subject).executeTakeFirst();
  return r ? fromRow(r) : null;
}

/** Every entry (or those of the given subjects / wave), ordered by wave then subject. */
export async function listPlanEntries(store: Store, opts: { subjects?: string[]; wave?: string } = {}): Promise<PlanEntry[]> {
  if (opts.subjects && !opts.subjects.length) return [];
  let q = store.db.selectFrom('plan_entries').selectAll().orderBy('wave').orderBy('subject');
  if (opts.subjects) q = q.where('subject', 'in', opts.subjects);
  if (opts.wave !== undefined) q = q.where('wave', '=', opts.wave);
  return (await q.execute()).map(fromRow);
}

export interface ImportRow {
  /** The line of the source (CSV) the row came from, for error messages. */
  line: number;
  input: PlanInput;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  entries: PlanEntry[];
}

/**
 * Import many entries at once, all or nothing: every row is validated first (a subject twice is an
 * error too) and any problem refuses the whole import with PlanImportError listing each line; else
 * one transaction upserts them all, each audited as `plan.import.create` / `plan.import.update`.
 */
export async function importPlanEntries(store: Store, rows: ImportRow[], actor: string, now = new Date()): Promise<ImportResult> {
  requireActor(actor);
  const errors: { line: number; message: string }[] = [];
  if (!rows.length) errors.push({ line: 1, message: 'nothing to import: no rows' });
  if (rows.length > PLAN_LIMITS.importRows) errors.push({ line: 1, message: `at most ${PLAN_LIMITS.importRows} rows per import (got ${rows.length})` });
  const valid: ValidPlanInput[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const { value, problems } = checkPlanInput(r.input);
    for (const p of problems) errors.push({ line: r.line, message: p });
    if (!value) continue;
    const first = seen.get(value.subject);
    if (first !== undefined) errors.push({ line: r.line, message: `${value.subject} is already planned on line ${first}` });
    else seen.set(value.subject, r.line);
    valid.push(value);
  }
  if (errors.length) throw new PlanImportError(errors);
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const out: ImportResult = { created: 0, updated: 0, unchanged: 0, entries: [] };
    for (const v of valid) {
      const r = await upsertIn(trx, v, actor, at, 'plan.import');
      out.entries.push(r.entry);
      if (!r.changed) out.unchanged++;
      else if (r.created) out.created++;
      else out.updated++;
    }
    return out;
  });
}
