import type { Finding, FindingStatus, Severity } from '../checks/types';
import type { Verdict } from '../scoring/score';
import type { AppReport } from './types';

/** Shared by the renderers: orderings, labels and text hygiene. Pure, no I/O. */

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Worst first: an unexempted fail, then an accepted risk, then a pass, then "not checked". */
export const STATUS_RANK: Record<FindingStatus, number> = { fail: 0, exempt: 1, pass: 2, notApplicable: 3 };

/** Worst first: not ready, unknown (could not be judged), ready with conditions, ready. */
export const VERDICT_RANK: Record<Verdict, number> = { notReady: 0, unknown: 1, readyWithConditions: 2, ready: 3 };

export const VERDICT_LABELS: Record<Verdict, string> = {
  notReady: 'not ready',
  unknown: 'unknown',
  readyWithConditions: 'ready with conditions',
  ready: 'ready',
};

/** Verdicts in the order summaries list them. */
export const VERDICT_ORDER: Verdict[] = ['notReady', 'unknown', 'readyWithConditions', 'ready'];

/** Apps worst first: verdict, then score (unscored last), then id for a stable order. */
export function appsWorstFirst(apps: readonly AppReport[]): AppReport[] {
  return [...apps].sort(
    (a, b) =>
      VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
      (a.score ?? Number.POSITIVE_INFINITY) - (b.score ?? Number.POSITIVE_INFINITY) ||
      a.id.localeCompare(b.id),
  );
}

/** Findings worst first: status, then severity, keeping catalog order otherwise (sort is stable). */
export function findingsWorstFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** Unexempted failing findings, worst severity first. */
export function failingFindings(app: AppReport): Finding[] {
  return findingsWorstFirst(app.findings.filter((f) => f.status === 'fail'));
}

/** "72.5", or "n/a" when nothing applied (a null score is not a zero). */
export function formatScore(score: number | null): string {
  if (score === null) return 'n/a';
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

// C0 controls except tab/newline, DEL, C1 controls: an ESC from a manifest must never reach a terminal.
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from the input (names, messages quoting manifest values) made safe for one output line:
 * control characters (ANSI escapes included) removed, line breaks and tabs folded to spaces.
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL_CHARS, '').replace(/\s*[\r\n\t]+\s*/g, ' ').trim();
}

/** `namespace/Kind/name` for manifests (cluster "-"), the full id for clusters. */
export function appLabel(app: AppReport): string {
  return app.cluster === '-' ? `${app.namespace}/${app.kind}/${app.name}` : app.id;
}
