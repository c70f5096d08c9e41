import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as expireRoute } from '@/app/api/exemptions/[id]/expire/route';
import { DELETE as deleteRoute, PATCH as patchRoute } from '@/app/api/exemptions/[id]/route';
import { GET as listRoute, POST as createRoute } from '@/app/api/exemptions/route';
import { GET as getSettings, PUT as putSettings } from '@/app/api/settings/route';
import { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION } from '@/lib/checks/exemptions';
import { auditLog, listScans, openStore, type StoredExemption } from '@/lib/store';
import type { KubeObject } from '@/lib/snapshot/types';
import type { AnnotationExemptionsSetting } from './scan-service';
import { startApiServer, type RunningApiServer } from '@/testing/api-server/server';
import { demoClusterObjects } from '@/testing/demo/demo-cluster';
import { ScanService, setScanService, type ScanServiceDeps } from './scan-service';
import { scanClusters } from '@/lib/k8s/scan-clusters';
import { serverSettings } from './settings';

/**
 * A change of exemptions or of the admin switch re-scores the current cluster scan at once (a new
 * scan from the same resources), and says so; after a restart it applies from the next scan.
 */

const EDGE = 'demo/shop/Deployment/edge-proxy';
const ZOMBIE = 'probe-exec-zombie-risk';
const base = 'http://127.0.0.1:3000';
const params = <T>(p: T) => ({ params: Promise.resolve(p) });

let server: RunningApiServer;
let kdir: string;
let kubeconfig: string;
let dir: string;
let dbPath: string;
const services: ScanService[] = [];

/** The demo cluster, with edge-proxy exempted from the zombie check by annotation. */
function objects(): KubeObject[] {
  return demoClusterObjects().map((o) =>
    o.kind === 'Deployment' && o.metadata.name === 'edge-proxy' && o.metadata.namespace === 'shop'
      ? { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [EXEMPT_ANNOTATION]: ZOMBIE, [EXEMPT_REASON_ANNOTATION]: 'envoy is replaced next sprint' } } }
      : o,
  );
}

beforeAll(async () => {
  server = await startApiServer({ objects: objects(), clusterName: 'demo' });
  kdir = mkdtempSync(path.join(tmpdir(), 'drydock-reeval-kube-'));
  kubeconfig = path.join(kdir, 'kubeconfig');
  writeFileSync(kubeconfig, server.kubeconfig({ context: 'demo' }));
});

afterAll(async () => {
  await server.close();
  rmSync(kdir, { recursive: true, force: true });
});

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'drydock-reeval-'));
  dbPath = path.join(dir, 'drydock.sqlite');
});

afterEach(async () => {
  setScanService(undefined);
  await Promise.all(services.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

function service(deps: Partial<ScanServiceDeps> = {}): ScanService {
  const svc = new ScanService({
    ...deps,
    settings: { ...serverSettings({} as NodeJS.ProcessEnv), kubeconfig: [kubeconfig], autoScan: false },
    store: { databaseUrl: null, path: dbPath, retentionDays: null, reportRetentionDays: null },
    log: () => {},
  });
  services.push(svc);
  setScanService(svc);
  return svc;
}

function req(p: string, method = 'GET', body?: unknown): Request {
  return new Request(`${base}${p}`, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

type Change = { appliesFrom: 'now' | 'next scan'; scan: string | null };

function appOf(svc: ScanService, id = svc.currentId()!) {
  return svc.report(id)!.report.apps.find((a) => a.id === EDGE)!;
}

describe('re-scoring after an exemption change', () => {
  it('makes a new current scan at once: the finding is accepted risk and the score moves; expiring it brings both back', async () => {
    const svc = service();
    const first = await svc.waitFor(svc.startClusterScan().id);
    expect(first?.status).toBe('done');
    const before = appOf(svc);
    const failing = before.findings.find((f) => f.status === 'fail' && f.severity !== 'info')!;
    expect(failing).toBeDefined();

    const created = await createRoute(req('/api/exemptions', 'POST', { scope: 'app', app: EDGE, checks: [failing.check], reason: 'accepted for the test', owner: 'team-edge', expires: '2099-01-01' }));
    expect(created.status).toBe(201);
    const c = (await created.json()) as Change & { exemption: StoredExemption };
    expect(c.appliesFrom).toBe('now');
    expect(c.scan).not.toBe(first!.id);
    expect(svc.currentId()).toBe(c.scan);
    const view = svc.get(c.scan!)!;
    expect(view).toMatchObject({ status: 'done', trigger: 'exemptions changed', source: first!.source });
    expect(view.notes.at(-1)?.message).toBe(`re-scored the resources read by scan ${first!.id} because exemptions changed`);

    const exempted = appOf(svc);
    const now = exempted.findings.find((f) => f.check === failing.check && f.container === failing.container)!;
    expect(now.status).toBe('exempt');
    expect((now.evidence.exemption as StoredExemption).id).toBe(c.exemption.id);
    expect(now.reason).toContain('accepted for the test');
    expect(exempted.score).not.toBe(before.score);
    // The first scan is untouched: it keeps what it saw.
    expect(appOf(svc, first!.id).score).toBe(before.score);

    const list = (await (await listRoute(req('/api/exemptions'))).json()) as { scan: string; matches: Record<string, number> };
    expect(list.scan).toBe(c.scan);
    expect(list.matches[c.exemption.id]).toBe(before.findings.filter((f) => f.status === 'fail' && f.check === failing.check).length);

    const expired = (await (await expireRoute(req(`/api/exemptions/${c.exemption.id}/expire`, 'POST'), params({ id: c.exemption.id }))).json()) as Change;
    expect(expired.appliesFrom).toBe('now');
    expect(svc.currentId()).toBe(expired.scan);
    const back = appOf(svc);
    expect(back.findings.find((f) => f.check === failing.check && f.container === failing.container)!.status).toBe('fail');
    expect(back.score).toBe(before.score);

    const patched = (await (await patchRoute(req(`/api/exemptions/${c.exemption.id}`, 'PATCH', { expires: '2099-02-01' }), params({ id: c.exemption.id }))).json()) as Change;
    expect(patched.appliesFrom).toBe('now');
    expect(appOf(svc).score).toBe(exempted.score);
    const deleted = (await (await deleteRoute(req(`/api/exemptions/${c.exemption.id}`, 'DELETE'), params({ id: c.exemption.id }))).json()) as Change;
    expect(deleted.appliesFrom).toBe('now');
    expect(appOf(svc).score).toBe(before.score);

    // Every re-scored scan is kept in the history store like any scan.
    const store = await openStore({ databaseUrl: null, path: dbPath });
    try {
      const stored = (await listScans(store)).map((s) => s.scanId);
      for (const id of [first!.id, c.scan!, expired.scan!, patched.scan!, deleted.scan!]) expect(stored).toContain(id);
    } finally {
      await store.close();
    }
    // After a restart the trigger is read back from the stored report.
    const again = service();
    expect((await again.find(c.scan!))?.trigger).toBe('exemptions changed');
  });

  it('a change made while a scan is being scored is in the scan that becomes current (it is re-scored)', async () => {
    let change: Promise<Response> | null = null;
    const svc = service({
      // Yield after every app, so that the change lands in the middle of the scoring.
      scoreSliceMs: 0,
      scanClusters: async (targets, opts) => {
        const read = await scanClusters(targets, opts);
        setTimeout(() => (change = createRoute(req('/api/exemptions', 'POST', { scope: 'app', app: EDGE, checks: ['sec-run-as-root'], reason: 'r', owner: 'o', expires: '2099-01-01' }))), 0);
        return read;
      },
    });
    await svc.ready(); // the store is open before the scan reads its exemptions
    const scan = svc.startClusterScan();
    expect((await svc.waitFor(scan.id))?.status).toBe('done');
    expect(change).not.toBeNull();
    // No scan was current when the change was made: it applied from the next one, which then re-scored itself.
    expect(((await (await change!).json()) as Change).appliesFrom).toBe('next scan');
    expect(appOf(svc, scan.id).findings.find((f) => f.check === 'sec-run-as-root')?.status).toBe('fail');
    const current = svc.currentId()!;
    expect(current).not.toBe(scan.id);
    expect(svc.get(current)).toMatchObject({ status: 'done', trigger: 'exemptions changed' });
    expect(appOf(svc).findings.filter((f) => f.check === 'sec-run-as-root').map((f) => f.status)).toEqual(expect.arrayContaining(['exempt']));
  });

  it('two quick changes are re-scored one after the other, in the order they were made', async () => {
    const svc = service();
    const first = await svc.waitFor(svc.startClusterScan().id);
    const [a, b] = await Promise.all([svc.reevaluate('exemptions changed'), svc.reevaluate('settings changed')]);
    expect(a.appliesFrom).toBe('now');
    expect(b.appliesFrom).toBe('now');
    // The second started from the first's result (then the current scan), and is the current one now.
    expect(svc.get(a.scanId!)?.notes.at(-1)?.message).toBe(`re-scored the resources read by scan ${first!.id} because exemptions changed`);
    expect(svc.get(b.scanId!)?.notes.at(-1)?.message).toBe(`re-scored the resources read by scan ${a.scanId} because settings changed`);
    expect(svc.currentId()).toBe(b.scanId);
  });

  it('applies from the next scan when the current scan was restored from the store', async () => {
    const svc = service();
    await svc.waitFor(svc.startClusterScan().id);
    const restarted = service();
    await restarted.ready();
    expect(restarted.currentId()).not.toBeNull();
    const r = await restarted.reevaluate('exemptions changed');
    expect(r).toEqual({ appliesFrom: 'next scan', scanId: null });
    const created = await createRoute(req('/api/exemptions', 'POST', { scope: 'check', checks: [ZOMBIE], reason: 'r', owner: 'o', expires: '2099-01-01' }));
    expect(((await created.json()) as Change).appliesFrom).toBe('next scan');
  });
});

describe('the admin switch "ignore annotation exemptions"', () => {
  it('is stored with who and when, audited, and turns annotation exemptions into fails at once', async () => {
    const svc = service();
    await svc.waitFor(svc.startClusterScan().id);
    const zombie = () => appOf(svc).findings.find((f) => f.check === ZOMBIE)!;
    expect(zombie().status).toBe('exempt');
    expect(zombie().reason).toMatch(/annotation drydock\.dev\/exempt/);

    const initial = (await (await getSettings(req('/api/settings'))).json()) as { settings: { ignoreAnnotationExemptions: AnnotationExemptionsSetting } };
    expect(initial.settings.ignoreAnnotationExemptions).toEqual({ config: false, stored: false, effective: false, updatedAt: null, updatedBy: null });

    const on = new Request(`${base}/api/settings`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ignoreAnnotationExemptions: true }) });
    const r = await putSettings(on);
    expect(r.status).toBe(200);
    const body = (await r.json()) as Change & { settings: { ignoreAnnotationExemptions: AnnotationExemptionsSetting } };
    expect(body.appliesFrom).toBe('now');
    expect(body.settings.ignoreAnnotationExemptions).toMatchObject({ config: false, stored: true, effective: true, updatedBy: 'local' });
    expect(svc.get(body.scan!)?.trigger).toBe('settings changed');
    expect(zombie().status).toBe('fail');

    // A scan that reads the cluster again keeps applying it.
    await svc.waitFor(svc.startClusterScan().id);
    expect(zombie().status).toBe('fail');

    await putSettings(new Request(`${base}/api/settings`, { method: 'PUT', body: JSON.stringify({ ignoreAnnotationExemptions: false }) }));
    expect(zombie().status).toBe('exempt');

    const store = await svc.historyStore();
    expect((await auditLog(store!)).map((e) => [e.action, e.subject, e.detail])).toEqual([
      ['setting.update', 'setting/ignoreAnnotationExemptions', { before: true, after: false }],
      ['setting.update', 'setting/ignoreAnnotationExemptions', { before: null, after: true }],
    ]);
    const bad = await putSettings(new Request(`${base}/api/settings`, { method: 'PUT', body: JSON.stringify({ ignoreAnnotationExemptions: 'yes' }) }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/true or false/);
  });
});
