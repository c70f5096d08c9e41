import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as getScan } from '@/app/api/scans/[id]/route';
import { GET as listScansRoute } from '@/app/api/scans/route';
import { createExemption, listScans, openStore, storedReport } from '@/lib/store';
import { startApiServer, type RunningApiServer } from '@/testing/api-server/server';
import { demoClusterObjects } from '@/testing/demo/demo-cluster';
import type { ScanView } from '@/lib/views/scan-view';
import { reportState } from './reports';
import { ScanService, setScanService, type ScanServiceDeps } from './scan-service';
import { serverSettings } from './settings';

const root = path.resolve(__dirname, '..', '..');
const edgeProxy = readFileSync(path.join(root, 'examples', 'shop', 'edge-proxy.yaml'), 'utf8');

let server: RunningApiServer;
let kubeconfig: string;
let dir: string;
let dbPath: string;
const services: ScanService[] = [];
let logged: string[];

beforeAll(async () => {
  server = await startApiServer({ objects: demoClusterObjects(), clusterName: 'demo' });
  const kdir = mkdtempSync(path.join(tmpdir(), 'drydock-history-kube-'));
  kubeconfig = path.join(kdir, 'kubeconfig');
  writeFileSync(kubeconfig, server.kubeconfig({ context: 'demo' }));
});

afterAll(async () => {
  await server.close();
  rmSync(path.dirname(kubeconfig), { recursive: true, force: true });
});

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'drydock-history-'));
  dbPath = path.join(dir, 'drydock.sqlite');
  logged = [];
});

afterEach(async () => {
  setScanService(undefined);
  await Promise.all(services.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** A service as a server run would hold it: the test's own SQLite file, never the environment's. */
function service(extra: Partial<ScanServiceDeps> = {}): ScanService {
  const svc = new ScanService({
    settings: { ...serverSettings({} as NodeJS.ProcessEnv), kubeconfig: [kubeconfig], autoScan: false },
    store: { databaseUrl: null, path: dbPath, retentionDays: null, reportRetentionDays: null },
    log: (m) => logged.push(m),
    ...extra,
  });
  services.push(svc);
  return svc;
}

async function finished(svc: ScanService, scan: ScanView): Promise<ScanView> {
  const done = await svc.waitFor(scan.id);
  expect(done?.status).toBe('done');
  return done!;
}

async function storedIds(): Promise<string[]> {
  const store = await openStore({ databaseUrl: null, path: dbPath });
  try {
    return (await listScans(store)).map((s) => s.scanId);
  } finally {
    await store.close();
  }
}

describe('the scan service with the history store', () => {
  it('saves every finished scan', async () => {
    const svc = service();
    const upload = await finished(svc, svc.startManifestScan([{ name: 'edge-proxy.yaml', content: edgeProxy }]));
    const cluster = await finished(svc, svc.startClusterScan());
    expect(await storedIds()).toEqual([cluster.id, upload.id]);
    const store = await openStore({ databaseUrl: null, path: dbPath });
    try {
      expect(await storedReport(store, cluster.id)).toEqual(svc.report(cluster.id)!.report);
    } finally {
      await store.close();
    }
    expect(logged).toEqual([]);
  });

  it('lists the scans of an earlier run after a restart, and shows the newest stored cluster scan', async () => {
    const first = service();
    const older = await finished(first, first.startClusterScan());
    const upload = await finished(first, first.startManifestScan([{ name: 'edge-proxy.yaml', content: edgeProxy }]));
    const newest = await finished(first, first.startClusterScan());
    const newestReport = first.report(newest.id)!.report;
    await first.close();

    const second = service();
    setScanService(second);
    expect(second.list()).toEqual([]);
    const history = await second.history();
    expect(history.map((s) => s.id)).toEqual([newest.id, upload.id, older.id]);
    const stored = history[0]!;
    expect(stored).toMatchObject({ id: newest.id, status: 'done', source: newest.source, startedAt: newestReport.startedAt, finishedAt: newestReport.finishedAt, summary: newest.summary, counts: newest.counts });
    expect(stored.durationMs).toBeGreaterThanOrEqual(0);
    expect(history[1]!.counts).toEqual(upload.counts);
    expect(second.currentId()).toBe(newest.id);

    // The dashboard shows the stored scan until a scan of this run finishes; the list merges both.
    const state = await reportState(undefined, second);
    expect(state).toMatchObject({ state: 'ready', isDefault: true, scan: { id: newest.id } });
    const fresh = second.startClusterScan();
    expect(second.currentId()).toBe(newest.id);
    await finished(second, fresh);
    expect(second.currentId()).toBe(fresh.id);
    const merged = await second.history();
    expect(merged.map((s) => s.id)).toEqual([fresh.id, newest.id, upload.id, older.id]);

    const r = await listScansRoute();
    expect(r.status).toBe(200);
    const body = (await r.json()) as { current: string; scans: ScanView[] };
    expect(body.current).toBe(fresh.id);
    expect(body.scans.map((s) => s.id)).toEqual([fresh.id, newest.id, upload.id, older.id]);
    expect(logged).toEqual([]);
  });

  it('answers GET /api/scans/{id} and ?scan= from the stored report of an earlier run', async () => {
    const first = service();
    const upload = await finished(first, first.startManifestScan([{ name: 'edge-proxy.yaml', content: edgeProxy }]));
    const report = first.report(upload.id)!.report;
    await first.close();

    const second = service();
    setScanService(second);
    const params = (id: string) => ({ params: Promise.resolve({ id }) });
    const r = await getScan(new Request(`http://127.0.0.1/api/scans/${upload.id}`), params(upload.id));
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ scanId: upload.id, status: 'done', apps: JSON.parse(JSON.stringify(report.apps)) as unknown[] });
    const short = (await (await getScan(new Request(`http://127.0.0.1/api/scans/${upload.id}?report=0`), params(upload.id))).json()) as Record<string, unknown>;
    expect(short).toMatchObject({ scanId: upload.id, status: 'done', summary: report.summary });
    expect((await getScan(new Request('http://127.0.0.1/api/scans/scan-nope'), params('scan-nope'))).status).toBe(404);

    const state = await reportState(upload.id, second);
    expect(state).toMatchObject({ state: 'ready', isDefault: false, scan: { id: upload.id } });
    if (state.state === 'ready') expect(state.report).toEqual(report);
    expect(await reportState('scan-nope', second)).toEqual({ state: 'missing', id: 'scan-nope' });
  });

  it('applies the stored exemption records to every scan', async () => {
    const svc = service();
    const before = await finished(svc, svc.startManifestScan([{ name: 'edge-proxy.yaml', content: edgeProxy }]));
    const app = svc.report(before.id)!.report.apps[0]!;
    const failing = app.findings.find((f) => f.status === 'fail')!;
    expect(failing).toBeDefined();

    const store = await openStore({ databaseUrl: null, path: dbPath });
    try {
      await createExemption(store, { checks: [failing.check], scope: 'app', app: app.id, reason: 'accepted until the rewrite', owner: 'team-edge', expires: new Date(Date.now() + 86_400_000).toISOString() }, 'test');
      await createExemption(store, { checks: ['*'], scope: 'app', app: app.id, reason: 'lapsed', owner: 'team-edge', expires: new Date(Date.now() - 86_400_000).toISOString() }, 'test');
    } finally {
      await store.close();
    }

    const after = await finished(svc, svc.startManifestScan([{ name: 'edge-proxy.yaml', content: edgeProxy }]));
    const findings = svc.report(after.id)!.report.apps[0]!.findings.filter((f) => f.check === failing.check && f.container === failing.container);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.status).toBe('exempt');
    // The expired record exempts nothing: other failures stay failures.
    const otherFailures = app.findings.filter((f) => f.status === 'fail' && f.check !== failing.check).length;
    expect(svc.report(after.id)!.report.apps[0]!.findings.filter((f) => f.status === 'fail').length).toBe(otherFailures);
  });

  it('keeps serving from memory when the store cannot be opened', async () => {
    const blocker = path.join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const svc = service({ store: { databaseUrl: null, path: path.join(blocker, 'drydock.sqlite') } });
    const upload = await finished(svc, svc.startManifestScan([{ name: 'edge-proxy.yaml', content: edgeProxy }]));
    expect(svc.report(upload.id)?.report.apps).toHaveLength(1);
    expect((await svc.history()).map((s) => s.id)).toEqual([upload.id]);
    expect(await reportState(undefined, svc)).toMatchObject({ state: 'ready', scan: { id: upload.id } });
    expect(logged.some((m) => m.includes('cannot open the history store'))).toBe(true);
  });

  it('keeps the scan in memory when saving it fails', async () => {
    const svc = service();
    const upload = await finished(svc, svc.startManifestScan([{ name: 'edge-proxy.yaml', content: edgeProxy }]));
    const store = await openStore({ databaseUrl: null, path: dbPath });
    try {
      await store.db.schema.dropTable('findings').execute();
    } finally {
      await store.close();
    }
    const again = await finished(svc, svc.startManifestScan([{ name: 'edge-proxy.yaml', content: edgeProxy }]));
    expect(logged.some((m) => m.includes(`cannot save scan ${again.id}`))).toBe(true);
    expect(svc.list().map((s) => s.id)).toEqual([again.id, upload.id]);
    expect(svc.report(again.id)?.report.apps).toHaveLength(1);
    expect((await reportState(again.id, svc)).state).toBe('ready');
  });
});
