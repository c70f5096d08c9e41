import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { TOPICS, type Finding, type Severity, type Topic } from '../checks/types';
import type { AppReport, Report, ReportTopicScore } from '../report/types';
import { gradeOf, meanScore, type Verdict } from '../scoring/score';
import { openStore, type Store, type StoreOptions } from './open-store';

/** Helpers for the store's tests and bench: hand-made reports and a fresh store on either database. */

export interface AppSpec {
  cluster?: string;
  namespace?: string;
  kind?: AppReport['kind'];
  name: string;
  team?: string | null;
  group?: string;
  verdict?: Verdict;
  score?: number | null;
  topics?: Partial<Record<Topic, number | null>>;
  fails?: { check: string; topic?: Topic; severity?: Severity; container?: string | null }[];
  exempt?: { check: string; topic?: Topic; severity?: Severity; container?: string | null }[];
  /** Pass findings to add (checks pass-0…). */
  passes?: number;
}

function finding(status: Finding['status'], f: { check: string; topic?: Topic; severity?: Severity; container?: string | null }): Finding {
  return {
    check: f.check,
    topic: f.topic ?? 'probes',
    status,
    severity: f.severity ?? 'warning',
    container: f.container === undefined ? 'app' : f.container,
    path: '/spec/template/spec/containers/0',
    message: `${f.check} ${status} for container ${f.container ?? 'app'}: what was seen`,
    reason: status === 'exempt' ? 'exempted by a test' : null,
    evidence: { source: 'spec' },
    fix: null,
  };
}

export function appReport(spec: AppSpec): AppReport {
  const cluster = spec.cluster ?? 'prod';
  const namespace = spec.namespace ?? 'shop';
  const kind = spec.kind ?? 'Deployment';
  const findings = [
    ...(spec.fails ?? []).map((f) => finding('fail', f)),
    ...(spec.exempt ?? []).map((f) => finding('exempt', f)),
    ...Array.from({ length: spec.passes ?? 0 }, (_, i) => finding('pass', { check: `pass-${i}`, topic: TOPICS[i % TOPICS.length], severity: 'info' })),
  ];
  const topics = Object.fromEntries(
    TOPICS.map((t): [Topic, ReportTopicScore] => [
      t,
      {
        score: spec.topics?.[t] === undefined ? (spec.score ?? 80) : spec.topics[t]!,
        failed: findings.filter((f) => f.topic === t && f.status === 'fail').length,
        passed: findings.filter((f) => f.topic === t && f.status === 'pass').length,
        notApplicable: 0,
        exempt: findings.filter((f) => f.topic === t && f.status === 'exempt').length,
      },
    ]),
  ) as Record<Topic, ReportTopicScore>;
  const score = spec.score === undefined ? 80 : spec.score;
  return {
    id: `${cluster}/${namespace}/${kind}/${spec.name}`,
    cluster,
    namespace,
    kind,
    name: spec.name,
    group: spec.group ?? spec.name,
    team: spec.team === undefined ? null : spec.team,
    managedBy: null,
    replicas: 2,
    qosClass: 'Burstable',
    dataPlacement: [],
    score,
    grade: gradeOf(score),
    verdict: spec.verdict ?? 'ready',
    verdictReason: 'test',
    topics,
    findings,
  };
}

export function makeReport(opts: { scanId: string; finishedAt: string; clusters?: string[]; apps: AppSpec[] }): Report {
  const apps = opts.apps.map(appReport);
  const verdicts: Record<Verdict, number> = { ready: 0, readyWithConditions: 0, notReady: 0, unknown: 0 };
  for (const a of apps) verdicts[a.verdict]++;
  const score = meanScore(apps.map((a) => a.score));
  return {
    schemaVersion: 1,
    scanId: opts.scanId,
    startedAt: new Date(new Date(opts.finishedAt).getTime() - 60_000).toISOString(),
    finishedAt: opts.finishedAt,
    source: { type: 'cluster', clusters: opts.clusters ?? [...new Set(apps.map((a) => a.cluster))].sort(), paths: [] },
    summary: {
      apps: apps.length,
      score,
      grade: gradeOf(score),
      verdicts,
      topics: Object.fromEntries(TOPICS.map((t) => [t, meanScore(apps.map((a) => a.topics[t].score))])) as Record<Topic, number | null>,
    },
    apps,
    errors: [],
    notes: [],
    unreadKinds: {},
    rollups: { clusters: [], namespaces: [], teams: [], groups: [] },
  };
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Options that open this test's database (call as often as needed: reopening sees the same data). */
  options: StoreOptions;
  open(extra?: StoreOptions): Promise<Store>;
  drop(): Promise<void>;
}

/** A fresh SQLite file in a temp dir. */
export function sqliteTestDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'drydock-store-'));
  const options: StoreOptions = { databaseUrl: null, path: path.join(dir, 'nested', 'drydock.sqlite'), retentionDays: null, reportRetentionDays: null };
  return { name: 'sqlite', options, open: (extra) => openStore({ ...options, ...extra }), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh database on the server at DATABASE_URL (created here, dropped by drop()). */
export async function postgresTestDatabase(adminUrl = process.env.DATABASE_URL!): Promise<TestDatabase> {
  const name = `drydock_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const options: StoreOptions = { databaseUrl: url.toString(), retentionDays: null, reportRetentionDays: null };
  return {
    name: 'postgres',
    options,
    open: (extra) => openStore({ ...options, ...extra }),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The databases the store tests run on: SQLite always, PostgreSQL when DATABASE_URL is set. */
export const TEST_DATABASES: { name: 'sqlite' | 'postgres'; enabled: boolean; create: () => Promise<TestDatabase> }[] = [
  { name: 'sqlite', enabled: true, create: async () => sqliteTestDatabase() },
  { name: 'postgres', enabled: !!process.env.DATABASE_URL, create: () => postgresTestDatabase() },
];
