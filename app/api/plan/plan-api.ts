import 'server-only';
import { z } from 'zod';
import { HttpError, requireHistoryStore } from '@/lib/server/http';
import { PLAN_LIMITS, PlanImportError, PlanInputError, type Store } from '@/lib/store';
import { formatLineErrors, type LineError } from '@/lib/views/plan-csv';

/** The plan and waves routes' shared parts (kept next to them: only they use it). */

/** The history store, or a 503 that says why there is none. */
export function requirePlanStore(): Promise<Store> {
  return requireHistoryStore('the migration plan needs it');
}

/** A 400 that lists every line that is wrong (nothing was saved). */
export function importRefused(errors: LineError[]): HttpError {
  const n = errors.length;
  return new HttpError(400, `the import was refused, nothing was saved: ${n} problem${n === 1 ? '' : 's'}: ${formatLineErrors(errors.slice(0, 5)).join('; ')}${n > 5 ? '; …' : ''}`, errors);
}

/** Runs a store call, turning its input errors into 400s (`handle` does not know the plan's errors). */
export async function planErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof PlanInputError) throw new HttpError(400, e.message, e.problems);
    if (e instanceof PlanImportError) throw importRefused(e.lineErrors);
    throw e;
  }
}

export const subjectSchema = z.string({ error: 'subject must be a string' }).min(1, 'subject is required').max(PLAN_LIMITS.subject, `subject is longer than ${PLAN_LIMITS.subject} characters`);

/** PUT /api/plan: one entry (the store validates the rest: required fields, real dates). */
export const putSchema = z.strictObject({
  subject: subjectSchema,
  owner: z.string({ error: 'owner must be a string' }).max(PLAN_LIMITS.owner, `owner is longer than ${PLAN_LIMITS.owner} characters`),
  wave: z.string({ error: 'wave must be a string' }).max(PLAN_LIMITS.wave, `wave is longer than ${PLAN_LIMITS.wave} characters`),
  targetDate: z.string({ error: 'targetDate must be a date (YYYY-MM-DD) or null' }).max(40).nullable().optional(),
  note: z.string({ error: 'note must be a string' }).max(PLAN_LIMITS.note, `note is longer than ${PLAN_LIMITS.note} characters`).nullable().optional(),
});
