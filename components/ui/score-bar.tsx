import { formatScore } from '@/lib/report/render-support';

function tone(score: number): string {
  if (score >= 90) return 'bg-emerald-500';
  if (score >= 80) return 'bg-lime-500';
  if (score >= 70) return 'bg-amber-400';
  if (score >= 60) return 'bg-orange-500';
  return 'bg-red-500';
}

/** A 0–100 score as a bar with its number; `n/a` when nothing applied. */
export function ScoreBar({ score, label, compact = false }: { score: number | null; label: string; compact?: boolean }) {
  return (
    <div className="flex items-center gap-2">
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={score ?? undefined}
        aria-valuetext={score === null ? 'not applicable' : `${formatScore(score)} out of 100`}
        className={`relative overflow-hidden rounded bg-slate-200 dark:bg-slate-800 ${compact ? 'h-1.5 w-16' : 'h-2.5 w-full min-w-24'}`}
      >
        {score !== null && <div className={`absolute inset-y-0 left-0 ${tone(score)}`} style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />}
      </div>
      <span className={`tabular-nums ${compact ? 'w-8 text-xs' : 'w-10 text-sm'} text-right`}>{formatScore(score)}</span>
    </div>
  );
}
