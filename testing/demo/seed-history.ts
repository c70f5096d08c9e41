import { TOPICS, type Finding, type Topic } from '../../lib/checks/types';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { rollupsOf, summaryOf } from '../../lib/report/build-report';
import type { AppReport, Report, ReportTopicScore } from '../../lib/report/types';
import { appScore, gradeOf, topicScores, verdictOf } from '../../lib/scoring/score';
import { listScans, saveScan, type Store } from '../../lib/store';

/**
 * Synthetic past scans for the demo, so the progress views have a trend on first start (the demo
 * store starts empty). Derived from a real report: in the scan k days back, a passing finding
 * failed when a hash of it falls under 2.5 % × k (so the fleet improves day by day, and a fix
 * stays fixed), and a few of today's warnings did not fail yet (today's "new since last scan").
 * Deterministic: the same report gives the same history.
 */
export interface SeedOptions {
  /** How many daily scans before the report's own (default 8). */
  days?: number;
  /** Share of passing findings that failed per day back (default 0.025). */
  perDay?: number;
}

const REGRESSION_SHARE = 0.12;

/** FNV-1a of a string, as a fraction in [0, 1). */
function hashFraction(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

const findingKey = (app: AppReport, f: Finding) => `${app.id}\u0000${f.check}\u0000${f.container ?? ''}`;

/** The status a finding had `daysBack` days before the report. */
function pastStatus(app: AppReport, f: Finding, daysBack: number, perDay: number): Finding['status'] {
  const h = hashFraction(findingKey(app, f));
  if (f.status === 'pass' && h < perDay * daysBack) return 'fail';
  // Today's regressions: warnings and infos that only started failing in the report's scan.
  if (f.status === 'fail' && f.severity !== 'critical' && hashFraction(`new\u0000${findingKey(app, f)}`) < REGRESSION_SHARE) return 'pass';
  return f.status;
}

function pastApp(app: AppReport, daysBack: number, perDay: number): AppReport {
  const findings = app.findings.map((f): Finding => {
    const status = pastStatus(app, f, daysBack, perDay);
    if (status === f.status) return f;
    return status === 'fail'
      ? { ...f, status, message: `${f.check} failed in this earlier scan (synthetic demo history)`, fix: null }
      : { ...f, status, message: `${f.check} passed in this earlier scan (synthetic demo history)`, fix: null };
  });
  if (findings.every((f, i) => f === app.findings[i])) return app;
  const scores = topicScores(findings, DEFAULT_CONFIG.weights);
  const topics = Object.fromEntries(
    TOPICS.map((t): [Topic, ReportTopicScore] => {
      const { weight: _weight, ...rest } = scores[t];
      return [t, rest];
    }),
  ) as Record<Topic, ReportTopicScore>;
  const score = appScore(scores);
  const v = app.verdict === 'unknown' && verdictOf(findings).verdict !== 'notReady' ? { verdict: app.verdict, reason: app.verdictReason } : verdictOf(findings);
  return { ...app, findings, topics, score, grade: gradeOf(score), verdict: v.verdict, verdictReason: v.reason };
}

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

/** The report as the scan `daysBack` days before it would have written it. */
export function pastReport(report: Report, daysBack: number, perDay = 0.025): Report {
  const shift = (iso: string) => new Date(new Date(iso).getTime() - daysBack * 86_400_000).toISOString();
  const apps = report.apps.map((a) => pastApp(a, daysBack, perDay));
  const finishedAt = shift(report.finishedAt);
  return {
    ...report,
    scanId: `scan-${compact(finishedAt)}-hist${String(daysBack).padStart(2, '0')}`,
    startedAt: shift(report.startedAt),
    finishedAt,
    summary: summaryOf(apps),
    apps,
    rollups: rollupsOf(apps),
  };
}

/**
 * Saves `days` backdated scans before today's (oldest first): scan k days back is `pastReport` of
 * `report` — or, when the fleet looked different then (other versions running), of `report(k)`,
 * today's scan of that earlier state. Does nothing when the store already holds a scan finished
 * before today's (a second demo start keeps its history). Returns the IDs saved.
 */
export async function seedDemoHistory(store: Store, report: Report | ((daysBack: number) => Report), opts: SeedOptions = {}): Promise<string[]> {
  const days = opts.days ?? 8;
  const reportOf = typeof report === 'function' ? report : () => report;
  const saved: string[] = [];
  for (let k = days; k >= 1; k--) {
    const today = reportOf(k);
    if (k === days && (await listScans(store, { limit: 1000 })).some((s) => s.finishedAt < today.finishedAt)) return [];
    const past = pastReport(today, k, opts.perDay);
    await saveScan(store, past);
    saved.push(past.scanId);
  }
  return saved;
}
