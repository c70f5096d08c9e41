import { LineChart, type LineSeries } from '@/components/charts/line-chart';
import { StackedAreaChart, type StackSeries } from '@/components/charts/stacked-area-chart';
import type { ChartPoint } from '@/components/charts/chart-axes';
import { TOPICS, TOPIC_TITLES, type Topic } from '@/lib/checks/types';
import type { Verdict } from '@/lib/scoring/score';
import type { BurnDownPoint, TopicPoint, VerdictPoint } from '@/lib/store/progress';
import { VERDICT_TITLES } from '@/lib/views/app-filters';
import { axisLabels, formatScanTime, signed } from '@/lib/views/progress-chart';
import { Card } from '../ui/card';

/** Bottom band first: ready apps form the base, not-ready ones sit on top (the part to shrink). */
const STACK: { v: Verdict; fill: string; swatch: string }[] = [
  { v: 'ready', fill: 'fill-emerald-500', swatch: 'bg-emerald-500' },
  { v: 'readyWithConditions', fill: 'fill-amber-400', swatch: 'bg-amber-400' },
  { v: 'unknown', fill: 'fill-violet-500', swatch: 'bg-violet-500' },
  { v: 'notReady', fill: 'fill-red-500', swatch: 'bg-red-500' },
];

/** A colour and a dash per topic: eight lines stay apart without relying on colour alone. */
const TOPIC_STYLE: Record<Topic, { stroke: string; fill: string; swatch: string; dash?: string }> = {
  probes: { stroke: 'stroke-sky-500', fill: 'fill-sky-500', swatch: 'bg-sky-500' },
  resources: { stroke: 'stroke-emerald-500', fill: 'fill-emerald-500', swatch: 'bg-emerald-500', dash: '6 3' },
  storage: { stroke: 'stroke-amber-500', fill: 'fill-amber-500', swatch: 'bg-amber-500', dash: '2 3' },
  config: { stroke: 'stroke-violet-500', fill: 'fill-violet-500', swatch: 'bg-violet-500', dash: '8 3 2 3' },
  dns: { stroke: 'stroke-pink-500', fill: 'fill-pink-500', swatch: 'bg-pink-500' },
  availability: { stroke: 'stroke-teal-500', fill: 'fill-teal-500', swatch: 'bg-teal-500', dash: '6 3' },
  security: { stroke: 'stroke-red-500', fill: 'fill-red-500', swatch: 'bg-red-500', dash: '2 3' },
  images: { stroke: 'stroke-orange-500', fill: 'fill-orange-500', swatch: 'bg-orange-500', dash: '8 3 2 3' },
};

const pointsOf = (xs: { finishedAt: string }[]): ChartPoint[] => {
  const labels = axisLabels(xs.map((x) => x.finishedAt));
  return xs.map((x, i) => ({ label: labels[i]!, title: formatScanTime(x.finishedAt) }));
};

export function VerdictTrend({ points, label }: { points: VerdictPoint[]; label: string }) {
  const series: StackSeries[] = STACK.map((s) => ({ key: s.v, label: VERDICT_TITLES[s.v], fill: s.fill, swatch: s.swatch, values: points.map((p) => p.verdicts[s.v]) }));
  const first = points[0]!;
  const last = points.at(-1)!;
  return (
    <Card title="Readiness over time" id="verdict-trend" className="lg:col-span-2">
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
        Apps of {label} by verdict, one point per scan. Not ready: {first.verdicts.notReady} → {last.verdicts.notReady} ({signed(last.verdicts.notReady - first.verdicts.notReady)}); ready:{' '}
        {first.verdicts.ready} → {last.verdicts.ready}.
      </p>
      <StackedAreaChart points={pointsOf(points)} series={series} label={`Readiness verdicts of ${label} per scan`} yTitle="Apps" testId="verdict-chart" />
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer font-medium">Show the numbers</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left tabular-nums" data-testid="verdict-table">
            <caption className="sr-only">Readiness verdicts per scan</caption>
            <thead className="text-xs text-slate-600 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1 pr-2 font-medium">Scan</th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">Apps</th>
                {STACK.map((s) => (
                  <th key={s.v} scope="col" className="py-1 pr-2 text-right font-medium">
                    {VERDICT_TITLES[s.v]}
                  </th>
                ))}
                <th scope="col" className="py-1 text-right font-medium">Mean score</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.scanId} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-1 pr-2 font-normal" title={p.scanId}>
                    {formatScanTime(p.finishedAt)}
                  </th>
                  <td className="py-1 pr-2 text-right">{p.apps}</td>
                  {STACK.map((s) => (
                    <td key={s.v} className="py-1 pr-2 text-right">
                      {p.verdicts[s.v]}
                    </td>
                  ))}
                  <td className="py-1 text-right">{p.score ?? 'n/a'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Card>
  );
}

export function BurnDown({ points, label }: { points: BurnDownPoint[]; label: string }) {
  const first = points[0]!;
  const last = points.at(-1)!;
  const series: LineSeries[] = [
    { key: 'critical', label: 'Critical', stroke: 'stroke-red-500', fill: 'fill-red-500', swatch: 'bg-red-500', values: points.map((p) => p.critical) },
    { key: 'warning', label: 'Warning', stroke: 'stroke-amber-500', fill: 'fill-amber-500', swatch: 'bg-amber-500', dash: '6 3', values: points.map((p) => p.warning) },
  ];
  return (
    <Card title="Critical findings burn-down" id="burn-down">
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
        Failing critical findings in {label}: {first.critical} → <span className="font-semibold text-slate-900 dark:text-slate-100">{last.critical}</span> ({signed(last.critical - first.critical)}); warnings {first.warning} → {last.warning}. Accepted risks do not count.
      </p>
      <LineChart points={pointsOf(points)} series={series} label={`Failing findings of ${label} per scan`} yTitle="Failing findings" testId="burn-down-chart" />
    </Card>
  );
}

export function TopicTrend({ points, label }: { points: TopicPoint[]; label: string }) {
  const series: LineSeries[] = TOPICS.map((t) => ({ key: t, label: TOPIC_TITLES[t], ...TOPIC_STYLE[t], values: points.map((p) => p.topics[t]) }));
  return (
    <Card title="Score by topic" id="topic-trend" className="lg:col-span-3">
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">The mean score of the apps of {label} in each topic, per scan (0–100; a gap: nothing in the topic applied).</p>
      <LineChart points={pointsOf(points)} series={series} label={`Topic scores of ${label} per scan`} yTitle="Score" yMax={100} testId="topic-chart" />
    </Card>
  );
}
