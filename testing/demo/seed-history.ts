import { TOPICS, type Finding, type Topic } from '../../lib/checks/types';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { rollupsOf, summaryOf } from '../../lib/report/build-report';
import type { AppReport, Report, ReportTopicScore } from '../../lib/report/types';
import { appScore, gradeOf, topicScores, verdictOf } from '../../lib/scoring/score';
import { listScans, openStore, saveScan, type Store, type StoreOptions } from '../../lib/store';

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
 * Saves `days` backdated scans before `report` (oldest first). Does nothing when the store already
 * holds a scan finished before the report (a second demo start keeps its history). Returns the IDs saved.
 */
export async function seedDemoHistory(store: Store, report: Report, opts: SeedOptions = {}): Promise<string[]> {
  const days = opts.days ?? 8;
  const older = await listScans(store, { limit: 1000 });
  if (older.some((s) => s.finishedAt < report.finishedAt)) return [];
  const saved: string[] = [];
  for (let k = days; k >= 1; k--) {
    const past = pastReport(report, k, opts.perDay);
    await saveScan(store, past);
    saved.push(past.scanId);
  }
  return saved;
}

/**
 * For scripts/demo.ts: waits until the dashboard at `url` shows a finished scan, reads its report
 * and seeds the history before it in the store the dashboard uses. Never throws (logs instead).
 */
export async function seedDemoHistoryFromDashboard(opts: { url: string; store: StoreOptions; days?: number; log?: (m: string) => void; timeoutMs?: number }): Promise<string[]> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  try {
    let id: string | null = null;
    while (!id && Date.now() < deadline) {
      try {
        id = ((await (await fetch(`${opts.url}/api/healthz`)).json()) as { currentScan: string | null }).currentScan;
      } catch {
        // not listening yet
      }
      if (!id) await new Promise((r) => setTimeout(r, 500));
    }
    if (!id) throw new Error('no scan finished in time');
    const body = (await (await fetch(`${opts.url}/api/scans/${encodeURIComponent(id)}`)).json()) as Report & Record<string, unknown>;
    const { status: _s, durationMs: _d, progress: _p, scan: _scan, ...report } = body;
    const store = await openStore(opts.store);
    try {
      const ids = await seedDemoHistory(store, report as Report, { days: opts.days });
      if (ids.length) log(`drydock demo: seeded ${ids.length} past scans before ${id} (synthetic history for the progress views)`);
      return ids;
    } finally {
      await store.close();
    }
  } catch (e) {
    log(`drydock demo: cannot seed the demo history: ${(e as Error).message}`);
    return [];
  }
}
