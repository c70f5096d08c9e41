import type { Report } from './types';

/**
 * The report exactly as report-schema.md describes it (lib/report/report-schema.json validates it),
 * pretty-printed with a trailing newline. A Secret's value never reaches a report, so none can
 * reach this output: findings carry names and paths, never data.
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
