'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { formatScore } from '@/lib/report/render-support';
import type { Grade, Verdict } from '@/lib/scoring/score';
import { GradeBadge } from '../ui/badges';
import { SortHeader } from '../ui/sort-header';

export interface RollupTableRow {
  key: string;
  label: string;
  href: string;
  apps: number;
  score: number | null;
  grade: Grade | null;
  verdicts: Record<Verdict, number>;
  verdictHrefs: Record<Verdict, string>;
}

type Key = 'label' | 'apps' | 'score' | Verdict;
const COLS: { key: Verdict; label: string }[] = [
  { key: 'notReady', label: 'Not ready' },
  { key: 'unknown', label: 'Unknown' },
  { key: 'readyWithConditions', label: 'With conditions' },
  { key: 'ready', label: 'Ready' },
];

/** A roll-up (by namespace, by team) as a sortable table; each number opens the apps it counts. */
export function RollupTable({ rows, keyLabel, caption, testId }: { rows: RollupTableRow[]; keyLabel: string; caption: string; testId?: string }) {
  const [sort, setSort] = useState<{ key: Key; dir: 'asc' | 'desc' }>({ key: 'score', dir: 'asc' });
  const sorted = useMemo(() => {
    const val = (r: RollupTableRow): number | string | null => (sort.key === 'label' ? r.label : sort.key === 'apps' ? r.apps : sort.key === 'score' ? r.score : r.verdicts[sort.key]);
    const sign = sort.dir === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = val(a);
      const y = val(b);
      if (x === null || y === null) return x === y ? a.label.localeCompare(b.label) : x === null ? 1 : -1;
      const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
      return sign * c || a.label.localeCompare(b.label);
    });
  }, [rows, sort]);
  const onSort = (key: Key) => setSort((s) => ({ key, dir: s.key === key ? (s.dir === 'asc' ? 'desc' : 'asc') : key === 'label' || key === 'score' ? 'asc' : 'desc' }));
  if (!rows.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No apps.</p>;
  return (
    <div className="max-h-96 overflow-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-white text-left text-xs text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <SortHeader label={keyLabel} active={sort.key === 'label'} dir={sort.dir} onClick={() => onSort('label')} />
            <SortHeader label="Apps" active={sort.key === 'apps'} dir={sort.dir} onClick={() => onSort('apps')} numeric />
            <SortHeader label="Score" active={sort.key === 'score'} dir={sort.dir} onClick={() => onSort('score')} numeric />
            <th scope="col" className="px-2 py-1.5 font-medium">
              Grade
            </th>
            {COLS.map((c) => (
              <SortHeader key={c.key} label={c.label} active={sort.key === c.key} dir={sort.dir} onClick={() => onSort(c.key)} numeric />
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.key} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="max-w-56 truncate px-2 py-1.5 text-left font-medium">
                <Link href={r.href} className="text-sky-700 hover:underline dark:text-sky-300">
                  {r.label}
                </Link>
              </th>
              <td className="px-2 py-1.5 text-right tabular-nums">
                <Link href={r.href} className="hover:underline">
                  {r.apps}
                </Link>
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">{formatScore(r.score)}</td>
              <td className="px-2 py-1.5">
                <GradeBadge grade={r.grade} />
              </td>
              {COLS.map((c) => (
                <td key={c.key} className="px-2 py-1.5 text-right tabular-nums">
                  {r.verdicts[c.key] ? (
                    <Link href={r.verdictHrefs[c.key]} className="text-sky-700 hover:underline dark:text-sky-300" aria-label={`${r.verdicts[c.key]} ${c.label.toLowerCase()} in ${r.label}`}>
                      {r.verdicts[c.key]}
                    </Link>
                  ) : (
                    <span className="text-slate-400 dark:text-slate-600">0</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
