import { formatShare } from '@/lib/views/fleet-view';

/**
 * One member's replica share against its cluster's capacity share, as two thin bars on a 0–100 %
 * scale (the first red when the two are more than 2× apart), with the recommended share as a tick.
 */
export function ShareBars({ cluster, replicaShare, cpuShare, recommendedShare, overLimit }: { cluster: string; replicaShare: number | null; cpuShare: number | null; recommendedShare: number | null; overLimit: boolean }) {
  const w = 140;
  const pos = (s: number | null) => (s === null ? 0 : Math.max(0, Math.min(1, s)) * w);
  const label = `${cluster}: ${formatShare(replicaShare)} of the replicas, ${formatShare(cpuShare)} of the capacity${recommendedShare !== null ? `, ${formatShare(recommendedShare)} recommended` : ''}`;
  return (
    <svg viewBox={`0 0 ${w + 2} 24`} width={w + 2} height={24} role="img" aria-label={label} className="shrink-0">
      <title>{label}</title>
      <rect x={1} y={2} width={w} height={20} className="fill-slate-100 dark:fill-slate-800" />
      <rect x={1} y={3} width={pos(replicaShare)} height={8} className={overLimit ? 'fill-red-600 dark:fill-red-400' : 'fill-sky-700 dark:fill-sky-400'} />
      <rect x={1} y={13} width={pos(cpuShare)} height={8} className="fill-slate-500 dark:fill-slate-400" />
      {recommendedShare !== null && <line x1={1 + pos(recommendedShare)} x2={1 + pos(recommendedShare)} y1={0} y2={24} strokeWidth={2} strokeDasharray="3 2" className="stroke-emerald-700 dark:stroke-emerald-300" />}
    </svg>
  );
}

export function ShareLegend() {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-4 text-xs text-slate-700 dark:text-slate-300">
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block h-2 w-4 rounded-sm bg-sky-700 dark:bg-sky-400" /> share of the app&apos;s replicas
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block h-2 w-4 rounded-sm bg-red-600 dark:bg-red-400" /> … more than 2× off capacity
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block h-2 w-4 rounded-sm bg-slate-500 dark:bg-slate-400" /> cluster&apos;s share of the fleet&apos;s CPU
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block h-3 w-0 border-l-2 border-dashed border-emerald-700 dark:border-emerald-300" /> recommended share
      </li>
    </ul>
  );
}
