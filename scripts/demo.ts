/**
 * `npm run demo`: the in-repo Kubernetes API server with the demo cluster, and the dashboard
 * scanning it. Prints the URL; Ctrl-C stops both.
 *
 *   --dev                 `next dev` instead of a production build (`next build` runs when sources changed)
 *   --port N              dashboard port (env PORT, default 3000); host from env HOST (default 127.0.0.1)
 *   --api-port N          the API server's port (env DRYDOCK_DEMO_API_PORT, default 6443)
 *   --generate N          serve N generated workloads instead of the demo cluster (benchmarks)
 *   --latency MS          answer every API request after MS ms (env DRYDOCK_DEMO_LATENCY_MS): scans take visible time
 *   --clusters N          also serve a second (smaller) cluster, "demo-east", for the fleet views (env DRYDOCK_DEMO_CLUSTERS)
 *   --no-build            never build (use the existing .next)
 *   --fresh-db            keep the scan history in a new temporary SQLite file, removed on exit (browser
 *                         tests: runs do not see each other's history). Otherwise DRYDOCK_DB_PATH, or
 *                         ./data/drydock.sqlite, so a second start shows the scans of the first at once.
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
    'no-build': { type: 'boolean', default: false },
    'fresh-db': { type: 'boolean', default: false },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const apiPort = Number(values['api-port'] ?? process.env.DRYDOCK_DEMO_API_PORT ?? 6443);
const latency = Number(values.latency ?? process.env.DRYDOCK_DEMO_LATENCY_MS ?? 0);
const generate = values.generate ? Number(values.generate) : 0;
const clusters = Math.min(2, Math.max(1, Number(values.clusters ?? process.env.DRYDOCK_DEMO_CLUSTERS ?? 1)));

/** The second demo cluster: the shop and platform namespaces of the first, on its own nodes. */
function eastObjects(objects: KubeObject[]): KubeObject[] {
  const keep = new Set(['shop', 'platform']);
  return objects.filter((o) => (o.metadata.namespace ? keep.has(o.metadata.namespace) : o.kind !== 'Namespace' || keep.has(o.metadata.name)));
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
  const dataDir = path.join(root, 'data');
  mkdirSync(dataDir, { recursive: true });
  const kubeconfig = path.join(dataDir, generate > 0 ? 'bench.kubeconfig' : 'demo.kubeconfig');
  const servers = [api];
  const configs = [api.kubeconfig({ context: cluster })];
  if (clusters > 1 && !generate) {
    const east = eastObjects(objects);
    const second = await startApiServer({ objects: east, clusterName: 'demo-east', port: apiPort + 1, host: '127.0.0.1', ...(latency > 0 ? { faults: { latencyMs: latency } } : {}) });
    servers.push(second);
    configs.push(second.kubeconfig({ context: 'demo-east', user: 'drydock-scanner-east' }));
    console.log(`drydock demo: Kubernetes API server for "demo-east" on ${second.url} (${east.length} objects)`);
  }
  writeFileSync(kubeconfig, configs.length > 1 ? mergeKubeconfigs(configs) : configs[0]!, { mode: 0o600 });
  console.log(`drydock demo: Kubernetes API server for "${cluster}" on ${api.url} (${objects.length} objects); kubeconfig ${path.relative(root, kubeconfig)}`);

  const freshDbDir = values['fresh-db'] ? mkdtempSync(path.join(tmpdir(), 'drydock-demo-db-')) : null;
  const dbEnv: Record<string, string> = freshDbDir ? { DRYDOCK_DB_PATH: path.join(freshDbDir, 'drydock.sqlite') } : {};
  if (!process.env.DATABASE_URL) console.log(`drydock demo: scan history in ${dbEnv.DRYDOCK_DB_PATH ?? process.env.DRYDOCK_DB_PATH ?? './data/drydock.sqlite'}`);

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
