/**
 * bench:scan — how long a live scan of a large cluster takes, against the floor of fetching the same
 * lists and doing nothing but JSON.parse, and how much memory the scanner needs.
 *
 *   npm run bench:scan [-- --rounds 3 --workloads 10000 --namespaces 500 --pods 50000 --nodes 200 --profile]
 *
 * Three kinds of process, so nobody's memory or CPU counts against anybody else's:
 * - the orchestrator (this file, no flags): starts the others and prints the table;
 * - `--role server`: generates the cluster (deterministic) and serves it with testing/api-server on
 *   loopback, plus a tiny HTTP endpoint with its request count and CPU time (to tell whether the
 *   server was the bottleneck);
 * - `--role scan --mode …`: the scanner. `timing` runs every phase once to warm up, then every phase
 *   once per round, `--rounds` times (medians are reported); `rss-scan` is one cold full scan, as the
 *   CLI runs it, alone in its process: its peak RSS is the one held to the target; `rss-baseline` is
 *   the same for the raw baseline (the floor).
 *
 * Phases: `baseline` — the same lists in the same order (namespaces first, then the other kinds with
 * the same concurrency) and page size, over one keep-alive HTTPS agent with client-node's auth
 * applied once; each page buffered, JSON.parse'd, dropped. `baselineKeep` — the same, keeping the
 * items. `requester` — the same lists through lib/k8s KubeRequester.getJson, items dropped.
 * `scanListKeepAlive` — scanClusters with KubeRequester on a shared keep-alive agent (the proposed
 * change, measured without editing lib/k8s). `scan` — the full scan: scanClusters (list + slim +
 * snapshot), then buildReport (apps, checks, scores, rollups) and its patch stage.
 * `--profile` writes CPU profiles of the cold scan and of the server (never of the timed rounds).
 * Exit code 1 when a target is missed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, get as httpGet } from 'node:http';
import { Agent as HttpsAgent, get as httpsGet, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { DEFAULT_CONFIG } from '../lib/config/defaults';
import { resolveTargets, type ClusterTarget } from '../lib/k8s/contexts';
import { READABLE_KINDS, listPath } from '../lib/k8s/kinds';
import { mapBounded, type ListPage } from '../lib/k8s/list';
import { KubeRequester } from '../lib/k8s/request';
import { scanClusters } from '../lib/k8s/scan-clusters';
import { buildReport, materializeReportFixes } from '../lib/report/build-report';
import type { KubeObject } from '../lib/snapshot/types';
// The test server and the cluster generator are imported by the server child only (dynamic imports
// below): the scanner child then loads what `drydock scan` loads, and its peak RSS is the CLI's.

export const PAGE_SIZE = 500;
export const CONCURRENCY = 4;
export const TARGET_RATIO = 1.25;
export const TARGET_RSS_MB = 1024;

export interface ClusterSpec {
  workloads: number;
  namespaces: number;
  pods: number;
  nodes: number;
  seed: number;
}

export const DEFAULT_SPEC: ClusterSpec = { workloads: 10_000, namespaces: 500, pods: 50_000, nodes: 200, seed: 42 };

// ---------------------------------------------------------------------------------------------
// The cluster

/**
 * generateWorkloads' kind mix (62 % Deployments … 6 % DaemonSets) would put a DaemonSet pod on each
 * of the 200 nodes: 120,000+ pods. So pods per workload are capped (the largest cap that stays at or
 * under the target), and the remainder is made up by giving the first Deployments below the cap one
 * more replica: exactly `spec.pods` pods, deterministically.
 */
export async function buildCluster(spec: ClusterSpec): Promise<{ objects: KubeObject[]; counts: Record<string, number>; cap: number }> {
  const { generateWorkloads } = await import('../testing/generate/workloads');
  const { materialize } = await import('../testing/cluster-sim/materialize');
  const workloads = generateWorkloads({ workloads: spec.workloads, namespaces: spec.namespaces, seed: spec.seed });
  const replicasOf = (w: KubeObject) => (typeof w.spec?.replicas === 'number' ? (w.spec.replicas as number) : 1);
  const podsWith = (cap: number) => {
    let n = 0;
    for (const w of workloads) {
      if (w.kind === 'Deployment' || w.kind === 'StatefulSet') n += Math.min(replicasOf(w), cap);
      else if (w.kind === 'DaemonSet') n += Math.min(spec.nodes, cap);
      else if (w.kind === 'CronJob' || w.kind === 'Job' || w.kind === 'Pod') n += 1;
    }
    return n;
  };
  let cap = 1;
  while (cap < spec.nodes && podsWith(cap + 1) <= spec.pods) cap++;
  let deficit = spec.pods - podsWith(cap);
  for (let i = 0; i < workloads.length && deficit > 0; i++) {
    const w = workloads[i]!;
    if (w.kind === 'Deployment' && replicasOf(w) < cap) {
      workloads[i] = { ...w, spec: { ...w.spec, replicas: replicasOf(w) + 1 } };
      deficit--;
    }
  }
  const objects = materialize(workloads, {
    nodes: { count: spec.nodes, zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], racksPerZone: 4 },
    managedFields: true,
    history: 2,
    maxPodsPerWorkload: cap,
  });
  const counts: Record<string, number> = {};
  for (const o of objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  counts.workloads = workloads.filter((w) => ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Pod'].includes(w.kind)).length;
  counts.objects = objects.length;
  return { objects, counts, cap };
}

// ---------------------------------------------------------------------------------------------
// Server child

interface ServerReady {
  type: 'ready';
  url: string;
  kubeconfig: string;
  statsUrl: string;
  counts: Record<string, number>;
  cap: number;
  setupMs: number;
  rssMB: number;
}

export interface ServerStats {
  requests: number;
  cpuMs: number;
  rssMB: number;
  maxRssMB: number;
}

async function serverMain(spec: ClusterSpec): Promise<void> {
  const started = Date.now();
  const { objects, counts, cap } = await buildCluster(spec);
  const { startApiServer } = await import('../testing/api-server/server');
  const server = await startApiServer({ objects, clusterName: 'bench' });
  const dir = mkdtempSync(path.join(tmpdir(), 'drydock-bench-'));
  const kubeconfig = path.join(dir, 'config');
  writeFileSync(kubeconfig, server.kubeconfig({ context: 'bench' }));
  let requestsSoFar = 0;
  const stats = createHttpServer((_req, res) => {
    const cpu = process.cpuUsage();
    const body: ServerStats = { requests: server.requests.length, cpuMs: (cpu.user + cpu.system) / 1000, rssMB: process.memoryUsage().rss / 2 ** 20, maxRssMB: process.resourceUsage().maxRSS / 1024 };
    // The log of every request is only needed for its length here.
    server.requests.length = 0;
    requestsSoFar += body.requests;
    body.requests = requestsSoFar;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', resolve));
  const ready: ServerReady = {
    type: 'ready',
    url: server.url,
    kubeconfig,
    statsUrl: `http://127.0.0.1:${(stats.address() as AddressInfo).port}/`,
    counts,
    cap,
    setupMs: Date.now() - started,
    rssMB: process.memoryUsage().rss / 2 ** 20,
  };
  process.send!(ready);
  const stop = async () => {
    stats.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'close') void stop();
  });
  process.on('disconnect', () => void stop());
}

// ---------------------------------------------------------------------------------------------
// Scanner child

interface Fetched {
  requests: number;
  pages: number;
  bytes: number;
}

type GetJson = (pathAndQuery: string) => Promise<ListPage>;

/**
 * The same lists as scanCluster, in the same order and concurrency, through `get`; the items are
 * dropped, or kept in one array when `keep` is given (what any scan must at least do).
 */
async function listEverything(get: GetJson, counter: Fetched, keep?: unknown[]): Promise<number> {
  await get('/version');
  let items = 0;
  const listKind = async (p: string) => {
    let cont: string | undefined;
    do {
      const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (cont) q.set('continue', cont);
      const page = await get(`${p}?${q.toString()}`);
      counter.pages++;
      items += page.items?.length ?? 0;
      if (keep) for (const it of page.items ?? []) keep.push(it);
      cont = page.metadata?.continue || undefined;
    } while (cont);
  };
  const nsKind = READABLE_KINDS.find((k) => k.resource === 'namespaces')!;
  await listKind(listPath(nsKind, null));
  await mapBounded(READABLE_KINDS.filter((k) => k !== nsKind), CONCURRENCY, (k) => listKind(listPath(k, null)));
  return items;
}

/** Raw HTTPS GET + JSON.parse over one keep-alive agent, client-node's auth applied once. */
async function rawGetter(target: ClusterTarget, counter: Fetched): Promise<{ get: GetJson; close: () => void }> {
  const opts: RequestOptions = {};
  await target.kc.applyToHTTPSOptions(opts);
  (opts.agent as HttpsAgent | undefined)?.destroy();
  const agent = new HttpsAgent({ keepAlive: true, ca: opts.ca, cert: opts.cert, key: opts.key, rejectUnauthorized: opts.rejectUnauthorized });
  const server = target.kc.getCurrentCluster()!.server.replace(/\/+$/, '');
  const headers = { ...(opts.headers as Record<string, string>), Accept: 'application/json' };
  const get: GetJson = (p) =>
    new Promise((resolve, reject) => {
      counter.requests++;
      httpsGet(server + p, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          counter.bytes += body.length;
          if (res.statusCode !== 200) return reject(new Error(`${p}: HTTP ${res.statusCode}`));
          resolve(JSON.parse(body.toString('utf8')) as ListPage);
        });
      }).on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}

/**
 * The change proposed for KubeRequester, measured without editing it: a KubeConfig whose
 * applyToHTTPSOptions still applies client-node's auth on every request (tokens and exec
 * credentials keep refreshing) but swaps the fresh non-keep-alive https.Agent it creates each time
 * for one shared keep-alive agent with the same TLS material.
 */
export function withKeepAliveAgent(kc: KubeConfig): { kc: KubeConfig; close: () => void } {
  let shared: HttpsAgent | undefined;
  const proxy = Object.create(kc) as KubeConfig;
  proxy.applyToHTTPSOptions = async (opts: RequestOptions) => {
    await kc.applyToHTTPSOptions(opts);
    (opts.agent as HttpsAgent | undefined)?.destroy();
    shared ??= new HttpsAgent({ keepAlive: true, ca: opts.ca, cert: opts.cert, key: opts.key, rejectUnauthorized: opts.rejectUnauthorized, servername: opts.servername });
    opts.agent = shared;
  };
  return { kc: proxy, close: () => shared?.destroy() };
}

export interface PhaseResult {
  ms: number;
  listMs?: number;
  checksMs?: number;
  /** The scanner process's CPU time (user + system) in the phase: robust to a busy machine. */
  cpuMs: number;
  listCpuMs?: number;
  checksCpuMs?: number;
  /** CPU of the patch stage, which is not part of the scan (withServer leaves it out of cpuMs). */
  fixesCpuMs?: number;
  /** Of checksMs: the patch stage (materializeReportFixes: every fix's JSON Patch + strategic merge). */
  fixesMs?: number;
  /** The server's CPU time during scanClusters only (the phase's figure also covers its idle time during buildReport). */
  listServerCpuMs?: number;
  requests: number;
  pages: number;
  bytes: number;
  items: number;
  apps?: number;
  findings?: number;
  fixes?: number;
  serverRequests: number;
  serverCpuMs: number;
}

/** The server child's counters (a fresh connection each time: no keep-alive race with its idle timeout). */
export function serverStats(statsUrl: string): Promise<ServerStats> {
  return new Promise((resolve, reject) => {
    httpGet(statsUrl, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(JSON.parse(body) as ServerStats));
      res.on('error', reject);
    }).on('error', reject);
  });
}

type Measured = Omit<PhaseResult, 'serverRequests' | 'serverCpuMs' | 'cpuMs'>;

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

async function withServer(statsUrl: string, fn: () => Promise<Measured>): Promise<PhaseResult> {
  const before = await serverStats(statsUrl);
  const cpu = cpuMs();
  const r = await fn();
  const cpuUsed = cpuMs() - cpu;
  const after = await serverStats(statsUrl);
  return { ...r, cpuMs: cpuUsed - (r.fixesCpuMs ?? 0), serverRequests: after.requests - before.requests, serverCpuMs: after.cpuMs - before.cpuMs };
}

async function runBaseline(target: ClusterTarget, keep = false): Promise<Measured> {
  const counter: Fetched = { requests: 0, pages: 0, bytes: 0 };
  const started = performance.now();
  const { get, close } = await rawGetter(target, counter);
  const items = await listEverything(get, counter, keep ? [] : undefined);
  const ms = performance.now() - started;
  close();
  return { ms, items, ...counter };
}

/** The same listing through KubeRequester.getJson (lib/k8s's transport), nothing else. */
async function runRequesterOnly(target: ClusterTarget): Promise<Measured> {
  const counter: Fetched = { requests: 0, pages: 0, bytes: 0 };
  const started = performance.now();
  const requester = new KubeRequester(target.name, target.kc);
  const items = await listEverything((p) => requester.getJson<ListPage>(p), counter);
  const ms = performance.now() - started;
  return { ms, items, pages: counter.pages, requests: requester.stats.requests, bytes: requester.stats.bytes };
}

/** scanClusters alone (list + slim + snapshot) with KubeRequester on a shared keep-alive agent. */
async function runScanListKeepAlive(kubeconfig: string): Promise<Measured> {
  const started = performance.now();
  const target = resolveTargets({ kubeconfig: [kubeconfig] })[0]!;
  const ka = withKeepAliveAgent(target.kc);
  let pages = 0;
  const scan = await scanClusters([{ name: target.name, kc: ka.kc }], {
    config: DEFAULT_CONFIG,
    pageSize: PAGE_SIZE,
    concurrency: CONCURRENCY,
    onProgress: (p) => {
      if (p.state === 'listing') pages++;
    },
  });
  const ms = performance.now() - started;
  ka.close();
  if (scan.snapshot.errors.length) throw new Error(`the scan reported errors: ${scan.snapshot.errors.map((e) => e.message).join('; ')}`);
  const stats = scan.results[0]!.stats;
  return { ms, requests: stats.requests, pages, bytes: stats.bytes, items: scan.snapshot.objects.length };
}

/**
 * A full scan is list + snapshot + checks + scores (buildReport as the CLI and the server run it:
 * each fix derives its patches when first read). `splitPatchStage`: the timed rounds then derive
 * every fix's patches too (materializeReportFixes), timed on their own and not in the scan's total —
 * what `drydock scan --format json` or saving the report adds; the cold scan (peak RSS) does not.
 */
async function runFullScan(kubeconfig: string, statsUrl: string, splitPatchStage = true): Promise<Measured> {
  const server0 = await serverStats(statsUrl);
  const started = performance.now();
  const cpu0 = cpuMs();
  const targets = resolveTargets({ kubeconfig: [kubeconfig] });
  let pages = 0;
  const scan = await scanClusters(targets, {
    config: DEFAULT_CONFIG,
    pageSize: PAGE_SIZE,
    concurrency: CONCURRENCY,
    onProgress: (p) => {
      if (p.state === 'listing') pages++;
    },
  });
  const listed = performance.now();
  const cpu1 = cpuMs();
  const server1 = await serverStats(statsUrl);
  const afterStats = performance.now();
  const report = buildReport(scan.snapshot, { config: DEFAULT_CONFIG });
  const evaluated = performance.now();
  const cpu2 = cpuMs();
  if (splitPatchStage) materializeReportFixes(report);
  const done = performance.now();
  const cpu3 = cpuMs();
  if (scan.snapshot.errors.length) throw new Error(`the scan reported errors: ${scan.snapshot.errors.map((e) => e.message).join('; ')}`);
  const stats = scan.results[0]!.stats;
  return {
    ms: evaluated - started - (afterStats - listed),
    listMs: listed - started,
    checksMs: evaluated - afterStats,
    listCpuMs: cpu1 - cpu0,
    checksCpuMs: cpu2 - cpu1,
    listServerCpuMs: server1.cpuMs - server0.cpuMs,
    ...(splitPatchStage ? { fixesMs: done - evaluated, fixesCpuMs: cpu3 - cpu2 } : {}),
    requests: stats.requests,
    pages,
    bytes: stats.bytes,
    items: scan.snapshot.objects.length,
    apps: report.apps.length,
    findings: report.apps.reduce((n, a) => n + a.findings.length, 0),
    fixes: report.apps.reduce((n, a) => n + a.findings.filter((f) => f.fix).length, 0),
  };
}

interface ScanChildResult {
  type: 'result';
  mode: string;
  startRssMB: number;
  maxRssMB: number;
  peakHeapMB: number;
  warmup?: Record<string, PhaseResult>;
  rounds: Record<string, PhaseResult[]>;
}

function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

async function scanMain(mode: string, kubeconfig: string, statsUrl: string, rounds: number): Promise<void> {
  const startRssMB = process.memoryUsage().rss / 2 ** 20;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 10);
  const target = resolveTargets({ kubeconfig: [kubeconfig] })[0]!;
  const phases: Record<string, () => Promise<Measured>> = {
    baseline: () => runBaseline(target),
    baselineKeep: () => runBaseline(target, true),
    requester: () => runRequesterOnly(target),
    scanListKeepAlive: () => runScanListKeepAlive(kubeconfig),
    scan: () => runFullScan(kubeconfig, statsUrl, mode === 'timing'),
  };
  const result: ScanChildResult = { type: 'result', mode, startRssMB, maxRssMB: 0, peakHeapMB: 0, rounds: {} };
  const run = async (name: string) => {
    gc();
    const r = await withServer(statsUrl, phases[name]!);
    (result.rounds[name] ??= []).push(r);
    return r;
  };
  if (mode === 'timing') {
    result.warmup = {};
    for (const name of Object.keys(phases)) result.warmup[name] = await withServer(statsUrl, phases[name]!);
    result.rounds = {};
    for (let i = 0; i < rounds; i++) for (const name of Object.keys(phases)) await run(name);
  } else if (mode === 'rss-scan') {
    await run('scan');
  } else if (mode === 'rss-baseline') {
    await run('baseline');
  } else throw new Error(`unknown mode ${mode}`);
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  result.maxRssMB = process.resourceUsage().maxRSS / 1024;
  result.peakHeapMB = peakHeap / 2 ** 20;
  process.send!(result);
  process.disconnect();
}

// ---------------------------------------------------------------------------------------------
// Orchestrator

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function numArg(name: string, fallback: number): number {
  const v = arg(name);
  return v === undefined ? fallback : Number(v);
}

function specFromArgs(): ClusterSpec {
  return {
    workloads: numArg('workloads', DEFAULT_SPEC.workloads),
    namespaces: numArg('namespaces', DEFAULT_SPEC.namespaces),
    pods: numArg('pods', DEFAULT_SPEC.pods),
    nodes: numArg('nodes', DEFAULT_SPEC.nodes),
    seed: numArg('seed', DEFAULT_SPEC.seed),
  };
}

function specArgs(spec: ClusterSpec): string[] {
  return Object.entries(spec).flatMap(([k, v]) => [`--${k}`, String(v)]);
}

/** Start a child of this same file (tsx's loader and --conditions are inherited via execArgv). */
export function forkSelf(args: string[], extraExecArgv: string[] = [], file = __filename): ChildProcess {
  return fork(file, args, { execArgv: [...process.execArgv, ...extraExecArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

export function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type?: string }) => {
      if (m?.type === type) {
        cleanup();
        resolve(m as T);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited (${code}) before sending "${type}"`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Start the server child and wait until it serves. */
export async function startServerChild(spec: ClusterSpec, profileDir?: string): Promise<{ child: ChildProcess; ready: ServerReady; close: () => Promise<void> }> {
  const child = forkSelf(['--role', 'server', ...specArgs(spec)], profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, 'server')}`] : [], path.join(__dirname, 'scan.ts'));
  const ready = await nextMessage<ServerReady>(child, 'ready');
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send({ type: 'close' });
    });
  return { child, ready, close };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function medianPhase(rs: PhaseResult[]): PhaseResult {
  const keys = Object.keys(rs[0]!) as (keyof PhaseResult)[];
  return Object.fromEntries(keys.map((k) => [k, median(rs.map((r) => r[k] as number))])) as unknown as PhaseResult;
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const fmtMs = (n: number | undefined) => (n === undefined ? '' : Math.round(n).toLocaleString('en-US'));

async function orchestrate(): Promise<void> {
  const spec = specFromArgs();
  const rounds = numArg('rounds', 3);
  const profileDir = process.argv.includes('--profile') ? mkdtempSync(path.join(tmpdir(), 'drydock-bench-prof-')) : undefined;
  const benchStarted = Date.now();
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`bench:scan — ${spec.workloads.toLocaleString('en-US')} workloads in ${spec.namespaces} namespaces, ${spec.pods.toLocaleString('en-US')} pods, ${spec.nodes} nodes (seed ${spec.seed}); page size ${PAGE_SIZE}, ${CONCURRENCY} lists in flight; node ${process.version}, ${cpus().length} CPUs, load average ${load()}`);
  const server = await startServerChild(spec, profileDir);
  const { ready } = server;
  const c = ready.counts;
  console.log(
    `cluster: ${c.objects!.toLocaleString('en-US')} objects — ${['Namespace', 'Node', 'Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'ReplicaSet', 'Pod', 'Service', 'ConfigMap', 'PersistentVolumeClaim', 'PersistentVolume', 'PodDisruptionBudget', 'HorizontalPodAutoscaler']
      .map((k) => `${(c[k] ?? 0).toLocaleString('en-US')} ${k}`)
      .join(', ')}; ${c.workloads!.toLocaleString('en-US')} workloads (pods per workload capped at ${ready.cap}); server ready in ${(ready.setupMs / 1000).toFixed(1)} s, RSS ${ready.rssMB.toFixed(0)} MB`,
  );
  const runChild = async (mode: string, profile: boolean): Promise<ScanChildResult> => {
    const execArgv = ['--expose-gc', ...(profile && profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, `scanner-${mode}`)}`] : [])];
    const child = forkSelf(['--role', 'scan', '--mode', mode, '--kubeconfig', ready.kubeconfig, '--stats', ready.statsUrl, '--rounds', String(rounds)], execArgv, path.join(__dirname, 'scan.ts'));
    const result = await nextMessage<ScanChildResult>(child, 'result');
    await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    return result;
  };
  let failed = false;
  try {
    // Profiling slows what it profiles: only the cold scan (one scan, as the CLI runs it) is profiled, never the timed rounds.
    const timing = await runChild('timing', false);
    const rssScan = await runChild('rss-scan', !!profileDir);
    const rssBaseline = await runChild('rss-baseline', false);
    const base = medianPhase(timing.rounds.baseline!);
    const keep = medianPhase(timing.rounds.baselineKeep!);
    const req = medianPhase(timing.rounds.requester!);
    const scan = medianPhase(timing.rounds.scan!);
    const listKa = medianPhase(timing.rounds.scanListKeepAlive!);
    const cold = rssScan.rounds.scan![0]!;
    const ratio = scan.ms / base.ms;
    const cpuRatio = scan.cpuMs / base.cpuMs;
    const rssOk = rssScan.maxRssMB <= TARGET_RSS_MB;
    const ratioOk = ratio <= TARGET_RATIO;
    failed = !rssOk || !ratioOk;
    const n = (x: number) => x.toLocaleString('en-US');
    const rows: string[][] = [
      ['phase', 'wall ms', 'CPU ms', 'server CPU ms', 'notes'],
      ['raw baseline (fetch + JSON.parse)', fmtMs(base.ms), fmtMs(base.cpuMs), fmtMs(base.serverCpuMs), `${base.requests} requests, ${base.pages} pages, ${mb(base.bytes)} MB, ${n(base.items)} items`],
      ['raw baseline keeping the items', fmtMs(keep.ms), fmtMs(keep.cpuMs), fmtMs(keep.serverCpuMs), `the same, items kept in one array (no copy, no slim): ${(keep.ms / base.ms).toFixed(2)}× baseline wall`],
      ['KubeRequester.getJson only', fmtMs(req.ms), fmtMs(req.cpuMs), fmtMs(req.serverCpuMs), `lib/k8s transport, nothing else: ${(req.ms / base.ms).toFixed(2)}× baseline wall, ${(req.cpuMs / base.cpuMs).toFixed(2)}× CPU`],
      ['scan: list + snapshot', fmtMs(scan.listMs), fmtMs(scan.listCpuMs), fmtMs(scan.listServerCpuMs), `scanClusters: ${scan.requests} requests, ${scan.pages} pages, ${mb(scan.bytes)} MB, ${n(scan.items)} objects`],
      ['  (proposed) list + snapshot, keep-alive', fmtMs(listKa.ms), fmtMs(listKa.cpuMs), fmtMs(listKa.serverCpuMs), `scanClusters with KubeRequester on one shared keep-alive agent: ${(listKa.ms / base.ms).toFixed(2)}× baseline wall`],
      ['scan: checks + scores', fmtMs(scan.checksMs), fmtMs(scan.checksCpuMs), '', `buildReport: ${n(scan.apps!)} apps, ${n(scan.findings!)} findings`],
      ['scan: total', fmtMs(scan.ms), fmtMs(scan.cpuMs), '', 'list + snapshot + checks + scores'],
      ['(not in the scan) every fix\'s patches', fmtMs(scan.fixesMs), '', '', `materializeReportFixes: ${n(scan.fixes!)} fixes, derived on first read (JSON output, saving, the scorecard)`],
      ['ratio scan / baseline', ratio.toFixed(2), cpuRatio.toFixed(2), '', `target ≤ ${TARGET_RATIO} (wall): ${ratioOk ? 'PASS' : 'FAIL'}`],
      ['cold scan in its own process', fmtMs(cold.ms), fmtMs(cold.cpuMs), fmtMs(cold.listServerCpuMs), `list ${fmtMs(cold.listMs)} + checks ${fmtMs(cold.checksMs)} ms`],
      ['peak RSS, cold scan (MB)', rssScan.maxRssMB.toFixed(0), '', '', `target ≤ ${TARGET_RSS_MB}: ${rssOk ? 'PASS' : 'FAIL'}; heap peak ≈ ${rssScan.peakHeapMB.toFixed(0)} MB; RSS after imports ${rssScan.startRssMB.toFixed(0)} MB`],
      ['peak RSS, cold baseline (MB)', rssBaseline.maxRssMB.toFixed(0), '', '', `heap peak ≈ ${rssBaseline.peakHeapMB.toFixed(0)} MB`],
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    console.log(`\nmedians of ${rounds} round(s) after a warm-up round; scanner, server and orchestrator are separate processes`);
    for (const r of rows) console.log(r.map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
    const serverFinal = await serverStats(ready.statsUrl);
    console.log(`\ntest server: ${serverFinal.requests} requests served, peak RSS ${serverFinal.maxRssMB.toFixed(0)} MB (counted in neither figure above)`);
    console.log(`all rounds (wall ms): baseline ${timing.rounds.baseline!.map((r) => fmtMs(r.ms)).join(' / ')}; requester ${timing.rounds.requester!.map((r) => fmtMs(r.ms)).join(' / ')}; scan ${timing.rounds.scan!.map((r) => fmtMs(r.ms)).join(' / ')}; warm-up: baseline ${fmtMs(timing.warmup!.baseline!.ms)}, scan ${fmtMs(timing.warmup!.scan!.ms)}`);
    console.log(`load average now ${load()} (on a busy machine wall times stretch; the CPU column does much less)`);
    console.log(`${failed ? 'FAIL' : 'PASS'}: ratio ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}), peak RSS ${rssScan.maxRssMB.toFixed(0)} MB (target ≤ ${TARGET_RSS_MB}); bench took ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
  } finally {
    await server.close();
  }
  if (profileDir) console.log(`CPU profiles of the cold scan and the server (one per thread: the largest file is the main thread; open in Chrome DevTools): ${profileDir}`);
  process.exitCode = failed ? 1 : 0;
}

async function main(): Promise<void> {
  const role = arg('role');
  if (role === 'server') return serverMain(specFromArgs());
  if (role === 'scan') return scanMain(arg('mode')!, arg('kubeconfig')!, arg('stats')!, numArg('rounds', 3));
  return orchestrate();
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}
