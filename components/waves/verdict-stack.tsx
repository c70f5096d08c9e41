import type { Verdict } from '@/lib/scoring/score';
import { VERDICT_TITLES } from '@/lib/views/app-filters';

const ORDER: Verdict[] = ['ready', 'readyWithConditions', 'notReady', 'unknown'];
// The same fills as components/charts/verdict-bars.tsx, so a verdict has one colour everywhere.
const FILL: Record<Verdict, string> = { ready: 'bg-emerald-500', readyWithConditions: 'bg-amber-400', notReady: 'bg-red-500', unknown: 'bg-violet-500' };

/**
 * One wave's verdicts as a stacked bar with its legend (the counts in words, so the bar is never the
 * only way to read them). Segments are not links: a wave spans groups the apps list cannot filter on.
 */
export function VerdictStack({ verdicts, total, label }: { verdicts: Record<Verdict, number>; total: number; label: string }) {
  const words = ORDER.map((v) => `${verdicts[v]} ${VERDICT_TITLES[v].toLowerCase()}`).join(', ');
  return (
    <div>
      <div role="img" aria-label={`${label}: ${words}`} title={words} className="flex h-3.5 w-full overflow-hidden rounded bg-slate-100 dark:bg-slate-800">
        {total > 0 && ORDER.filter((v) => verdicts[v] > 0).map((v) => <div key={v} className={`${FILL[v]} h-full`} style={{ width: `${(100 * verdicts[v]) / total}%` }} title={`${verdicts[v]} ${VERDICT_TITLES[v].toLowerCase()}`} />)}
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        {ORDER.map((v) => (
          <div key={v} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-sm ${FILL[v]}`} />
            <dt className="text-slate-600 dark:text-slate-400">{VERDICT_TITLES[v]}</dt>
            <dd className="ml-auto font-semibold tabular-nums sm:ml-1" data-testid={`count-${v}`}>
              {verdicts[v]}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
