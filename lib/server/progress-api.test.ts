import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET as appRoute } from '@/app/api/progress/app/route';
import { GET as changesRoute } from '@/app/api/progress/changes/route';
import { GET as progressRoute } from '@/app/api/progress/route';
import { saveScan, type Store, type TimelineEntry } from '@/lib/store';
import { makeReport, type AppSpec } from '@/lib/store/test-support';
import { appHistory, progressPage, scopeChoices, type ChangesView, type ProgressData, type ScopeChoices } from './progress-api';
import { ScanService, setScanService } from './scan-service';
import { serverSettings } from './settings';

const base = 'http://127.0.0.1:3000';
const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n, 6)).toISOString();
const CRIT = { check: 'probe-readiness-missing', topic: 'probes' as const, severity: 'critical' as const };
const ESC = { check: 'sec-privilege-escalation', topic: 'security' as const, severity: 'warning' as const };
const TAG = { check: 'image-mutable-tag', topic: 'images' as const, severity: 'warning' as const };

/**
 * Four daily cluster scans of prod + stage, and a manifest upload on day 2 that the trends leave out:
 * - prod/shop/cart (payments): notReady (critical + warning) → critical fixed on day 2 → warning fixed on day 3.
 * - prod/shop/web (web): ready; a new mutable-tag warning on day 3.
 * - stage/ops/cron (team ops, group jobs): ready throughout.
 */
function clusterScan(n: number) {
  const apps: AppSpec[] = [
    { name: 'cart', team: 'payments', group: 'shop', verdict: n < 2 ? 'notReady' : n < 3 ? 'readyWithConditions' : 'ready', score: n < 2 ? 50 : n < 3 ? 70 : 90, fails: [...(n < 2 ? [CRIT] : []), ...(n < 3 ? [ESC] : [])], passes: 2 },
    { name: 'web', team: 'web', group: 'shop', verdict: n < 3 ? 'ready' : 'readyWithConditions', score: n < 3 ? 95 : 85, fails: n >= 3 ? [TAG] : [] },
    { cluster: 'stage', namespace: 'ops', name: 'cron', team: 'ops', group: 'jobs', verdict: 'ready', score: 100 },
  ];
  return makeReport({ scanId: `scan-${n}`, finishedAt: day(n), clusters: ['prod', 'stage'], apps });
}

function upload() {
  const r = makeReport({ scanId: 'upload-1', finishedAt: new Date(Date.UTC(2026, 10, 3, 12)).toISOString(), apps: [{ cluster: '-', namespace: 'default', name: 'edge', verdict: 'notReady', score: 10, fails: [CRIT] }] });
  return { ...r, source: { type: 'manifests' as const, clusters: ['-'], paths: ['edge.yaml'] } };
}

let dir: string;
let svc: ScanService;
let store: Store;

function service(withStore: boolean): ScanService {
  return new ScanService({
    settings: { ...serverSettings({} as NodeJS.ProcessEnv), kubeconfig: null, autoScan: false },
    store: withStore ? { databaseUrl: null, path: path.join(dir, 'drydock.sqlite'), retentionDays: null, reportRetentionDays: null } : null,
    log: () => {},
  });
}

const get = (p: string) => new Request(`${base}${p}`);
async function json<T>(r: Response, status = 200): Promise<T> {
  expect(r.status).toBe(status);
  return (await r.json()) as T;
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'drydock-progress-'));
  svc = service(true);
  setScanService(svc);
  store = (await svc.historyStore())!;
  for (let n = 0; n < 4; n++) await saveScan(store, clusterScan(n));
  await saveScan(store, upload());
});

afterEach(async () => {
  setScanService(undefined);
  await svc.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/progress', () => {
  it('answers the fleet trend over the cluster scans only, oldest first, with the scope choices', async () => {
    const body = await json<ProgressData & { choices: ScopeChoices }>(await progressRoute(get('/api/progress')));
    expect(body.source).toEqual({ type: 'cluster', clusters: ['prod', 'stage'] });
    expect(body.verdicts.map((p) => p.scanId)).toEqual(['scan-0', 'scan-1', 'scan-2', 'scan-3']);
    expect(body.verdicts.map((p) => p.verdicts.notReady)).toEqual([1, 1, 0, 0]);
    expect(body.verdicts.map((p) => p.verdicts.ready)).toEqual([2, 2, 2, 2]);
    expect(body.burnDown.map((p) => [p.critical, p.warning])).toEqual([[1, 1], [1, 1], [0, 1], [0, 1]]);
    expect(body.topics.map((p) => p.scanId)).toEqual(['scan-0', 'scan-1', 'scan-2', 'scan-3']);
    expect(body.choices).toEqual({ clusters: ['-', 'prod', 'stage'], namespaces: ['-/default', 'prod/shop', 'stage/ops'], teams: ['ops', 'payments', 'web'], groups: ['edge', 'jobs', 'shop'] });
    expect(body.label).toBe('the fleet');
  });

  it('narrows to a team, a namespace and a group, and honours from, to and limit', async () => {
    const team = await json<ProgressData>(await progressRoute(get('/api/progress?scope=team&value=payments')));
    expect(team.verdicts.map((p) => [p.apps, p.verdicts.notReady, p.verdicts.readyWithConditions, p.verdicts.ready])).toEqual([[1, 1, 0, 0], [1, 1, 0, 0], [1, 0, 1, 0], [1, 0, 0, 1]]);
    expect(team.burnDown.map((p) => p.critical)).toEqual([1, 1, 0, 0]);
    const ns = await json<ProgressData>(await progressRoute(get('/api/progress?scope=namespace&value=stage/ops')));
    expect(ns.verdicts.map((p) => p.apps)).toEqual([1, 1, 1, 1]);
    expect(ns.burnDown.map((p) => p.critical + p.warning)).toEqual([0, 0, 0, 0]);
    const group = await json<ProgressData>(await progressRoute(get(`/api/progress?scope=group&value=shop&from=${day(1)}&to=${day(2)}`)));
    expect(group.verdicts.map((p) => p.scanId)).toEqual(['scan-1', 'scan-2']);
    const limited = await json<ProgressData>(await progressRoute(get('/api/progress?limit=2')));
    expect(limited.verdicts.map((p) => p.scanId)).toEqual(['scan-2', 'scan-3']);
    expect(limited.burnDown.map((p) => p.scanId)).toEqual(['scan-2', 'scan-3']);
    const nobody = await json<ProgressData>(await progressRoute(get('/api/progress?scope=team&value=nobody')));
    expect(nobody.verdicts).toEqual([]);
  });

  it('refuses a bad scope or range with a 400 that says why', async () => {
    const msg = async (q: string) => (await json<{ error: { message: string } }>(await progressRoute(get(`/api/progress?${q}`)), 400)).error.message;
    expect(await msg('scope=planet&value=x')).toMatch(/scope must be one of fleet, cluster, namespace, team, group/);
    expect(await msg('scope=team')).toMatch(/needs a value/);
    expect(await msg('scope=namespace&value=shop')).toMatch(/<cluster>\/<namespace>/);
    expect(await msg('from=yesterday')).toMatch(/from must be a date/);
    expect(await msg('limit=1')).toMatch(/limit must be at least 2/);
  });
});

describe('GET /api/progress/changes', () => {
  it('lists what is new and what is fixed in the newest cluster scan, in a scope', async () => {
    const { changes } = await json<{ changes: ChangesView }>(await changesRoute(get('/api/progress/changes')));
    expect(changes).toMatchObject({ scanId: 'scan-3', previousScanId: 'scan-2', finishedAt: day(3), previousFinishedAt: day(2) });
    expect(changes.new).toEqual([{ appId: 'prod/shop/Deployment/web', check: 'image-mutable-tag', topic: 'images', container: 'app', severity: 'warning' }]);
    expect(changes.fixed.map((f) => [f.appId, f.check, f.now])).toEqual([['prod/shop/Deployment/cart', 'sec-privilege-escalation', 'resolved']]);
    const team = await json<{ changes: ChangesView }>(await changesRoute(get('/api/progress/changes?scope=team&value=payments')));
    expect(team.changes.new).toEqual([]);
    expect(team.changes.fixed).toHaveLength(1);
    const older = await json<{ changes: ChangesView }>(await changesRoute(get('/api/progress/changes?scan=scan-2')));
    expect(older.changes.fixed.map((f) => f.check)).toEqual(['probe-readiness-missing']);
    const first = await json<{ changes: ChangesView }>(await changesRoute(get('/api/progress/changes?scan=scan-0')));
    expect(first.changes).toMatchObject({ previousScanId: null, previousFinishedAt: null, new: [], fixed: [] });
    expect((await changesRoute(get('/api/progress/changes?scan=scan-nope'))).status).toBe(404);
    expect((await changesRoute(get('/api/progress/changes?scan=../x'))).status).toBe(400);
  });
});

describe('GET /api/progress/app', () => {
  it("answers one app's timeline with the findings that changed", async () => {
    const body = await json<{ appId: string; entries: TimelineEntry[] }>(await appRoute(get('/api/progress/app?id=prod/shop/Deployment/cart')));
    expect(body.entries.map((e) => [e.scanId, e.score, e.verdict, e.failing])).toEqual([
      ['scan-0', 50, 'notReady', 2],
      ['scan-1', 50, 'notReady', 2],
      ['scan-2', 70, 'readyWithConditions', 1],
      ['scan-3', 90, 'ready', 0],
    ]);
    expect(body.entries[2]!.fixed.map((f) => f.check)).toEqual(['probe-readiness-missing']);
    expect((await appRoute(get('/api/progress/app?id=prod/shop/Deployment/nope'))).status).toBe(404);
    expect((await appRoute(get('/api/progress/app?id=just-a-name'))).status).toBe(400);
    expect((await appRoute(get('/api/progress/app'))).status).toBe(400);
  });

  it('feeds the scorecard: entries, or why there are none', async () => {
    const h = await appHistory('prod/shop/Deployment/web');
    expect(h.state === 'ok' && h.entries.map((e) => e.new.map((f) => f.check))).toEqual([[], [], [], ['image-mutable-tag']]);
    expect(await appHistory('x/y/Deployment/z', 30, Promise.resolve(null))).toMatchObject({ state: 'off' });
    expect(await appHistory('x/y/Deployment/z', 30, Promise.reject(new Error('db gone')))).toEqual({ state: 'error', message: 'db gone' });
  });
});

describe('the progress page data', () => {
  it('puts choices, trend and changes together for a scope', async () => {
    const page = await progressPage({ type: 'team', value: 'web' });
    expect(page.state).toBe('ok');
    if (page.state !== 'ok') return;
    expect(page.data.verdicts.map((p) => p.verdicts.readyWithConditions)).toEqual([0, 0, 0, 1]);
    expect(page.changes?.new.map((f) => f.appId)).toEqual(['prod/shop/Deployment/web']);
    expect(page.choices).toEqual(await scopeChoices(store));
  });
});

describe('without a history store', () => {
  it('answers 503 with a message that says what is missing', async () => {
    setScanService(undefined);
    const off = service(false);
    setScanService(off);
    try {
      for (const r of [await progressRoute(get('/api/progress')), await changesRoute(get('/api/progress/changes')), await appRoute(get('/api/progress/app?id=a/b/Deployment/c'))]) {
        const body = await json<{ error: { message: string } }>(r, 503);
        expect(body.error.message).toMatch(/history store is off.*DATABASE_URL/);
      }
      expect(await progressPage({ type: 'fleet' })).toMatchObject({ state: 'off' });
    } finally {
      await off.close();
      setScanService(svc);
    }
  });
});
