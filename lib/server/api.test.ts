import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getApp } from '@/app/api/apps/[cluster]/[namespace]/[kind]/[name]/route';
import { GET as getPatch } from '@/app/api/apps/[cluster]/[namespace]/[kind]/[name]/patch/route';
import { GET as getApps } from '@/app/api/apps/route';
import { GET as getExport } from '@/app/api/export/route';
import { GET as getHealth } from '@/app/api/healthz/route';
import { GET as getScan } from '@/app/api/scans/[id]/route';
import { GET as listScans, POST as postScan } from '@/app/api/scans/route';
import { startApiServer, type RunningApiServer } from '@/testing/api-server/server';
import { demoClusterObjects } from '@/testing/demo/demo-cluster';
import { hasKubectl } from '@/lib/patches/testing/kubectl';
import type { AppReport, Report } from '@/lib/report/types';
import { ScanService, setScanService } from './scan-service';
import { serverSettings } from './settings';

let server: RunningApiServer;
let svc: ScanService;
let dir: string;

const base = 'http://127.0.0.1:3000';
const get = (p: string) => new Request(`${base}${p}`);
const params = <T>(p: T) => ({ params: Promise.resolve(p) });
const envoy = { cluster: 'demo', namespace: 'shop', kind: 'Deployment', name: 'edge-proxy' };

beforeAll(async () => {
  server = await startApiServer({ objects: demoClusterObjects(), clusterName: 'demo' });
  dir = mkdtempSync(path.join(tmpdir(), 'drydock-api-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, server.kubeconfig({ context: 'demo' }));
  svc = new ScanService({ settings: { ...serverSettings({} as NodeJS.ProcessEnv), kubeconfig: [kubeconfig] }, store: { databaseUrl: null, path: path.join(dir, 'drydock.sqlite') } });
  setScanService(svc);
  svc.ensureInitialScan();
  const first = svc.list()[0]!;
  await svc.waitFor(first.id);
});

afterAll(async () => {
  setScanService(undefined);
  await svc.close();
  await server.close();
});

async function json<T = Record<string, unknown>>(r: Response): Promise<T> {
  return (await r.json()) as T;
}

describe('the scan service', () => {
  it('scans the configured kubeconfig on first use, with progress per cluster and resource', async () => {
    const scans = svc.list();
    expect(scans).toHaveLength(1);
    const s = scans[0]!;
    expect(s.status).toBe('done');
    expect(s.source).toEqual({ type: 'cluster', clusters: ['demo'], paths: [] });
    expect(s.progress.clusters).toEqual([expect.objectContaining({ cluster: 'demo', state: 'done', failed: 0 })]);
    expect(s.progress.resources.find((r) => r.resource === 'deployments')).toMatchObject({ state: 'done' });
    expect(s.progress.resources.every((r) => r.state === 'done')).toBe(true);
    expect(s.counts!.apps).toBeGreaterThan(20);
  });

  it('never runs two scans of the same context at once: a second request gets the running scan', async () => {
    const first = svc.startClusterScan();
    const second = svc.startClusterScan({ contexts: ['demo'] });
    expect(first.status).toBe('running');
    expect(second.id).toBe(first.id);
    const done = await svc.waitFor(first.id);
    expect(done!.status).toBe('done');
    const third = svc.startClusterScan();
    expect(third.id).not.toBe(first.id);
    await svc.waitFor(third.id);
  });

  it('refuses a context that is not in the kubeconfig', async () => {
    const r = await postScan(new Request(`${base}/api/scans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'cluster', contexts: ['nope'] }) }));
    expect(r.status).toBe(400);
    expect((await json<{ error: { message: string } }>(r)).error.message).toMatch(/context nope is not in the kubeconfig/);
  });
});

describe('GET /api/healthz', () => {
  it('answers ok with the current scan', async () => {
    const r = await getHealth();
    expect(r.status).toBe(200);
    expect(await json(r)).toMatchObject({ status: 'ok', currentScan: svc.currentId() });
  });
});

describe('GET /api/apps', () => {
  it('lists report-schema apps whose count matches the summary', async () => {
    const r = await getApps(get('/api/apps?limit=20000'));
    expect(r.status).toBe(200);
    const body = await json<{ total: number; apps: AppReport[]; scanId: string }>(r);
    const report = svc.report(body.scanId)!.report;
    expect(body.total).toBe(report.summary.apps);
    expect(body.apps[0]!.findings.length).toBeGreaterThan(0);
  });

  it('filters by verdict and check, and sorts', async () => {
    const r = await getApps(get('/api/apps?verdict=notReady&check=probe-exec-zombie-risk&view=rows&sort=name'));
    const body = await json<{ total: number; apps: { id: string; verdict: string; failing: string[] }[] }>(r);
    expect(body.apps.map((a) => a.id)).toContain('demo/shop/Deployment/edge-proxy');
    expect(body.apps.every((a) => a.verdict === 'notReady' && a.failing.includes('probe-exec-zombie-risk'))).toBe(true);
    const counts = await json<{ total: number }>(await getApps(get('/api/apps?verdict=notReady&view=rows')));
    expect(counts.total).toBe(svc.report(svc.currentId()!)!.report.summary.verdicts.notReady);
  });

  it('answers 400 with a clear message for bad input', async () => {
    const r = await getApps(get('/api/apps?verdict=sortOfReady'));
    expect(r.status).toBe(400);
    expect((await json<{ error: { message: string } }>(r)).error.message).toMatch(/verdict must be one of notReady, unknown, readyWithConditions, ready \(got "sortOfReady"\)/);
    expect((await getApps(get('/api/apps?limit=0'))).status).toBe(400);
    expect((await getApps(get('/api/apps?sort=height'))).status).toBe(400);
    expect((await getApps(get('/api/apps?scan=nope'))).status).toBe(404);
    expect((await getApps(get('/api/apps?scan=../../etc'))).status).toBe(400);
  });
});

describe('GET /api/apps/{cluster}/{namespace}/{kind}/{name}', () => {
  it('answers the envoy app with its zombie finding', async () => {
    const r = await getApp(get('/api/apps/demo/shop/Deployment/edge-proxy?include=workload'), params(envoy));
    expect(r.status).toBe(200);
    const app = await json<AppReport & { workload: { kind: string } }>(r);
    const zombie = app.findings.find((f) => f.check === 'probe-exec-zombie-risk' && f.status === 'fail');
    expect(zombie).toMatchObject({ severity: 'critical', container: 'envoy', fix: { kind: 'safe' } });
    expect(app.workload.kind).toBe('Deployment');
  });

  it('answers 404 for an unknown app and 400 for an unknown kind', async () => {
    expect((await getApp(get('/x'), params({ ...envoy, name: 'nope' }))).status).toBe(404);
    const bad = await getApp(get('/x'), params({ ...envoy, kind: 'Gizmo' }));
    expect(bad.status).toBe(400);
    expect((await json<{ error: { message: string } }>(bad)).error.message).toMatch(/kind must be one of Deployment/);
  });
});

describe('GET …/patch', () => {
  it('gives the zombie fix as an httpGet probe in every format', async () => {
    const q = '?check=probe-exec-zombie-risk&container=envoy';
    const s = await getPatch(get(`/p${q}&format=strategic&download=1`), params(envoy));
    expect(s.status).toBe(200);
    expect(s.headers.get('content-disposition')).toMatch(/attachment; filename="drydock-edge-proxy-probe-exec-zombie-risk-envoy.strategic.yaml"/);
    const strategic = await s.text();
    expect(strategic).toContain('httpGet');
    const j = await getPatch(get(`/p${q}&format=json`), params(envoy));
    const ops = await json<{ op: string; path: string; value?: unknown }[]>(j);
    expect(JSON.stringify(ops)).toContain('httpGet');
    const k = await getPatch(get(`/p${q}&format=kustomize`), params(envoy));
    expect(k.headers.get('content-type')).toBe('application/zip');
    const zip = Buffer.from(await k.arrayBuffer());
    expect(zip.subarray(0, 4).toString('hex')).toBe('504b0304');
    const zipFile = path.join(dir, 'patch.zip');
    writeFileSync(zipFile, zip);
    try {
      const listing = execFileSync('unzip', ['-l', zipFile], { encoding: 'utf8' });
      expect(listing).toMatch(/kustomization\.yaml/);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  });

  it.skipIf(!hasKubectl())('gives patches that kubectl applies to the object as scanned', async () => {
    const app = await json<{ workload: unknown }>(await getApp(get('/x?include=workload'), params(envoy)));
    const obj = path.join(dir, 'edge-proxy.json');
    writeFileSync(obj, JSON.stringify(app.workload));
    for (const type of ['strategic', 'json'] as const) {
      const r = await getPatch(get(`/p?format=${type}&check=probe-exec-zombie-risk&container=envoy`), params(envoy));
      const file = path.join(dir, `patch.${type}`);
      writeFileSync(file, await r.text());
      const out = execFileSync('kubectl', ['patch', '--local', '-f', obj, '--type', type, '--patch-file', file, '-o', 'json'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
      const patched = JSON.parse(out) as { spec: { template: { spec: { containers: { livenessProbe: Record<string, unknown> }[] } } } };
      const probe = patched.spec.template.spec.containers[0]!.livenessProbe;
      expect(probe.httpGet).toBeDefined();
      expect(probe.exec).toBeUndefined();
    }
  });

  it('combines every fix of the app without check=', async () => {
    const r = await getPatch(get('/p?format=strategic'), params(envoy));
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('kind: Deployment');
  });

  it('explains what is wrong with a request', async () => {
    const none = await getPatch(get('/p'), params(envoy));
    expect(none.status).toBe(400);
    expect((await json<{ error: { message: string } }>(none)).error.message).toMatch(/format must be strategic, json or kustomize/);
    const pass = await getPatch(get('/p?format=json&check=sec-privileged'), params(envoy));
    expect(pass.status).toBe(404);
    expect((await json<{ error: { message: string } }>(pass)).error.message).toMatch(/does not fail/);
  });
});

describe('POST /api/scans with manifests', () => {
  it('scores the good documents, reports the broken one and keeps the default report', async () => {
    const broken = `${readFileSync(path.join(process.cwd(), 'examples/shop/edge-proxy.yaml'), 'utf8')}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n  bad: [\n`;
    const r = await postScan(new Request(`${base}/api/scans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'manifests', files: [{ name: 'upload.yaml', content: broken }] }) }));
    expect(r.status).toBe(202);
    const scan = await json<{ id: string; status: string }>(r);
    await svc.waitFor(scan.id);
    const done = await json<Report & { status: string }>(await getScan(get(`/api/scans/${scan.id}`), params({ id: scan.id })));
    expect(done.status).toBe('done');
    expect(done.apps.map((a) => a.id)).toEqual(['-/shop/Deployment/edge-proxy']);
    expect(done.notes.some((n) => n.level === 'error' && /upload\.yaml:\d+: document \d+ is not valid YAML/.test(n.message))).toBe(true);
    // The dashboard still shows the cluster by default; the upload is seen by its id.
    expect(svc.currentId()).not.toBe(scan.id);
    const apps = await json<{ total: number }>(await getApps(get(`/api/apps?scan=${scan.id}`)));
    expect(apps.total).toBe(1);
    const one = await getApp(get(`/x?scan=${scan.id}`), params({ ...envoy, cluster: '-' }));
    expect(one.status).toBe(200);
    expect((await json<AppReport>(one)).source).toEqual({ file: 'upload.yaml', line: expect.any(Number) });
    expect((await getApp(get('/x'), params({ ...envoy, cluster: '-' }))).status).toBe(404);
  });

  it('accepts multipart uploads and rejects empty or malformed bodies', async () => {
    const form = new FormData();
    form.append('file', new Blob(['apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec: {containers: [{name: c, image: nginx}]}\n']), 'pod.yaml');
    const r = await postScan(new Request(`${base}/api/scans`, { method: 'POST', body: form }));
    expect(r.status).toBe(202);
    const bad = await postScan(new Request(`${base}/api/scans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"manifests","files":[]}' }));
    expect(bad.status).toBe(400);
    expect((await json<{ error: { message: string } }>(bad)).error.message).toMatch(/no files/);
    const junk = await postScan(new Request(`${base}/api/scans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' }));
    expect(junk.status).toBe(400);
    const kind = await postScan(new Request(`${base}/api/scans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"ftp"}' }));
    expect(kind.status).toBe(400);
    const list = await json<{ scans: unknown[] }>(await listScans());
    expect(list.scans.length).toBeGreaterThanOrEqual(3);
  });

  it('holds each file to 20 MB (a note, the rest scored) and the upload to 60 MB (413)', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec: {containers: [{name: c, image: nginx}]}\n';
    const big = `# ${'x'.repeat(21 * 1024 * 1024)}\n`;
    const post = (files: { name: string; content: string }[]) =>
      postScan(new Request(`${base}/api/scans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'manifests', files }) }));
    const r = await post([{ name: 'big.yaml', content: big }, { name: 'pod.yaml', content: pod }]);
    expect(r.status).toBe(202);
    const scan = (await svc.waitFor((await json<{ id: string }>(r)).id))!;
    expect(scan.counts!.apps).toBe(1);
    expect(scan.notes).toEqual([expect.objectContaining({ level: 'error', file: 'big.yaml', message: expect.stringMatching(/larger than the 20 MB limit; refused/) })]);
    const tooMuch = await post([1, 2, 3].map((i) => ({ name: `big-${i}.yaml`, content: big })));
    expect(tooMuch.status).toBe(413);
    expect((await json<{ error: { message: string } }>(tooMuch)).error.message).toMatch(/at most 60 MB per scan/);
  });

  it('answers 404 for an unknown scan', async () => {
    expect((await getScan(get('/api/scans/scan-x'), params({ id: 'scan-x' }))).status).toBe(404);
  });
});

describe('GET /api/export', () => {
  it('exports json, csv and sarif for a scope', async () => {
    const j = await getExport(get('/api/export?format=json&scope=namespace:demo/shop'));
    expect(j.status).toBe(200);
    const report = await json<Report>(j);
    expect(report.apps.length).toBeGreaterThan(0);
    expect(report.apps.every((a) => a.namespace === 'shop')).toBe(true);
    expect(report.summary.apps).toBe(report.apps.length);
    const csv = await getExport(get('/api/export?format=csv&scope=team:payments'));
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const sarif = await json<{ version: string }>(await getExport(get('/api/export?format=sarif&scope=app:demo/shop/Deployment/edge-proxy')));
    expect(sarif.version).toBe('2.1.0');
  });

  it('renders a self-contained HTML report for a team', async () => {
    const r = await getExport(get('/api/export?format=html&scope=team:payments'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const html = await r.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Drydock readiness report: team payments');
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it('zips a kustomize overlay for a namespace', async () => {
    const r = await getExport(get('/api/export?format=kustomize&scope=namespace:demo/shop'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/zip');
  });

  it('refuses bad scopes and formats', async () => {
    const r = await getExport(get('/api/export?format=pdf'));
    expect(r.status).toBe(400);
    expect((await json<{ error: { message: string } }>(r)).error.message).toMatch(/format must be one of json, csv, sarif, html, kustomize \(got "pdf"\)/);
    const s = await getExport(get('/api/export?format=json&scope=planet:earth'));
    expect(s.status).toBe(400);
    expect((await getExport(get('/api/export?format=json&scope=namespace:demo'))).status).toBe(400);
    expect((await getExport(get('/api/export?format=json&scope=team:nobody'))).status).toBe(404);
  });
});
