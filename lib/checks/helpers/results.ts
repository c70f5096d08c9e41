import type { CheckResult } from '../types';
import type { ContainerRef } from './containers';

/** Shorthands so check files read as their rule, not as object literals. */
export function pass(message: string, at?: { container?: string | null; path?: string | null }, evidence?: Record<string, unknown>): CheckResult {
  // No spread of a temporary `{ evidence }`: this runs for most results of every app.
  const r: CheckResult = { status: 'pass', message, container: at?.container ?? null, path: at?.path ?? null };
  if (evidence) r.evidence = evidence;
  return r;
}

export function notApplicable(reason: string, at?: { container?: string | null; path?: string | null }): CheckResult {
  return { status: 'notApplicable', reason, container: at?.container ?? null, path: at?.path ?? null };
}

/** `at` for a container-level result. */
export function atContainer(ref: ContainerRef, subPath = ''): { container: string; path: string } {
  return { container: ref.name, path: `${ref.path}${subPath}` };
}
