import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClusterObjects } from '../demo/demo-cluster';
import { startApiServer, type RunningApiServer } from './server';

let server: RunningApiServer;
let kubeconfig: string;
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

beforeAll(async () => {
  server = await startApiServer({ objects: demoClusterObjects(), clusterName: 'demo' });
  kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'drydock-api-')), 'config');
  writeFileSync(kubeconfig, server.kubeconfig());
});
afterAll(() => server.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in assertions
function get(p: string, token = server.token): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${p}`, { ca: server.ca, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || 'null'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the test API server', () => {
  it('serves HTTPS with a certificate for 127.0.0.1 and requires the bearer token', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const denied = await get('/version', 'wrong');
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });
    expect((await get('/version')).body.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
  });

  it('answers discovery', async () => {
    expect((await get('/api')).body.versions).toEqual(['v1']);
    expect((await get('/apis')).body.groups.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['apps', 'batch', 'policy', 'autoscaling']));
    const apps = (await get('/apis/apps/v1')).body;
    expect(apps.resources.find((r: { name: string }) => r.name === 'deployments')).toMatchObject({ kind: 'Deployment', namespaced: true, verbs: ['get', 'list'] });
  });

  it('paginates with limit/continue and filters by labelSelector', async () => {
    const all = (await get('/api/v1/pods')).body.items.length;
    const first = (await get('/api/v1/pods?limit=7')).body;
    expect(first.items).toHaveLength(7);
    expect(first.metadata.remainingItemCount).toBe(all - 7);
    const second = (await get(`/api/v1/pods?limit=7&continue=${encodeURIComponent(first.metadata.continue)}`)).body;
    expect(second.items[0].metadata.name).not.toBe(first.items[0].metadata.name);
    const cart = (await get('/api/v1/namespaces/shop/pods?labelSelector=app%3Dcart')).body.items;
    expect(cart.length).toBeGreaterThan(0);
    expect(cart.every((p: { metadata: { labels: Record<string, string> } }) => p.metadata.labels.app === 'cart')).toBe(true);
    expect((await get('/apis/apps/v1/deployments?labelSelector=app.kubernetes.io%2Fpart-of%20in%20(storefront,edge)')).body.items.length).toBeGreaterThan(3);
  });

  it('gets single objects and answers Status objects for what is missing', async () => {
    const d = (await get('/apis/apps/v1/namespaces/shop/deployments/edge-proxy')).body;
    expect(d).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'edge-proxy', namespace: 'shop' } });
    const missing = await get('/apis/apps/v1/namespaces/shop/deployments/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
  });

  it('switches faults on: 403 per resource, 500 once, 429 with Retry-After, 410 on continue, latency', async () => {
    server.setFaults({ forbid: [{ resource: 'nodes' }], error500: [{ resource: 'services', times: 1 }], tooManyRequests: [{ resource: 'configmaps', times: 1, retryAfterSeconds: 2 }], expireContinue: [{ resource: 'pods', times: 1 }] });
    expect((await get('/api/v1/nodes')).status).toBe(403);
    expect((await get('/api/v1/services')).status).toBe(500);
    expect((await get('/api/v1/services')).status).toBe(200);
    const tmr = await get('/api/v1/configmaps');
    expect(tmr.status).toBe(429);
    expect(tmr.headers['retry-after']).toBe('2');
    const first = (await get('/api/v1/pods?limit=5')).body;
    const expired = await get(`/api/v1/pods?limit=5&continue=${encodeURIComponent(first.metadata.continue)}`);
    expect(expired.status).toBe(410);
    expect(expired.body.reason).toBe('Expired');
    server.setFaults({ latencyMs: 120 });
    const t = Date.now();
    await get('/version');
    expect(Date.now() - t).toBeGreaterThanOrEqual(100);
    server.setFaults({});
  });

  it('refuses Secrets and logs the request', async () => {
    const before = server.requests.length;
    expect((await get('/api/v1/namespaces/shop/secrets')).status).toBe(403);
    expect(server.requests.slice(before).map((r) => r.resource)).toEqual(['secrets']);
  });

  // Asynchronous: the server runs in this process, a synchronous child would block its event loop.
  it.skipIf(!hasKubectl)('works with kubectl: get deploy -A', async () => {
    const { stdout: out } = await promisify(execFile)('kubectl', ['get', 'deploy', '-A', '--kubeconfig', kubeconfig], { encoding: 'utf8', timeout: 60_000 });
    expect(out).toMatch(/NAMESPACE\s+NAME/);
    expect(out).toMatch(/shop\s+edge-proxy/);
    expect(out).toMatch(/identity\s+token-service/);
  });
});
