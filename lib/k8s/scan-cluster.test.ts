import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/defaults';
import { buildReport } from '../report/build-report';
import { startApiServer, type RunningApiServer } from '../../testing/api-server/server';
import { materialize } from '../../testing/cluster-sim/materialize';
import { generateWorkloads } from '../../testing/generate/workloads';
import { resolveTargets } from './contexts';
import { scanClusters } from './scan-clusters';

const workloads = generateWorkloads({ workloads: 120, namespaces: 6, seed: 7 });
const objects = materialize(workloads, { nodes: { count: 9, zones: ['eu-1a', 'eu-1b', 'eu-1c'], racksPerZone: 2 }, managedFields: true, history: 2, maxPodsPerWorkload: 6 });

let server: RunningApiServer;
let kubeconfig: string;

beforeAll(async () => {
  server = await startApiServer({ objects, clusterName: 'test' });
  const dir = mkdtempSync(path.join(tmpdir(), 'drydock-k8s-'));
  kubeconfig = path.join(dir, 'config');
  writeFileSync(kubeconfig, server.kubeconfig({ context: 'test' }));
});
afterAll(() => server.close());

const fast = { requester: { backoffMs: 1, maxRetryAfterSeconds: 0 }, pageSize: 50 };

async function scan(faults: Parameters<RunningApiServer['setFaults']>[0] = {}, config = DEFAULT_CONFIG) {
  server.setFaults(faults);
  server.requests.length = 0;
  const targets = resolveTargets({ kubeconfig: [kubeconfig] });
  return scanClusters(targets, { config, ...fast });
}

const countKind = (s: Awaited<ReturnType<typeof scan>>, kind: string) => s.snapshot.objects.filter((e) => e.object.kind === kind).length;
const expectedKind = (kind: string) => objects.filter((o) => o.kind === kind).length;

function assertPolite(requests: RunningApiServer['requests']) {
  expect(requests.filter((r) => r.resource === 'secrets' || r.path.includes('secrets'))).toEqual([]);
  expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
  // Every list is paginated, and no object is fetched one by one.
  for (const r of requests.filter((r) => r.resource)) {
    expect(r.name, `per-object GET ${r.path}`).toBeNull();
    expect(r.query.limit).toBe('50');
  }
}

describe('scanning a cluster through the test API server', () => {
  it('lists every kind, follows continue, never asks for Secrets', async () => {
    const s = await scan();
    expect(s.snapshot.errors).toEqual([]);
    for (const kind of ['Deployment', 'Pod', 'ReplicaSet', 'Node', 'Service', 'PersistentVolume']) expect(countKind(s, kind)).toBe(expectedKind(kind));
    assertPolite(server.requests);
    const podPages = server.requests.filter((r) => r.resource === 'pods');
    expect(podPages.length).toBe(Math.ceil(expectedKind('Pod') / 50));
    expect(podPages.slice(1).every((r) => r.query.continue)).toBe(true);
    expect(s.results[0]!.version).toBe('v1.31.4');
  });

  it('strips server-managed fields but keeps who owns spec.replicas', async () => {
    const s = await scan();
    const d = s.snapshot.objects.find((e) => e.object.kind === 'Deployment')!.object;
    expect(d.metadata.resourceVersion).toBeUndefined();
    expect(d.metadata.creationTimestamp).toBeUndefined();
    expect(d.metadata.managedFields).toEqual([{ manager: 'kubectl-client-side-apply', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }]);
    const node = s.snapshot.objects.find((e) => e.object.kind === 'Node')!.object;
    expect(node.status.images).toBeUndefined();
    expect(node.status.allocatable.cpu).toBe('8');
  });

  it('keeps of an owned pod its metadata, status, node and container names, images and resources', async () => {
    const s = await scan();
    const pod = s.snapshot.objects.find((e) => e.object.kind === 'Pod' && e.object.metadata.ownerReferences?.length)!.object;
    expect(pod.metadata.labels).toBeDefined();
    expect(pod.status.phase).toBeDefined();
    expect(Object.keys(pod.spec).every((k) => ['nodeName', 'resources', 'containers', 'initContainers', 'ephemeralContainers'].includes(k))).toBe(true);
    for (const c of pod.spec.containers) expect(Object.keys(c).every((k) => ['name', 'image', 'resources'].includes(k))).toBe(true);
    expect(pod.spec.containers[0].name).toBeTruthy();
  });

  it('links live pods to their apps and reports the scan as a cluster scan', async () => {
    const s = await scan();
    const report = buildReport(s.snapshot, { config: DEFAULT_CONFIG });
    expect(report.source).toEqual({ type: 'cluster', clusters: ['test'], paths: [] });
    const deployments = report.apps.filter((a) => a.kind === 'Deployment');
    expect(deployments.length).toBe(expectedKind('Deployment'));
    expect(report.apps.every((a) => a.id.startsWith('test/'))).toBe(true);
  });

  it('retries 429 (Retry-After), 500 and a reset connection without losing anything', async () => {
    const s = await scan({ tooManyRequests: [{ resource: 'pods', times: 2, retryAfterSeconds: 1 }], error500: [{ resource: 'deployments', times: 1 }], reset: [{ resource: 'services', times: 1 }] });
    expect(s.snapshot.errors).toEqual([]);
    expect(countKind(s, 'Pod')).toBe(expectedKind('Pod'));
    expect(countKind(s, 'Deployment')).toBe(expectedKind('Deployment'));
    expect(countKind(s, 'Service')).toBe(expectedKind('Service'));
    expect(server.requests.filter((r) => r.status === 429)).toHaveLength(2);
    expect(server.requests.filter((r) => r.status === 500)).toHaveLength(1);
    expect(s.results[0]!.stats.retries).toBeGreaterThanOrEqual(4);
    assertPolite(server.requests);
  });

  it('restarts a list whose continue token expired (410)', async () => {
    const s = await scan({ expireContinue: [{ resource: 'pods', times: 1 }] });
    expect(s.snapshot.errors).toEqual([]);
    expect(countKind(s, 'Pod')).toBe(expectedKind('Pod'));
    const pods = server.requests.filter((r) => r.resource === 'pods');
    expect(pods.filter((r) => r.status === 410)).toHaveLength(1);
    expect(pods.filter((r) => !r.query.continue).length).toBe(2); // the first page, twice
  });

  it('falls back to namespaces when a kind is forbidden cluster-wide, and reports what stays unreadable', async () => {
    const s = await scan({ forbid: [{ resource: 'poddisruptionbudgets', scope: 'cluster' }, { resource: 'horizontalpodautoscalers', namespaces: ['ns-2'] }, { resource: 'horizontalpodautoscalers', scope: 'cluster' }] });
    expect(countKind(s, 'PodDisruptionBudget')).toBe(expectedKind('PodDisruptionBudget'));
    const hpaErrors = s.snapshot.errors.filter((e) => e.resource === 'horizontalpodautoscalers');
    expect(hpaErrors).toHaveLength(1);
    expect(hpaErrors[0]).toMatchObject({ cluster: 'test', namespace: 'ns-2', code: 403 });
    expect(countKind(s, 'HorizontalPodAutoscaler')).toBe(objects.filter((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.namespace !== 'ns-2').length);
    assertPolite(server.requests.filter((r) => r.status === 200));
  });

  it('marks the apps whose checks could not be evaluated as Unknown and says why', async () => {
    const s = await scan({ forbid: [{ resource: 'poddisruptionbudgets' }] });
    expect(s.snapshot.errors.filter((e) => e.resource === 'poddisruptionbudgets').length).toBeGreaterThan(0);
    const report = buildReport(s.snapshot, { config: DEFAULT_CONFIG });
    expect(report.errors.length).toBeGreaterThan(0);
    const pdbFindings = report.apps.flatMap((a) => a.findings.filter((f) => f.check === 'ha-pdb-missing'));
    expect(pdbFindings.length).toBeGreaterThan(0);
    expect(pdbFindings.every((f) => f.status === 'notApplicable' && f.evidence.unknown === true && /poddisruptionbudgets/.test(f.reason ?? ''))).toBe(true);
    // Apps with nothing critical known become Unknown, and say why.
    const unknown = report.apps.filter((a) => a.verdict === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((a) => a.verdictReason.includes('poddisruptionbudgets'))).toBe(true);
    expect(report.errors[0]!.effect).toMatch(/^checks .*ha-pdb-missing.* are unknown for apps in (this cluster|namespace [\w-]+)$/);
  });

  it('an unreachable cluster is a one-line error naming the context, and others still scan', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drydock-k8s-'));
    const bad = path.join(dir, 'bad');
    writeFileSync(bad, server.kubeconfig({ context: 'down', cluster: 'down', user: 'down-user' }).replace(/https:\/\/127\.0\.0\.1:\d+/, 'https://127.0.0.1:1'));
    server.setFaults({});
    const targets = resolveTargets({ kubeconfig: [kubeconfig, bad], allContexts: true });
    expect(targets.map((t) => t.name).sort()).toEqual(['down', 'test']);
    const s = await scanClusters(targets, { config: DEFAULT_CONFIG, ...fast });
    const down = s.snapshot.errors.find((e) => e.cluster === 'down')!;
    expect(down.message).toBe('context down: cannot reach https://127.0.0.1:1 (ECONNREFUSED)');
    expect(countKind(s, 'Deployment')).toBe(expectedKind('Deployment'));
  });

  it('a bad CA and a rejected token are clear errors', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drydock-k8s-'));
    const wrongCa = path.join(dir, 'ca');
    writeFileSync(wrongCa, server.kubeconfig({ context: 'ca' }).replace(/certificate-authority-data: .*/, `insecure-skip-tls-verify: false`));
    const noCa = await scanClusters(resolveTargets({ kubeconfig: [wrongCa] }), { config: DEFAULT_CONFIG, ...fast });
    expect(noCa.snapshot.errors[0]!.message).toMatch(/^context ca: TLS verification of https:\/\/127\.0\.0\.1:\d+ failed/);
    const badToken = path.join(dir, 'token');
    writeFileSync(badToken, server.kubeconfig({ context: 'tok' }).replace(/token: .*/, 'token: expired'));
    const rejected = await scanClusters(resolveTargets({ kubeconfig: [badToken] }), { config: DEFAULT_CONFIG, ...fast });
    expect(rejected.snapshot.errors[0]!.message).toBe('context tok: the API server rejected the credentials (401 Unauthorized) — the token may have expired');
  });

  it('refuses configs that would silently fall back to localhost:8080', () => {
    expect(() => resolveTargets({ kubeconfig: ['/nonexistent/kubeconfig'] })).toThrow('no kubeconfig found');
    expect(() => resolveTargets({ kubeconfig: [kubeconfig], contexts: ['nope'] })).toThrow('context nope is not in the kubeconfig (have: test)');
  });

  it('a missing exec plugin is named', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drydock-k8s-'));
    const f = path.join(dir, 'exec');
    writeFileSync(f, server.kubeconfig({ context: 'eks' }).replace(/token: .*/, 'exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: aws-iam-authenticator-missing, args: [token] }'));
    expect(() => resolveTargets({ kubeconfig: [f] })).toThrow('context eks: exec credential plugin "aws-iam-authenticator-missing" was not found on PATH');
  });

  it('a missing exec plugin in one context of several: that cluster is not scanned, the others are', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drydock-k8s-'));
    const f = path.join(dir, 'exec');
    writeFileSync(f, server.kubeconfig({ context: 'eks', cluster: 'eks', user: 'eks-user' }).replace(/token: .*/, 'exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: aws-iam-authenticator-missing, args: [token] }'));
    server.setFaults({});
    const targets = resolveTargets({ kubeconfig: [kubeconfig, f], allContexts: true });
    expect(targets.map((t) => [t.name, t.problem?.message ?? null]).sort()).toEqual([
      ['eks', 'context eks: exec credential plugin "aws-iam-authenticator-missing" was not found on PATH (users[eks-user].exec.command)'],
      ['test', null],
    ]);
    const s = await scanClusters(targets, { config: DEFAULT_CONFIG, ...fast });
    expect(s.snapshot.errors.filter((e) => e.cluster === 'eks')).toEqual([
      { cluster: 'eks', resource: '*', namespace: null, code: null, message: 'context eks: exec credential plugin "aws-iam-authenticator-missing" was not found on PATH (users[eks-user].exec.command)', effect: 'the cluster was not scanned' },
    ]);
    expect(countKind(s, 'Deployment')).toBe(expectedKind('Deployment'));
  });
});
