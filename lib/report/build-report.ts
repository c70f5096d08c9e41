import { buildApps } from '../apps/build-apps';
import type { App } from '../apps/types';
import { checkContextFor, evaluateApp, ExemptionMatcher } from '../checks/evaluate';
import { CHECKS } from '../checks/registry';
import { releaseAppMemos } from '../checks/helpers/app-memos';
import { materializeFix } from '../checks/helpers/fix';
import { TOPICS, type Check, type Topic } from '../checks/types';
import type { DrydockConfig, ExemptionRecord } from '../config/types';
import { dataPlacement } from '../facts/data-placement';
import { effectiveQosClass, observedQosClass } from '../facts/qos';
import { buildFleetStage } from '../fleet/build-fleet';
import { appScore, emptyVerdictCounts, gradeOf, meanScore, topicScores, verdictOf } from '../scoring/score';
import type { Snapshot } from '../snapshot/types';
import { SCHEMA_VERSION, type AppReport, type Report, type RollupRow } from './types';

export interface ScanOptions {
  config: DrydockConfig;
  now?: Date;
  scanId?: string;
  startedAt?: Date;
  /** When the scan finished (defaults to `now`, which is also the clock for exemption expiry). */
  finishedAt?: Date;
  checks?: readonly Check[];
  extraExemptions?: ExemptionRecord[];
  /**
   * Derive every fix's JSON Patch and strategic merge partial before returning (the patch stage).
   * Default false: each fix derives its patches when first read (a renderer, JSON.stringify, the
   * scorecard), so a scan that only needs scores never pays for them (lib/checks/helpers/fix.ts lazyFix).
   */
  materializeFixes?: boolean;
}

/** The pure pipeline: snapshot → apps → findings → scores → report. */
export function buildReport(snapshot: Snapshot, opts: ScanOptions): Report {
  const run = startReport(snapshot, opts);
  for (let i = 0; i < run.count; i++) run.appAt(i);
  return run.finish();
}

/**
 * buildReport for a server that must keep answering while it scores: the same report, built app by
 * app with a turn of the event loop every `yieldEveryMs` of work. A 10,000-workload cluster takes
 * seconds to score; done in one go, every page, API call and health probe of the dashboard would
 * wait that long. (Building the apps themselves, before the first app is scored, is one step.)
 */
export async function buildReportYielding(
  snapshot: Snapshot,
  opts: ScanOptions & { yieldEveryMs?: number; onProgress?: (scored: number, apps: number) => void },
): Promise<Report> {
  const budget = opts.yieldEveryMs ?? 50;
  const run = startReport(snapshot, opts);
  opts.onProgress?.(0, run.count);
  let sliceStart = performance.now();
  for (let i = 0; i < run.count; i++) {
    run.appAt(i);
    if (performance.now() - sliceStart >= budget) {
      opts.onProgress?.(i + 1, run.count);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
  opts.onProgress?.(run.count, run.count);
  return run.finish();
}

/** One report in the making: its apps are scored one at a time (appAt, in order), then finish() assembles it. */
function startReport(snapshot: Snapshot, opts: ScanOptions): { count: number; appAt(i: number): void; finish(): Report } {
  const now = opts.now ?? new Date();
  const startedAt = opts.startedAt ?? now;
  const { apps, unreadKinds } = buildApps(snapshot, opts.config);
  const matcher = new ExemptionMatcher(opts.config, now, opts.extraExemptions);
  const fleet = buildFleetStage(snapshot, apps, opts.config);
  const contexts = new Map<string, ReturnType<typeof checkContextFor>>();
  const materialize = opts.materializeFixes === true;
  const pending: (App | undefined)[] = apps;
  const appReports: AppReport[] = new Array(apps.length);
  const appAt = (i: number): void => {
    const app = pending[i]!;
    // Nothing reads an app after its report is built: dropping it here lets its per-app caches
    // (keyed by the App in WeakMaps) go as the scan proceeds instead of all at the end.
    pending[i] = undefined;
    const key = `${app.cluster}\u0000${app.namespace}`;
    let ctx = contexts.get(key);
    if (!ctx) {
      ctx = checkContextFor(snapshot, app.cluster, app.namespace, opts.config);
      if (fleet.context) ctx.fleet = fleet.context;
      contexts.set(key, ctx);
    }
    const r = appReport(app, evaluateApp(app, ctx, matcher, opts.checks ?? CHECKS), opts.config);
    const version = fleet.versions.get(app.id);
    if (version) r.version = version;
    // The eager patch stage, app by app: what a pending fix holds goes before the next app's is built.
    if (materialize) for (const f of r.findings) if (f.fix) materializeFix(f.fix);
    releaseAppMemos(app);
    appReports[i] = r;
  };
  const finish = (): Report => {
    const report: Report = {
      schemaVersion: SCHEMA_VERSION,
      scanId: opts.scanId ?? newScanId(startedAt),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date(Math.max((opts.finishedAt ?? now).getTime(), startedAt.getTime())).toISOString(),
      source: snapshot.source,
      summary: summaryOf(appReports),
      apps: appReports,
      errors: snapshot.errors,
      notes: snapshot.notes,
      unreadKinds,
      rollups: rollupsOf(appReports),
    };
    if (fleet.report) report.fleet = fleet.report;
    return report;
  };
  return { count: apps.length, appAt, finish };
}

/** The patch stage: turn every pending fix of the report into plain JSON Patch + strategic merge data. */
export function materializeReportFixes(report: Report): Report {
  for (const app of report.apps) for (const f of app.findings) if (f.fix) materializeFix(f.fix);
  return report;
}

function appReport(app: App, findings: AppReport['findings'], config: DrydockConfig): AppReport {
  const topics = topicScores(findings, config.weights);
  const score = appScore(topics);
  const { verdict, reason } = verdictOf(findings);
  const observed = observedQosClass(app);
  return {
    id: app.id,
    cluster: app.cluster,
    namespace: app.namespace,
    kind: app.kind,
    name: app.name,
    group: app.group,
    team: app.team,
    managedBy: app.managedBy,
    replicas: app.replicas,
    qosClass: effectiveQosClass(app),
    ...(observed ? { observedQosClass: observed } : {}),
    dataPlacement: dataPlacement(app),
    score,
    grade: gradeOf(score),
    verdict,
    verdictReason: reason,
    topics: reportTopics(topics),
    findings,
    ...(app.source ? { source: { file: app.source.file, line: app.source.line } } : {}),
  };
}

/** The topic scores without their weight (same keys, same order), built without spreads: one per app. */
function reportTopics(topics: ReturnType<typeof topicScores>): AppReport['topics'] {
  const out = {} as AppReport['topics'];
  for (const t of TOPICS) {
    const s = topics[t];
    out[t] = { score: s.score, failed: s.failed, passed: s.passed, notApplicable: s.notApplicable, exempt: s.exempt };
  }
  return out;
}

/** The summary of a set of apps (a scan's, or a scope's: lib/views/scope.ts). */
export function summaryOf(apps: readonly AppReport[]): Report['summary'] {
  const verdicts = emptyVerdictCounts();
  for (const a of apps) verdicts[a.verdict]++;
  const score = meanScore(apps.map((a) => a.score));
  const topics = Object.fromEntries(TOPICS.map((t) => [t, meanScore(apps.map((a) => a.topics[t]?.score ?? null))])) as Record<Topic, number | null>;
  return { apps: apps.length, score, grade: gradeOf(score), verdicts, topics };
}

/** The report's roll-ups of a set of apps: by cluster, namespace, team and group. */
export function rollupsOf(apps: readonly AppReport[]): Report['rollups'] {
  return {
    clusters: rollup(apps, (a) => a.cluster),
    namespaces: rollup(apps, (a) => (a.cluster === '-' ? a.namespace : `${a.cluster}/${a.namespace}`)),
    teams: rollup(apps, (a) => a.team ?? '(no team)'),
    groups: rollup(apps, (a) => a.group),
  };
}

/** What `a.localeCompare(b)` (no locale, no options) compares with, made once. */
const KEY_ORDER = new Intl.Collator();

export function rollup(apps: readonly AppReport[], keyOf: (a: AppReport) => string): RollupRow[] {
  const groups = new Map<string, AppReport[]>();
  for (const a of apps) {
    const k = keyOf(a);
    const list = groups.get(k);
    if (list) list.push(a);
    else groups.set(k, [a]);
  }
  return [...groups.entries()]
    .map(([key, list]) => {
      const verdicts = emptyVerdictCounts();
      for (const a of list) verdicts[a.verdict]++;
      const score = meanScore(list.map((a) => a.score));
      return { key, apps: list.length, score, grade: gradeOf(score), verdicts };
    })
    .sort((a, b) => KEY_ORDER.compare(a.key, b.key));
}

function newScanId(at: Date): string {
  const rand = Math.random().toString(36).slice(2, 8);
  return `scan-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${rand}`;
}
