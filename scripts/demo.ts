/**
 * `npm run demo`: the in-repo Kubernetes API server with the demo cluster, and the dashboard
 * scanning it. Prints the URL; Ctrl-C stops both.
 *
 *   --dev                 `next dev` instead of a production build (`next build` runs when sources changed)
 *   --port N              dashboard port (env PORT, default 3000); host from env HOST (default 127.0.0.1)
 *   --api-port N          the API server's port (env DRYDOCK_DEMO_API_PORT, default 6443)
 *   --generate N          serve N generated workloads instead of the demo cluster (benchmarks)
 *   --latency MS          answer every API request after MS ms (env DRYDOCK_DEMO_LATENCY_MS): scans take visible time
 *   --clusters N          how many clusters to serve (env DRYDOCK_DEMO_CLUSTERS, default 3): 1 = the demo cluster alone,
 *                         2 adds the small region "demo-east", 3 also the large "demo-west" (1:10 capacity) — the
 *                         fleet views (testing/demo/fleet-clusters.ts)
 *   --unreachable-cluster NAME  keep that cluster's context in the kubeconfig but serve nothing behind it, so
 *                         scans show a cluster that cannot be reached (env DRYDOCK_DEMO_UNREACHABLE)
 *   --history N           on a history store without scans, first store N daily scans before today (env
 *                         DRYDOCK_DEMO_HISTORY, default 8; 0 = none), so the progress, waves and roll-out views
 *                         have a past: each is a real report of the fleet as it was then (testing/demo/fleet-history.ts:
 *                         checkout rolling out east first, policy-webhook stalled in west) with more findings
 *                         failing the further back it goes (testing/demo/seed-history.ts `pastReport`).
 *   --no-build            never build (use the existing .next)
 *   --fresh-db            keep the scan history in a new temporary SQLite file, removed on exit (browser
 *                         tests: runs do not see each other's history), with the run's kubeconfig beside it
 *                         (else data/demo.kubeconfig). Otherwise DRYDOCK_DB_PATH, or ./data/drydock.sqlite,
 *                         so a second start shows the scans of the first at once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { startApiServer } from '../testing/api-server/server';
import { materialize } from '../testing/cluster-sim/materialize';
import { demoClusterObjects } from '../testing/demo/demo-cluster';
import { fleetRegions, regionObjects } from '../testing/demo/fleet-clusters';
import { generateWorkloads } from '../testing/generate/workloads';
import type { KubeObject } from '../lib/snapshot/types';

const root = path.resolve(__dirname, '..');

const { values } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    port: { type: 'string' },
    'api-port': { type: 'string' },
    generate: { type: 'string' },
    latency: { type: 'string' },
    clusters: { type: 'string' },
    'unreachable-cluster': { type: 'string' },
    history: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'fresh-db': { type: 'boolean', default: false },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const apiPort = Number(values['api-port'] ?? process.env.DRYDOCK_DEMO_API_PORT ?? 6443);
const latency = Number(values.latency ?? process.env.DRYDOCK_DEMO_LATENCY_MS ?? 0);
const generate = values.generate ? Number(values.generate) : 0;
const clusters = Math.min(3, Math.max(1, Math.floor(Number(values.clusters ?? process.env.DRYDOCK_DEMO_CLUSTERS ?? 3)) || 3));
const unreachable = values['unreachable-cluster'] ?? process.env.DRYDOCK_DEMO_UNREACHABLE ?? null;
const history = Math.min(60, Math.max(0, Math.floor(Number(values.history ?? process.env.DRYDOCK_DEMO_HISTORY ?? 8)) || 0));

/**
 * Stores `count` daily scans before today when the history store has none yet, so a first
 * `npm run demo` already shows trends, burn-down, new/fixed and roll-outs over days. Each is a report
 * built from the objects the fleet served then (fleet-history.ts: 72, 48 and 24 hours back; older
 * days repeat the oldest state), made worse the further back it is (seed-history.ts pastReport:
 * a deterministic share of today's passes failed then), dated that many days back.
 */
async function seedHistory(objects: KubeObject[], count: number, env: Record<string, string>): Promise<void> {
  const [{ openStore, upsertPlanEntry }, { buildReport }, { DEFAULT_CONFIG }, { fleetHistorySnapshots }, { seedDemoHistory }] = await Promise.all([
    import('../lib/store'),
    import('../lib/report/build-report'),
    import('../lib/config/defaults'),
    import('../testing/demo/fleet-history'),
    import('../testing/demo/seed-history'),
  ]);
  const store = await openStore(env.DRYDOCK_DB_PATH ? { path: env.DRYDOCK_DB_PATH } : {});
  try {
    const now = new Date();
    // Oldest first: [72 h, 48 h, 24 h] back.
    const states = fleetHistorySnapshots(objects, clusters, 3);
    const todayOf = (daysBack: number) =>
      buildReport(states[Math.max(0, states.length - daysBack)]!.snapshot, { config: DEFAULT_CONFIG, startedAt: new Date(now.getTime() - 4000), finishedAt: now, now });
    if (!(await seedDemoHistory(store, todayOf, { days: count })).length) return;
    // A migration plan to look at on /waves: groups and one app in three waves, one wave overdue.
    const day = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString().slice(0, 10);
    const plan = [
      { subject: 'group:storefront', owner: 'shop-team', wave: 'wave 1', targetDate: day(-3), note: 'the checkout path first' },
      { subject: 'group:identity', owner: 'identity-team', wave: 'wave 1', targetDate: day(10), note: '' },
      { subject: 'group:edge', owner: 'platform-team', wave: 'wave 2', targetDate: day(21), note: '' },
      { subject: 'group:search', owner: 'search-team', wave: 'wave 2', targetDate: day(30), note: 'after the index rebuild' },
      { subject: 'app:demo/legacy/Deployment/monolith', owner: 'legacy-team', wave: 'wave 3', targetDate: day(60), note: 'session handling must move out of the process first' },
    ];
    for (const entry of plan) await upsertPlanEntry(store, entry, 'demo');
    console.log(`drydock demo: stored ${count} earlier daily scans of the fleet and a migration plan of ${plan.length} entries in ${store.location}`);
  } finally {
    await store.close();
  }
}

/** One kubeconfig holding every cluster's context. */
function mergeKubeconfigs(texts: string[]): string {
  const docs = texts.map((t) => parse(t) as { clusters: unknown[]; users: unknown[]; contexts: unknown[]; 'current-context': string });
  return stringify({ apiVersion: 'v1', kind: 'Config', clusters: docs.flatMap((d) => d.clusters), users: docs.flatMap((d) => d.users), contexts: docs.flatMap((d) => d.contexts), 'current-context': docs[0]!['current-context'] });
}

/** Newest modification time under the sources a production build depends on. */
function newestSource(): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const f of readdirSync(p)) if (!f.startsWith('.') && f !== 'node_modules' && !f.endsWith('.test.ts') && !f.endsWith('.fixtures')) walk(path.join(p, f));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const d of ['app', 'components', 'lib', 'public', 'next.config.js', 'proxy.ts', 'instrumentation.ts', 'package.json', 'postcss.config.mjs']) walk(path.join(root, d));
  return newest;
}

function buildIfStale(): void {
  const id = path.join(root, process.env.DRYDOCK_NEXT_DIST_DIR || '.next', 'BUILD_ID');
  if (existsSync(id) && statSync(id).mtimeMs > newestSource()) return;
  console.log('drydock demo: building the dashboard (next build)…');
  const started = Date.now();
  const r = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) {
    console.error('drydock demo: next build failed');
    process.exit(r.status ?? 1);
  }
  console.log(`drydock demo: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function main(): Promise<void> {
  const objects = generate > 0
    ? materialize(generateWorkloads({ workloads: generate, namespaces: Math.max(4, Math.round(generate / 40)), seed: 42 }), { nodes: { count: 30, zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], racksPerZone: 2 }, maxPodsPerWorkload: 1, history: 0 })
    : demoClusterObjects();
  const cluster = generate > 0 ? 'bench' : 'demo';
  const api = await startApiServer({ objects, clusterName: cluster, port: apiPort, host: '127.0.0.1', ...(latency > 0 ? { faults: { latencyMs: latency } } : {}) });
  const freshDbDir = values['fresh-db'] ? mkdtempSync(path.join(tmpdir(), 'drydock-demo-db-')) : null;
  const dataDir = path.join(root, 'data');
  mkdirSync(dataDir, { recursive: true });
  // With --fresh-db the kubeconfig goes to the run's own temporary directory too: demos started side
  // by side (parallel browser-test runs) must not scan each other's API servers.
  const kubeconfig = path.join(freshDbDir ?? dataDir, generate > 0 ? 'bench.kubeconfig' : 'demo.kubeconfig');
  const servers = [api];
  const configs = [api.kubeconfig({ context: cluster })];
  const regions = generate ? [] : fleetRegions(clusters);
  for (const [i, region] of regions.entries()) {
    const regionObjs = regionObjects(objects, region);
    const server = await startApiServer({ objects: regionObjs, clusterName: region.name, port: apiPort + 1 + i, host: '127.0.0.1', ...(latency > 0 ? { faults: { latencyMs: latency } } : {}) });
    configs.push(server.kubeconfig({ context: region.name, user: `drydock-scanner-${region.name.replace(/^demo-/, '')}` }));
    if (region.name === unreachable) {
      // The context stays; nothing answers behind it (connection refused): the scan reports the cluster as unreachable.
      await server.close();
      console.log(`drydock demo: "${region.name}" is unreachable on purpose (--unreachable-cluster)`);
      continue;
    }
    servers.push(server);
    console.log(`drydock demo: Kubernetes API server for "${region.name}" on ${server.url} (${regionObjs.length} objects, ${region.nodes} nodes)`);
  }
  if (unreachable && !regions.some((r) => r.name === unreachable)) console.warn(`drydock demo: --unreachable-cluster ${unreachable}: no such fleet cluster (${regions.map((r) => r.name).join(', ') || 'none'} with --clusters ${clusters})`);
  writeFileSync(kubeconfig, configs.length > 1 ? mergeKubeconfigs(configs) : configs[0]!, { mode: 0o600 });
  console.log(`drydock demo: Kubernetes API server for "${cluster}" on ${api.url} (${objects.length} objects); kubeconfig ${freshDbDir ? kubeconfig : path.relative(root, kubeconfig)}`);

  const dbEnv: Record<string, string> = freshDbDir ? { DRYDOCK_DB_PATH: path.join(freshDbDir, 'drydock.sqlite') } : {};
  if (!process.env.DATABASE_URL) console.log(`drydock demo: scan history in ${dbEnv.DRYDOCK_DB_PATH ?? process.env.DRYDOCK_DB_PATH ?? './data/drydock.sqlite'}`);

  if (history > 0 && !generate && !process.env.DATABASE_URL) {
    await seedHistory(objects, history, dbEnv).catch((e: unknown) => console.warn(`drydock demo: could not store the earlier scans: ${(e as Error).message}`));
  }
  if (!values.dev && !values['no-build']) buildIfStale();
  const next = require.resolve('next/dist/bin/next');
  const args = values.dev ? ['dev', '-H', host, '-p', String(port)] : ['start', '-H', host, '-p', String(port)];
  const child: ChildProcess = spawn(process.execPath, [next, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...dbEnv, DRYDOCK_KUBECONFIG: kubeconfig, NEXT_TELEMETRY_DISABLED: '1' },
  });
  void warmUp(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.close()));
    if (freshDbDir) {
      if (child.exitCode === null) await new Promise((r) => { child.once('exit', r); setTimeout(r, 5000).unref(); });
      rmSync(freshDbDir, { recursive: true, force: true });
    }
    process.exit(code);
  };
  child.on('exit', (code) => void stop(code ?? 0));
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
}

/** Asks the dashboard for its health once it listens: that starts the first scan, so the demo has data. */
async function warmUp(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(`${url}/api/healthz`);
      if (r.ok) {
        console.log(`drydock demo: dashboard ready on ${url} (scanning the demo cluster)`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

main().catch((e: unknown) => {
  console.error(`drydock demo: ${(e as Error).message}`);
  process.exit(1);
});
