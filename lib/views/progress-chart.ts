/**
 * Pure helpers of the time-series charts (client components too, so no imports): scan times as axis
 * labels and tooltips, y ticks, label thinning, stacking.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
const timeOf = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

/** A scan time in full, for tooltips and tables (UTC: the server and the browser agree). */
export function formatScanTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${dayOf(d)} ${d.getUTCFullYear()} ${timeOf(d)} UTC`;
}

/**
 * Short x-axis labels for scan times: the day when every scan is on its own day, the time when
 * all are on one day, else both (several scans a day would otherwise repeat a label).
 */
export function axisLabels(isos: readonly string[]): string[] {
  const dates = isos.map((i) => new Date(i));
  const days = dates.map(dayOf);
  if (new Set(days).size === days.length) return days;
  if (new Set(days).size === 1) {
    const times = dates.map(timeOf);
    if (new Set(times).size === times.length) return times;
    return dates.map((d) => `${timeOf(d)}:${pad(d.getUTCSeconds())}`);
  }
  return dates.map((d) => `${dayOf(d)} ${timeOf(d)}`);
}

/** Which of n x positions get a label: at most `max`, evenly spread, always the first and the last. */
export function labelledIndexes(n: number, max = 6): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 0; k < max; k++) out.add(Math.round((k * (n - 1)) / (max - 1)));
  return [...out].sort((a, b) => a - b);
}

/** Round y-axis ticks from 0 to a "nice" top at or above max (1, 2, 5 × 10^k steps). */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag);
  const step1 = Math.max(1, step);
  const top = Math.ceil(max / step1) * step1;
  const ticks: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step1) ticks.push(Math.round(v * 1000) / 1000);
  return ticks;
}

/** Stacks series (bottom first): for each series and x, the [lower, upper] band. */
export function stackBands(series: readonly (readonly number[])[]): [number, number][][] {
  const n = Math.max(0, ...series.map((s) => s.length));
  const base = new Array<number>(n).fill(0);
  return series.map((s) =>
    Array.from({ length: n }, (_, i) => {
      const lo = base[i]!;
      const hi = lo + (s[i] ?? 0);
      base[i] = hi;
      return [lo, hi] as [number, number];
    }),
  );
}

/** "+3" / "−2" / "±0": a change between two numbers for a caption. */
export function signed(delta: number): string {
  const r = Math.round(delta * 10) / 10;
  if (r > 0) return `+${r}`;
  if (r < 0) return `−${Math.abs(r)}`;
  return '±0';
}
