import type { FindingStatus, Severity } from '@/lib/checks/types';
import type { Grade, Verdict } from '@/lib/scoring/score';
import { VERDICT_TITLES } from '@/lib/views/app-filters';

const base = 'inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold';

export const VERDICT_CLASS: Record<Verdict, string> = {
  notReady: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  unknown: 'bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200',
  readyWithConditions: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  ready: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
};

/** Stroke colours for charts (SVG). */
export const VERDICT_STROKE: Record<Verdict, string> = {
  notReady: 'stroke-red-500',
  unknown: 'stroke-violet-500',
  readyWithConditions: 'stroke-amber-400',
  ready: 'stroke-emerald-500',
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <span className={`${base} ${VERDICT_CLASS[verdict]}`}>{VERDICT_TITLES[verdict]}</span>;
}

const GRADE_CLASS: Record<Grade, string> = {
  A: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
  B: 'bg-lime-100 text-lime-900 dark:bg-lime-950 dark:text-lime-200',
  C: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  D: 'bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200',
  F: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
};

export function GradeBadge({ grade, large = false }: { grade: Grade | null; large?: boolean }) {
  const size = large ? 'text-2xl px-3 py-1' : '';
  if (!grade) return <span className={`${base} ${size} bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300`} title="Nothing applicable was scored">n/a</span>;
  return (
    <span className={`${base} ${size} ${GRADE_CLASS[grade]}`} aria-label={`grade ${grade}`}>
      {grade}
    </span>
  );
}

const SEVERITY_CLASS: Record<Severity, string> = {
  critical: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  warning: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  info: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`${base} ${SEVERITY_CLASS[severity]}`}>{severity}</span>;
}

const STATUS: Record<FindingStatus, { label: string; cls: string }> = {
  fail: { label: 'fail', cls: 'bg-red-600 text-white dark:bg-red-500 dark:text-slate-950' },
  pass: { label: 'pass', cls: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200' },
  notApplicable: { label: 'not applicable', cls: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300' },
  exempt: { label: 'accepted risk', cls: 'bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200' },
};

export function StatusBadge({ status }: { status: FindingStatus }) {
  return <span className={`${base} ${STATUS[status].cls}`}>{STATUS[status].label}</span>;
}

export function Chip({ children, title }: { children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`${base} bg-slate-100 font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300`}>
      {children}
    </span>
  );
}
