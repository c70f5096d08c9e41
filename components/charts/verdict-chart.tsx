import Link from 'next/link';
import type { Verdict } from '@/lib/scoring/score';
import { VERDICT_TITLES } from '@/lib/views/app-filters';
import { VERDICT_STROKE } from '../ui/badges';

const ORDER: Verdict[] = ['ready', 'readyWithConditions', 'notReady', 'unknown'];
const SWATCH: Record<Verdict, string> = { ready: 'bg-emerald-500', readyWithConditions: 'bg-amber-400', notReady: 'bg-red-500', unknown: 'bg-violet-500' };

/** Readiness verdicts as a donut; every segment and count links to the apps it counts. */
export function VerdictChart({ counts, hrefs, total }: { counts: Record<Verdict, number>; hrefs: Record<Verdict, string>; total: number }) {
  const r = 60;
  const c = 2 * Math.PI * r;
  const lens = ORDER.map((v) => (total ? (counts[v] / total) * c : 0));
  const arcs = ORDER.map((v, i) => ({ v, len: lens[i]!, offset: lens.slice(0, i).reduce((a, b) => a + b, 0) }));
  return (
    <div className="flex flex-wrap items-center gap-6">
      <svg viewBox="0 0 160 160" className="h-40 w-40 shrink-0" role="img" aria-label={`Readiness of ${total} apps: ${ORDER.map((v) => `${counts[v]} ${VERDICT_TITLES[v].toLowerCase()}`).join(', ')}`}>
        <circle cx="80" cy="80" r={r} className="fill-none stroke-slate-200 dark:stroke-slate-800" strokeWidth="22" />
        {arcs.map((a) =>
          a.len > 0 ? (
              <circle
                key={a.v}
                cx="80"
                cy="80"
                r={r}
                fill="none"
                strokeWidth="22"
                className={`${VERDICT_STROKE[a.v]}`}
                strokeDasharray={`${a.len} ${c - a.len}`}
                strokeDashoffset={-a.offset}
                transform="rotate(-90 80 80)"
              />
          ) : null,
        )}
        <text x="80" y="76" textAnchor="middle" className="fill-slate-900 text-2xl font-semibold dark:fill-slate-100">
          {total}
        </text>
        <text x="80" y="98" textAnchor="middle" className="fill-slate-600 text-xs dark:fill-slate-400">
          apps
        </text>
      </svg>
      <ul className="min-w-48 space-y-1.5 text-sm">
        {ORDER.map((v) => (
          <li key={v} className="flex items-center gap-2">
            <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${SWATCH[v]}`} />
            <span className="flex-1">{VERDICT_TITLES[v]}</span>
            <Link href={hrefs[v]} className="font-semibold tabular-nums text-sky-700 hover:underline dark:text-sky-300" data-testid={`verdict-count-${v}`} aria-label={`${counts[v]} apps ${VERDICT_TITLES[v].toLowerCase()}`}>
              {counts[v]}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
