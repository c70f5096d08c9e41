import Link from 'next/link';
import type { Verdict } from '@/lib/scoring/score';
import { VERDICT_TITLES } from '@/lib/views/app-filters';

const ORDER: Verdict[] = ['notReady', 'unknown', 'readyWithConditions', 'ready'];
const FILL: Record<Verdict, string> = { ready: 'bg-emerald-500', readyWithConditions: 'bg-amber-400', notReady: 'bg-red-500', unknown: 'bg-violet-500' };

export interface VerdictBarRow {
  key: string;
  label: string;
  href: string;
  total: number;
  verdicts: Record<Verdict, number>;
  verdictHrefs: Record<Verdict, string>;
}

/** One stacked bar per group (namespace, cluster): each segment opens the apps it counts. */
export function VerdictBars({ rows, caption }: { rows: VerdictBarRow[]; caption: string }) {
  const max = Math.max(1, ...rows.map((r) => r.total));
  return (
    <figure className="mt-4">
      <figcaption className="mb-2 text-sm font-semibold">{caption}</figcaption>
      <ul className="space-y-1.5">
        {rows.map((r) => (
          <li key={r.key} className="grid grid-cols-[9rem_1fr_2.5rem] items-center gap-2 text-sm">
            <Link href={r.href} className="truncate text-sky-700 hover:underline dark:text-sky-300" title={r.label}>
              {r.label}
            </Link>
            <div className="flex h-3.5 overflow-hidden rounded bg-slate-100 dark:bg-slate-800" style={{ width: `${(100 * r.total) / max}%` }}>
              {ORDER.filter((v) => r.verdicts[v] > 0).map((v) => (
                <Link key={v} href={r.verdictHrefs[v]} className={`${FILL[v]} h-full hover:opacity-80 focus-visible:outline-2 focus-visible:outline-sky-600`} style={{ width: `${(100 * r.verdicts[v]) / r.total}%` }} aria-label={`${r.verdicts[v]} ${VERDICT_TITLES[v].toLowerCase()} in ${r.label}`} title={`${r.verdicts[v]} ${VERDICT_TITLES[v].toLowerCase()}`} />
              ))}
            </div>
            <span className="text-right tabular-nums text-slate-600 dark:text-slate-400">{r.total}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
