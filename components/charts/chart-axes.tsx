import { labelledIndexes } from '@/lib/views/progress-chart';

/** Shared geometry and axes of the time-series charts (one x position per scan, oldest left). */
export const CHART_H = 240;
const M = { left: 44, right: 14, top: 12, bottom: 40 };

export interface ChartPoint {
  /** Short axis label ("26 Nov"). */
  label: string;
  /** Full time for tooltips ("26 Nov 2026 10:00 UTC"). */
  title: string;
}

export interface Geometry {
  x: (i: number) => number;
  y: (v: number) => number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Width of one scan's column (hover targets). */
  step: number;
  width: number;
  height: number;
}

export function geometry(n: number, yTop: number, width: number, height = CHART_H): Geometry {
  const left = M.left;
  const right = width - M.right;
  const top = M.top;
  const bottom = height - M.bottom;
  const step = n > 1 ? (right - left) / (n - 1) : right - left;
  return {
    x: (i) => (n > 1 ? left + i * step : (left + right) / 2),
    y: (v) => bottom - (yTop > 0 ? (v / yTop) * (bottom - top) : 0),
    left,
    right,
    top,
    bottom,
    step,
    width,
    height,
  };
}

/** Y grid with tick labels, x labels (thinned), both axis titles. */
export function ChartAxes({ g, points, yTicks, yTitle, xTitle = 'Scan time (UTC)' }: { g: Geometry; points: ChartPoint[]; yTicks: number[]; yTitle: string; xTitle?: string }) {
  // About one label per 90 px: long date-time labels never overlap.
  const shown = labelledIndexes(points.length, Math.max(2, Math.floor((g.right - g.left) / 90)));
  return (
    <g aria-hidden="true">
      {yTicks.map((t) => (
        <g key={t}>
          <line x1={g.left} x2={g.right} y1={g.y(t)} y2={g.y(t)} className={t === 0 ? 'stroke-slate-400 dark:stroke-slate-500' : 'stroke-slate-200 dark:stroke-slate-800'} strokeWidth={1} />
          <text x={g.left - 6} y={g.y(t)} dy="0.32em" textAnchor="end" className="fill-slate-600 text-[11px] tabular-nums dark:fill-slate-400">
            {t}
          </text>
        </g>
      ))}
      <line x1={g.left} x2={g.left} y1={g.top} y2={g.bottom} className="stroke-slate-400 dark:stroke-slate-500" strokeWidth={1} />
      {shown.map((i) => (
        <g key={i}>
          <line x1={g.x(i)} x2={g.x(i)} y1={g.bottom} y2={g.bottom + 4} className="stroke-slate-400 dark:stroke-slate-500" strokeWidth={1} />
          <text
            x={g.x(i)}
            y={g.bottom + 16}
            textAnchor={points.length > 1 && i === 0 ? 'start' : points.length > 1 && i === points.length - 1 ? 'end' : 'middle'}
            className="fill-slate-600 text-[11px] dark:fill-slate-400"
          >
            {points[i]!.label}
          </text>
        </g>
      ))}
      <text x={(g.left + g.right) / 2} y={g.height - 4} textAnchor="middle" className="fill-slate-600 text-[11px] dark:fill-slate-400" data-axis="x">
        {xTitle}
      </text>
      <text transform={`translate(12 ${(g.top + g.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="fill-slate-600 text-[11px] dark:fill-slate-400" data-axis="y">
        {yTitle}
      </text>
    </g>
  );
}

/** A transparent column per scan: its <title> is the tooltip listing every series at that scan. */
export function HoverColumns({ g, points, titles }: { g: Geometry; points: ChartPoint[]; titles: string[] }) {
  return (
    <g>
      {points.map((p, i) => {
        const w = points.length > 1 ? g.step : g.right - g.left;
        const x = Math.max(g.left, g.x(i) - w / 2);
        const x2 = Math.min(g.right, g.x(i) + w / 2);
        return (
          <rect key={i} x={x} y={g.top} width={Math.max(1, x2 - x)} height={g.bottom - g.top} fill="transparent" className="hover:fill-slate-500/10" data-point={i}>
            <title>{`${p.title}\n${titles[i] ?? ''}`}</title>
          </rect>
        );
      })}
    </g>
  );
}

export interface LegendItem {
  key: string;
  label: string;
  /** Tailwind background class of the swatch. */
  swatch: string;
  /** Stroke class and dash of a line series (the legend then shows a line). */
  stroke?: string;
  dash?: string;
  value?: string;
}

export function ChartLegend({ items, label }: { items: LegendItem[]; label: string }) {
  return (
    <ul aria-label={label} className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs" data-testid="chart-legend">
      {items.map((it) => (
        <li key={it.key} className="flex items-center gap-1.5">
          {it.stroke ? (
            <svg aria-hidden="true" width="20" height="8" viewBox="0 0 20 8">
              <line x1="1" x2="19" y1="4" y2="4" strokeWidth="2.5" strokeDasharray={it.dash} className={it.stroke} />
            </svg>
          ) : (
            <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${it.swatch}`} />
          )}
          <span>{it.label}</span>
          {it.value !== undefined && <span className="font-semibold tabular-nums">{it.value}</span>}
        </li>
      ))}
    </ul>
  );
}
