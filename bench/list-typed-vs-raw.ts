/**
 * bench:list — listing 50,000 pods (pages of 500) five ways, to justify the transport in
 * lib/k8s/request.ts:
 *
 * - `typed`: client-node's CoreV1Api.listPodForAllNamespaces({ limit, _continue }) — node-fetch,
 *   then ObjectSerializer turns every page into V1Pod models (Dates, renamed fields);
 * - `fetch`: client-node's auth via kc.applyToFetchOptions + node-fetch (client-node's own
 *   dependency), res.text() + JSON.parse — what the typed API does minus the model;
 * - `requester`: lib/k8s KubeRequester.getJson — node:https with kc.applyToHTTPSOptions per request,
 *   one Buffer per page and one JSON.parse (what Drydock scans with);
 * - `requester-keepalive`: KubeRequester.getJson unchanged, but client-node's per-request https.Agent
 *   swapped for one shared keep-alive agent (the change proposed for lib/k8s/request.ts);
 * - `keepalive`: the same raw node:https + JSON.parse over ONE keep-alive agent, auth applied once —
 *   the floor, and what KubeRequester would be if it reused connections.
 *
 * Every approach keeps all the items it listed until the run ends (a scan needs them) and runs in
 * its own process (its memory is its own) against the test server in another: one warm-up listing,
 * then `--rounds` timed ones, round-robin across the approaches (medians). Peak heap is sampled
 * every 5 ms during the timed runs; server CPU is the test server's CPU time during the run.
 *
 *   npm run bench:list [-- --rounds 5 --pods 50000]
 */
import type { ChildProcess } from 'node:child_process';
import { Agent as HttpsAgent, get as httpsGet, type RequestOptions } from 'node:https';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import fetch from 'node-fetch';
import { resolveTargets, type ClusterTarget } from '../lib/k8s/contexts';
import type { ListPage } from '../lib/k8s/list';
import { KubeRequester } from '../lib/k8s/request';
import { DEFAULT_SPEC, forkSelf, nextMessage, serverStats, startServerChild, withKeepAliveAgent, type ClusterSpec } from './scan';

const PAGE_SIZE = 500;
const PODS_PATH = '/api/v1/pods';
const APPROACHES = ['typed', 'fetch', 'requester', 'requester-keepalive', 'keepalive'] as const;
type Approach = (typeof APPROACHES)[number];

interface RunResult {
  ms: number;
  cpuMs: number;
  serverCpuMs: number;
  pages: number;
  items: number;
  peakHeapMB: number;
}

interface ChildResult {
  type: 'result';
  approach: Approach;
  warmupMs: number;
  runs: RunResult[];
  maxRssMB: number;
}

/** One full listing of the pods; returns every item (kept alive by the caller until measured). */
type Lister = (onPage: () => void) => Promise<unknown[]>;

async function listerFor(approach: Approach, target: ClusterTarget): Promise<Lister> {
  const kc = target.kc;
  const server = kc.getCurrentCluster()!.server.replace(/\/+$/, '');
  const pageQuery = (cont: string | undefined) => {
    const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (cont) q.set('continue', cont);
    return `${PODS_PATH}?${q.toString()}`;
  };
  const rawLoop = (get: (p: string) => Promise<ListPage>): Lister => async (onPage) => {
    const items: unknown[] = [];
    let cont: string | undefined;
    do {
      const page = await get(pageQuery(cont));
      onPage();
      for (const it of page.items ?? []) items.push(it);
      cont = page.metadata?.continue || undefined;
    } while (cont);
    return items;
  };
  switch (approach) {
    case 'typed': {
      const api = kc.makeApiClient(CoreV1Api);
      return async (onPage) => {
        const items: unknown[] = [];
        let cont: string | undefined;
        do {
          const page = await api.listPodForAllNamespaces({ limit: PAGE_SIZE, _continue: cont });
          onPage();
          for (const it of page.items) items.push(it);
          cont = page.metadata?._continue || undefined;
        } while (cont);
        return items;
      };
    }
    case 'fetch':
      return rawLoop(async (p) => {
        const opts = await kc.applyToFetchOptions({ headers: { Accept: 'application/json' } });
        const res = await fetch(server + p, opts as Parameters<typeof fetch>[1]);
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`);
        return JSON.parse(text) as ListPage;
      });
    case 'requester': {
      const requester = new KubeRequester(target.name, kc);
      return rawLoop((p) => requester.getJson<ListPage>(p));
    }
    case 'requester-keepalive': {
      const requester = new KubeRequester(target.name, withKeepAliveAgent(kc).kc);
      return rawLoop((p) => requester.getJson<ListPage>(p));
    }
    case 'keepalive': {
      const opts: RequestOptions = {};
      await kc.applyToHTTPSOptions(opts);
      (opts.agent as HttpsAgent | undefined)?.destroy();
      const agent = new HttpsAgent({ keepAlive: true, ca: opts.ca, cert: opts.cert, key: opts.key, rejectUnauthorized: opts.rejectUnauthorized });
      const headers = { ...(opts.headers as Record<string, string>), Accept: 'application/json' };
      return rawLoop(
        (p) =>
          new Promise((resolve, reject) => {
            httpsGet(server + p, { agent, headers }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('error', reject);
              res.on('end', () => {
                if (res.statusCode !== 200) return reject(new Error(`${p}: HTTP ${res.statusCode}`));
                resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ListPage);
              });
            }).on('error', reject);
          }),
      );
    }
  }
}

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/**
 * A child lists on demand: a warm-up listing at start ({type:'ready'}), then one timed listing per
 * {type:'run'} ({type:'run-result'}), and its peak RSS on {type:'done'}. The orchestrator sends the
 * runs round-robin across the approaches, so a burst of load on a shared machine hits them alike.
 */
async function childMain(approach: Approach, kubeconfig: string, statsUrl: string): Promise<void> {
  const target = resolveTargets({ kubeconfig: [kubeconfig] })[0]!;
  const list = await listerFor(approach, target);
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const t0 = performance.now();
  const warm = await list(() => {});
  const warmupMs = performance.now() - t0;
  const expected = warm.length;
  warm.length = 0;
  const runOnce = async (): Promise<RunResult> => {
    gc();
    let peak = process.memoryUsage().heapUsed;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    const sampler = setInterval(sample, 5);
    let pages = 0;
    const server0 = await serverStats(statsUrl);
    const cpu = cpuMs();
    const started = performance.now();
    const items = await list(() => {
      pages++;
      sample();
    });
    const ms = performance.now() - started;
    const cpuUsed = cpuMs() - cpu;
    sample();
    clearInterval(sampler);
    const server1 = await serverStats(statsUrl);
    if (items.length !== expected) throw new Error(`${approach}: listed ${items.length} pods, expected ${expected}`);
    return { ms, cpuMs: cpuUsed, serverCpuMs: server1.cpuMs - server0.cpuMs, pages, items: items.length, peakHeapMB: peak / 2 ** 20 };
  };
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'run') {
      runOnce().then(
        (r) => process.send!({ type: 'run-result', ...r }),
        (e) => {
          console.error(e);
          process.exit(2);
        },
      );
    } else if (m?.type === 'done') {
      process.send!({ type: 'done', maxRssMB: process.resourceUsage().maxRSS / 1024 });
      process.disconnect();
    }
  });
  process.send!({ type: 'ready', warmupMs });
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function orchestrate(): Promise<void> {
  const rounds = Number(arg('rounds') ?? 5);
  const pods = Number(arg('pods') ?? DEFAULT_SPEC.pods);
  const scale = pods / DEFAULT_SPEC.pods;
  const spec: ClusterSpec = { ...DEFAULT_SPEC, pods, workloads: Math.round(DEFAULT_SPEC.workloads * scale), namespaces: Math.max(1, Math.round(DEFAULT_SPEC.namespaces * scale)) };
  const benchStarted = Date.now();
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`bench:list — ${pods.toLocaleString('en-US')} pods from the test server (the bench:scan cluster), pages of ${PAGE_SIZE}; each approach in its own process; node ${process.version}, ${cpus().length} CPUs, load average ${load()}`);
  const server = await startServerChild(spec);
  const results: ChildResult[] = [];
  try {
    // One process per approach, started (and warmed up) one at a time, then timed round-robin.
    const children: { approach: Approach; child: ChildProcess; result: ChildResult }[] = [];
    for (const approach of APPROACHES) {
      const child = forkSelf(['--role', 'list', '--approach', approach, '--kubeconfig', server.ready.kubeconfig, '--stats', server.ready.statsUrl], ['--expose-gc'], path.join(__dirname, 'list-typed-vs-raw.ts'));
      const ready = await nextMessage<{ warmupMs: number }>(child, 'ready');
      children.push({ approach, child, result: { type: 'result', approach, warmupMs: ready.warmupMs, runs: [], maxRssMB: 0 } });
    }
    for (let i = 0; i < rounds; i++) {
      for (const c of children) {
        const reply = nextMessage<RunResult>(c.child, 'run-result');
        c.child.send({ type: 'run' });
        c.result.runs.push(await reply);
      }
    }
    for (const c of children) {
      const reply = nextMessage<{ maxRssMB: number }>(c.child, 'done');
      c.child.send({ type: 'done' });
      c.result.maxRssMB = (await reply).maxRssMB;
      results.push(c.result);
    }
  } finally {
    await server.close();
  }
  const byName = new Map(results.map((r) => [r.approach, r]));
  const ref = byName.get('requester')!;
  const refMs = median(ref.runs.map((r) => r.ms));
  const refCpu = median(ref.runs.map((r) => r.cpuMs));
  const rows: string[][] = [['approach', 'wall ms', 'CPU ms', 'server CPU ms', 'vs requester (wall / CPU)', 'peak heap MB', 'peak RSS MB', 'all runs (wall ms)']];
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  for (const r of results) {
    const wall = median(r.runs.map((x) => x.ms));
    const cpu = median(r.runs.map((x) => x.cpuMs));
    rows.push([
      r.approach,
      n(wall),
      n(cpu),
      n(median(r.runs.map((x) => x.serverCpuMs))),
      `${(wall / refMs).toFixed(2)}× / ${(cpu / refCpu).toFixed(2)}×`,
      Math.max(...r.runs.map((x) => x.peakHeapMB)).toFixed(0),
      r.maxRssMB.toFixed(0),
      r.runs.map((x) => n(x.ms)).join(' / '),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(`\nmedians of ${rounds} listings of ${results[0]!.runs[0]!.items.toLocaleString('en-US')} pods (${results[0]!.runs[0]!.pages} pages) per approach, after a warm-up listing; runs interleaved across approaches`);
  for (const r of rows) console.log(r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd());
  const typed = byName.get('typed')!;
  console.log(
    `\ntyped / requester: ${(median(typed.runs.map((x) => x.ms)) / refMs).toFixed(2)}× wall, ${(median(typed.runs.map((x) => x.cpuMs)) / refCpu).toFixed(2)}× CPU; load average now ${load()} (on a busy machine wall times stretch; the CPU columns much less); bench took ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`,
  );
}

async function main(): Promise<void> {
  if (arg('role') === 'list') return childMain(arg('approach') as Approach, arg('kubeconfig')!, arg('stats')!);
  return orchestrate();
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}
