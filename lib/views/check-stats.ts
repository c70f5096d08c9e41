import type { Report } from '../report/types';

export interface CheckStats {
  fail: number;
  pass: number;
  notApplicable: number;
  exempt: number;
  /** Apps with at least one failing finding of the check. */
  failingApps: number;
}

/** Per check: findings by status and apps failing, across a report. */
export function checkStatsOf(report: Report): Map<string, CheckStats> {
  const out = new Map<string, CheckStats>();
  for (const a of report.apps) {
    const failedHere = new Set<string>();
    for (const f of a.findings) {
      let s = out.get(f.check);
      if (!s) out.set(f.check, (s = { fail: 0, pass: 0, notApplicable: 0, exempt: 0, failingApps: 0 }));
      s[f.status]++;
      if (f.status === 'fail' && !failedHere.has(f.check)) {
        failedHere.add(f.check);
        s.failingApps++;
      }
    }
  }
  return out;
}
