import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/defaults';
import { buildReport } from '../report/build-report';
import type { KubeObject } from '../snapshot/types';
import { startApiServer, type LoggedRequest, type RunningApiServer } from '../../testing/api-server/server';
import { materialize } from '../../testing/cluster-sim/materialize';
import { generateWorkloads } from '../../testing/generate/workloads';
import { resolveTargets } from './contexts';
import { scanClusters } from './scan-clusters';

/**
 * Several contexts in one scan: three in-repo API servers with their own objects, a fourth context
 * whose server is gone. Each cluster keeps its own errors; the good ones lose nothing.
 */
const NAMES = ['alpha', 'beta', 'gamma'] as const;
const objectsOf: Record<string, KubeObject[]> = Object.fromEntries(
  NAMES.map((n, i) => [n, materialize(generateWorkloads({ workloads: 30, namespaces: 3, seed: 11 + i }), { nodes: { count: 3 + 3 * i, zones: ['z-a', 'z-b', 'z-c'], racksPerZone: 1 }, history: 1, maxPodsPerWorkload: 3 })]),
);

const servers: Record<string, RunningApiServer> = {};
/** When each request arrived, per server (the log records only its duration). */
const arrivals = new Map<LoggedRequest, number>();
let kubeconfig: string;

beforeAll(async () => {
  const configs: string[] = [];
  for (const n of NAMES) {
    const s = await startApiServer({ objects: objectsOf[n]!, clusterName: n });
    const push = s.requests.push.bind(s.requests);
    s.requests.push = (...items: LoggedRequest[]) => {
      for (const r of items) arrivals.set(r, Date.now());
      return push(...items);
    };
    servers[n] = s;
    configs.push(s.kubeconfig({ context: n, user: `scanner-${n}` }));
  }
  // "delta": a real kubeconfig entry whose API server has gone away (connection refused).
  const gone = await startApiServer({ objects: [], clusterName: 'delta' });
  configs.push(gone.kubeconfig({ context: 'delta', user: 'scanner-delta' }));
  await gone.close();
  const docs = configs.map((t) => parse(t) as Record<string, unknown[]>);
  const dir = mkdtempSync(path.join(tmpdir(), 'drydock-clusters-'));
  kubeconfig = path.join(dir, 'config');
  writeFileSync(kubeconfig, stringify({ apiVersion: 'v1', kind: 'Config', clusters: docs.flatMap((d) => d.clusters), users: docs.flatMap((d) => d.users), contexts: docs.flatMap((d) => d.contexts), 'current-context': 'alpha' }));
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

const fast = { requester: { backoffMs: 1, maxRetries: 1, maxRetryAfterSeconds: 0, timeoutMs: 5000 }, pageSize: 100 };

function reset(faults: Record<string, Parameters<RunningApiServer['setFaults']>[0]> = {}) {
  for (const n of NAMES) {
    servers[n]!.setFaults(faults[n] ?? {});
    servers[n]!.requests.length = 0;
  }
  arrivals.clear();
}

const count = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind).length;

describe('scanning several contexts in one scan', () => {
  it('keeps every good cluster whole when one is unreachable and another forbids a kind', async () => {
    reset({ beta: { forbid: [{ resource: 'deployments' }] } });
    const targets = resolveTargets({ kubeconfig: [kubeconfig], allContexts: true });
    expect(targets.map((t) => t.name)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    const { snapshot, results } = await scanClusters(targets, { config: DEFAULT_CONFIG, ...fast });

    expect(results.map((r) => r.cluster)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(snapshot.source.clusters).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    // delta: one fatal error, nothing else.
    const delta = results.find((r) => r.cluster === 'delta')!;
    expect(delta.fatal).toMatch(/delta/);
    expect(delta.entries).toEqual([]);
    expect(snapshot.errors.filter((e) => e.cluster === 'delta')).toEqual([expect.objectContaining({ resource: '*', effect: 'the cluster was not scanned' })]);
    // beta: its Deployments are unreadable, in every namespace (403 cluster-wide, then per namespace); its other kinds are there.
    const betaErrors = snapshot.errors.filter((e) => e.cluster === 'beta');
    expect(betaErrors.length).toBeGreaterThan(0);
    expect(betaErrors.every((e) => e.resource === 'deployments' && e.code === 403)).toBe(true);
    const betaObjects = snapshot.objects.filter((e) => e.cluster === 'beta').map((e) => e.object);
    expect(count(betaObjects, 'Deployment')).toBe(0);
    expect(count(betaObjects, 'StatefulSet')).toBe(count(objectsOf.beta!, 'StatefulSet'));
    expect(count(betaObjects, 'Pod')).toBe(count(objectsOf.beta!, 'Pod'));
    // alpha and gamma: no errors, every object of every kind.
    expect(snapshot.errors.filter((e) => e.cluster === 'alpha' || e.cluster === 'gamma')).toEqual([]);
    for (const n of ['alpha', 'gamma'] as const) {
      const got = snapshot.objects.filter((e) => e.cluster === n).map((e) => e.object);
      for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod', 'Node', 'Service']) expect(count(got, kind), `${n} ${kind}`).toBe(count(objectsOf[n]!, kind));
    }
    // The report scores every app of the good clusters, each under its own cluster.
    const report = buildReport(snapshot, { config: DEFAULT_CONFIG });
    for (const n of ['alpha', 'gamma'] as const) {
      const apps = report.apps.filter((a) => a.cluster === n && a.kind === 'Deployment');
      expect(apps.length).toBe(count(objectsOf[n]!, 'Deployment'));
    }
    expect(report.apps.some((a) => a.cluster === 'delta')).toBe(false);
    expect(report.errors.filter((e) => e.cluster === 'delta')).toHaveLength(1);
    // Never a Secret, never a write, on any server.
    for (const n of NAMES) expect(servers[n]!.requests.filter((r) => r.resource === 'secrets' || r.method !== 'GET')).toEqual([]);
  });

  it('scans at most `clusterConcurrency` clusters at a time (from the servers\' request logs)', async () => {
    reset({ alpha: { latencyMs: 15 }, beta: { latencyMs: 15 }, gamma: { latencyMs: 15 } });
    const targets = resolveTargets({ kubeconfig: [kubeconfig], contexts: ['alpha', 'beta', 'gamma'] });
    const { snapshot } = await scanClusters(targets, { config: DEFAULT_CONFIG, ...fast, clusterConcurrency: 2, concurrency: 2 });
    expect(snapshot.errors).toEqual([]);
    // Each cluster is busy from its first request's arrival to its last response.
    const spans = NAMES.map((n) => {
      const reqs = servers[n]!.requests;
      expect(reqs.length).toBeGreaterThan(5);
      return { start: Math.min(...reqs.map((r) => arrivals.get(r)!)), end: Math.max(...reqs.map((r) => arrivals.get(r)! + r.ms)) };
    });
    // The server logs a request's end when its response is flushed, which in this one process can run
    // a few ms after the client has already read it and sent the next request: allow that slack.
    const SLACK_MS = 5;
    const overlapAt = (t: number) => spans.filter((s) => s.start <= t && t < s.end - SLACK_MS).length;
    const maxOverlap = Math.max(...spans.map((s) => overlapAt(s.start)));
    expect(maxOverlap).toBe(2);
    // The third cluster starts only after one of the first two finished.
    const [a, b, c] = spans as [(typeof spans)[0], (typeof spans)[0], (typeof spans)[0]];
    expect(c.start).toBeGreaterThanOrEqual(Math.min(a.end, b.end) - SLACK_MS);
    // Within a cluster, lists stay bounded too (`concurrency` 2 per cluster).
    for (const n of NAMES) {
      const reqs = servers[n]!.requests.filter((r) => r.resource);
      const inFlight = (t: number) => reqs.filter((r) => arrivals.get(r)! <= t && t < arrivals.get(r)! + r.ms - SLACK_MS).length;
      expect(Math.max(...reqs.map((r) => inFlight(arrivals.get(r)!)))).toBeLessThanOrEqual(2);
    }
  });

  it('turns a cluster whose scan throws into that cluster\'s error, and keeps the others', async () => {
    reset();
    const targets = resolveTargets({ kubeconfig: [kubeconfig], contexts: ['alpha', 'beta', 'gamma'] });
    const { snapshot, results } = await scanClusters(targets, {
      config: DEFAULT_CONFIG,
      ...fast,
      onProgress: (p) => {
        if (p.cluster === 'beta' && p.resource === 'namespaces') throw new Error('progress sink broke');
      },
    });
    expect(results.find((r) => r.cluster === 'beta')!.fatal).toMatch(/beta.*progress sink broke/);
    expect(snapshot.errors.map((e) => e.cluster)).toEqual(['beta']);
    for (const n of ['alpha', 'gamma'] as const) expect(snapshot.objects.filter((e) => e.cluster === n && e.object.kind === 'Deployment')).toHaveLength(count(objectsOf[n]!, 'Deployment'));
  });
});
