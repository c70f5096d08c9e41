'use client';
import { niceTicks } from '@/lib/views/progress-chart';
import { CHART_H, ChartAxes, ChartLegend, geometry, HoverColumns, type ChartPoint } from './chart-axes';
import { useChartWidth } from './use-chart-width';

export interface LineSeries {
  key: string;
  label: string;
  /** Tailwind stroke class of the line (SVG). */
  stroke: string;
  /** Tailwind fill class of the points. */
  fill: string;
  /** Tailwind background class of the legend swatch. */
  swatch: string;
  /** Dash pattern: lines stay apart without colour. */
  dash?: string;
  values: (number | null)[];
}

const fmt = (v: number | null) => (v === null ? 'n/a' : String(Math.round(v * 10) / 10));

/**
 * Lines over the scans (a gap where a value is missing), a dot per point with its own tooltip,
 * and a column tooltip per scan listing every series. `yMax` fixes the top (scores: 100).
 */
export function LineChart({ points, series, label, yTitle, yMax, testId }: { points: ChartPoint[]; series: LineSeries[]; label: string; yTitle: string; yMax?: number; testId?: string }) {
  const max = yMax ?? Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const ticks = yMax ? [0, 25, 50, 75, 100].filter((t) => t <= yMax) : niceTicks(max);
  const [ref, width] = useChartWidth();
  const g = geometry(points.length, yMax ?? ticks.at(-1)!, width);
  const last = points.length - 1;
  const path = (values: (number | null)[]) => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${g.x(i).toFixed(1)} ${g.y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const titles = points.map((_, i) => series.map((s) => `${s.label}: ${fmt(s.values[i] ?? null)}`).join('\n'));
  const summary = `${label}. ${points.length} scans from ${points[0]?.title ?? ''} to ${points[last]?.title ?? ''}. Newest: ${series.map((s) => `${s.label} ${fmt(s.values[last] ?? null)}`).join(', ')}.`;
  return (
    <figure ref={ref} className="min-w-0" data-testid={testId} data-points={points.length}>
      <svg viewBox={`0 0 ${width} ${CHART_H}`} className="block h-auto w-full" role="img" aria-label={summary}>
        <ChartAxes g={g} points={points} yTicks={ticks} yTitle={yTitle} />
        <HoverColumns g={g} points={points} titles={titles} />
        {series.map((s) => (
          <g key={s.key} data-series={s.key}>
            <path d={path(s.values)} fill="none" className={s.stroke} strokeWidth={2} strokeDasharray={s.dash} strokeLinejoin="round" aria-hidden="true" />
            {s.values.map((v, i) =>
              v === null ? null : (
                <circle key={i} cx={g.x(i)} cy={g.y(v)} r={3.5} className={`${s.fill} stroke-white dark:stroke-slate-900`} strokeWidth={1}>
                  <title>{`${s.label}, ${points[i]!.title}: ${fmt(v)}`}</title>
                </circle>
              ),
            )}
          </g>
        ))}
      </svg>
      <ChartLegend label={`${label}: legend (newest scan)`} items={series.map((s) => ({ key: s.key, label: s.label, swatch: s.swatch, stroke: s.stroke, dash: s.dash, value: fmt(s.values[last] ?? null) }))} />
    </figure>
  );
}
