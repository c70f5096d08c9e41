import { formatAmount, formatShare, type CapacityRow } from '@/lib/views/fleet-view';

/**
 * Capacity per cluster as horizontal bars: what pods already request, and what is free, out of the
 * allocatable total — CPU and memory side by side, on one scale each, so a 1:10 difference between
 * two regions is visible at a glance. The table under it carries the same numbers for screen readers.
 */
type Resource = 'cpu' | 'memory';

const UNIT: Record<Resource, string> = { cpu: 'cores', memory: 'GiB' };
const TITLE: Record<Resource, string> = { cpu: 'CPU (cores)', memory: 'Memory (GiB)' };

/** "Nice" axis ticks: 0 and 4–6 round steps up to the max. */
export function axisTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 5;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step * 0.001; t += step) ticks.push(Math.round(t * 1000) / 1000);
  if (ticks[ticks.length - 1]! < max) ticks.push(Math.round((ticks[ticks.length - 1]! + step) * 1000) / 1000);
  return ticks;
}

function Bars({ rows, resource }: { rows: CapacityRow[]; resource: Resource }) {
  const labelW = 96;
  const plotW = 300;
  const rowH = 30;
  const top = 8;
  const axisH = 22;
  const ticks = axisTicks(Math.max(...rows.map((r) => r[resource].allocatable), 0));
  const max = ticks[ticks.length - 1]!;
  const x = (v: number) => labelW + (plotW * v) / max;
  const height = top + rows.length * rowH + axisH;
  const unit = UNIT[resource];
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-sm font-semibold">{TITLE[resource]}</figcaption>
      <svg viewBox={`0 0 ${labelW + plotW + 48} ${height}`} className="h-auto w-full max-w-xl" role="img" aria-label={`${TITLE[resource]} per cluster: ${rows.map((r) => `${r.cluster} ${formatAmount(r[resource].allocatable, unit)} allocatable, ${formatAmount(r[resource].requested, unit)} requested`).join('; ')}`}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top - 4} y2={top + rows.length * rowH} className="stroke-slate-200 dark:stroke-slate-700" strokeWidth="1" />
            <text x={x(t)} y={height - 6} textAnchor="middle" className="fill-slate-600 text-[10px] dark:fill-slate-400">
              {t.toLocaleString('en-US')}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = top + i * rowH + 5;
          const v = r[resource];
          const share = resource === 'cpu' ? r.cpuShare : r.memoryShare;
          return (
            <g key={r.cluster} data-testid={`capacity-bar-${resource}-${r.cluster}`}>
              <text x={labelW - 6} y={y + 11} textAnchor="end" className="fill-slate-800 text-[11px] dark:fill-slate-200">
                {r.cluster.length > 14 ? `${r.cluster.slice(0, 13)}…` : r.cluster}
              </text>
              <rect x={x(0)} y={y} width={Math.max(0, x(v.requested) - x(0))} height={16} className="fill-sky-700 dark:fill-sky-400">
                <title>{`${r.cluster}: ${formatAmount(v.requested, unit)} requested by pods`}</title>
              </rect>
              <rect x={x(v.requested)} y={y} width={Math.max(0, x(v.allocatable) - x(v.requested))} height={16} className="fill-sky-200 dark:fill-sky-900">
                <title>{`${r.cluster}: ${formatAmount(v.free, unit)} free of ${formatAmount(v.allocatable, unit)} allocatable (${formatShare(share)} of the fleet)`}</title>
              </rect>
              <text x={x(v.allocatable) + 4} y={y + 12} className="fill-slate-700 text-[10px] dark:fill-slate-300">
                {formatShare(share)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function CapacityChart({ rows }: { rows: CapacityRow[] }) {
  return (
    <div className="space-y-3" data-testid="capacity-chart">
      <ul aria-label="Legend" className="flex flex-wrap gap-4 text-xs text-slate-700 dark:text-slate-300">
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-sky-700 dark:bg-sky-400" /> requested by pods
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-sky-200 dark:bg-sky-900" /> free (allocatable − requested)
        </li>
        <li>% = the cluster&apos;s share of the fleet&apos;s allocatable capacity</li>
      </ul>
      <div className="grid gap-4 lg:grid-cols-2">
        <Bars rows={rows} resource="cpu" />
        <Bars rows={rows} resource="memory" />
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm" data-testid="capacity-table">
          <caption className="sr-only">Capacity per cluster</caption>
          <thead className="text-xs text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">Cluster</th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">Nodes</th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">CPU allocatable</th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">requested</th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">free</th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">Memory allocatable</th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">free</th>
              <th scope="col" className="py-1 text-right font-medium">CPU share</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.cluster} className="border-t border-slate-100 dark:border-slate-800" data-testid="capacity-row">
                <th scope="row" className="py-1 pr-2 font-medium">
                  {r.cluster}
                  {r.unknown && <span className="block text-xs font-normal text-amber-800 dark:text-amber-300">{r.unknown}</span>}
                </th>
                <td className="py-1 pr-2 text-right tabular-nums" title={`${r.schedulableNodes} ready and schedulable of ${r.nodes}`}>
                  {r.schedulableNodes === r.nodes ? r.nodes : `${r.schedulableNodes} / ${r.nodes}`}
                </td>
                <td className="py-1 pr-2 text-right tabular-nums">{formatAmount(r.cpu.allocatable, 'cores')}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{formatAmount(r.cpu.requested, 'cores')}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{formatAmount(r.cpu.free, 'cores')}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{formatAmount(r.memory.allocatable, 'GiB')}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{formatAmount(r.memory.free, 'GiB')}</td>
                <td className="py-1 text-right font-semibold tabular-nums" data-testid="capacity-share">{formatShare(r.cpuShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
