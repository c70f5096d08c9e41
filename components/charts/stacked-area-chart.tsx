'use client';
import { niceTicks, stackBands } from '@/lib/views/progress-chart';
import { CHART_H, ChartAxes, ChartLegend, geometry, HoverColumns, type ChartPoint } from './chart-axes';
import { useChartWidth } from './use-chart-width';

export interface StackSeries {
  key: string;
  label: string;
  /** Tailwind fill class of the band (SVG). */
  fill: string;
  /** Tailwind background class of the legend swatch. */
  swatch: string;
  values: number[];
}

/**
 * Counts stacked per scan (bottom series first), as areas: the total height is every app, each band
 * one verdict. Every scan's column carries a tooltip with all counts; the legend shows the newest.
 */
export function StackedAreaChart({ points, series, label, yTitle, testId }: { points: ChartPoint[]; series: StackSeries[]; label: string; yTitle: string; testId?: string }) {
  const bands = stackBands(series.map((s) => s.values));
  const totals = points.map((_, i) => series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const ticks = niceTicks(Math.max(1, ...totals));
  const [ref, width] = useChartWidth();
  const g = geometry(points.length, ticks.at(-1)!, width);
  const last = points.length - 1;
  const area = (band: [number, number][]) => {
    if (points.length === 1) {
      // One scan: a bar-like block so it is still visible.
      const [lo, hi] = band[0]!;
      const w = 24;
      return `M${g.x(0) - w} ${g.y(hi)}H${g.x(0) + w}V${g.y(lo)}H${g.x(0) - w}Z`;
    }
    const top = band.map(([, hi], i) => `${i ? 'L' : 'M'}${g.x(i).toFixed(1)} ${g.y(hi).toFixed(1)}`).join('');
    const bottom = band.map(([lo], i) => [i, lo] as const).reverse().map(([i, lo]) => `L${g.x(i).toFixed(1)} ${g.y(lo).toFixed(1)}`).join('');
    return `${top}${bottom}Z`;
  };
  const titles = points.map((_, i) => `${series.map((s) => `${s.label}: ${s.values[i] ?? 0}`).join('\n')}\nTotal: ${totals[i]}`);
  const summary = `${label}. ${points.length} scans from ${points[0]?.title ?? ''} to ${points[last]?.title ?? ''}. Newest: ${series.map((s) => `${s.values[last] ?? 0} ${s.label.toLowerCase()}`).join(', ')}.`;
  return (
    <figure ref={ref} className="min-w-0" data-testid={testId} data-points={points.length}>
      <svg viewBox={`0 0 ${width} ${CHART_H}`} className="block h-auto w-full" role="img" aria-label={summary}>
        <ChartAxes g={g} points={points} yTicks={ticks} yTitle={yTitle} />
        <g aria-hidden="true">
          {series.map((s, k) => (
            <path key={s.key} d={area(bands[k]!)} className={`${s.fill} stroke-white dark:stroke-slate-900`} strokeWidth={0.75} data-series={s.key} />
          ))}
        </g>
        <HoverColumns g={g} points={points} titles={titles} />
      </svg>
      <ChartLegend label={`${label}: legend (newest scan)`} items={series.map((s) => ({ key: s.key, label: s.label, swatch: s.swatch, value: String(s.values[last] ?? 0) }))} />
    </figure>
  );
}
