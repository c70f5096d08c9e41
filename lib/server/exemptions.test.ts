import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GET as getPatch } from '@/app/api/apps/[cluster]/[namespace]/[kind]/[name]/patch/route';
import { GET as getAudit } from '@/app/api/audit/route';
import { POST as expireRoute } from '@/app/api/exemptions/[id]/expire/route';
import { DELETE as deleteRoute, GET as getOne, PATCH as patchRoute } from '@/app/api/exemptions/[id]/route';
import { GET as listRoute, POST as createRoute } from '@/app/api/exemptions/route';
import { GET as getExport } from '@/app/api/export/route';
import type { AuditEntry, StoredExemption } from '@/lib/store';
import { identityOf } from './identity';
import { ScanService, setScanService } from './scan-service';
import { serverSettings } from './settings';
import { withStoreScanService } from './test-scan-service';

const root = path.resolve(__dirname, '..', '..');
const edgeProxy = readFileSync(path.join(root, 'examples', 'shop', 'edge-proxy.yaml'), 'utf8');
const base = 'http://127.0.0.1:3000';
const params = <T>(p: T) => ({ params: Promise.resolve(p) });


function req(p: string, init: { method?: string; body?: unknown; user?: string } = {}): Request {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.user) headers['X-Forwarded-User'] = init.user;
  return new Request(`${base}${p}`, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}) });
}

async function json<T>(r: Response): Promise<T> {
  return (await r.json()) as T;
}

const valid = {
  scope: 'app',
  app: '-/shop/Deployment/edge-proxy',
  checks: ['probe-exec-zombie-risk'],
  reason: 'envoy is replaced next sprint',
  owner: 'team-edge',
  expires: '2099-01-01',
};

async function create(body: unknown = valid, user?: string): Promise<StoredExemption> {
  const r = await createRoute(req('/api/exemptions', { method: 'POST', body, user }));
  expect(r.status).toBe(201);
  const out = await json<{ exemption: StoredExemption; appliesFrom: string }>(r);
  expect(out.appliesFrom).toBe('next scan');
  return out.exemption;
}

async function audit(): Promise<AuditEntry[]> {
  return (await json<{ entries: AuditEntry[] }>(await getAudit(req('/api/audit')))).entries;
}

const service = withStoreScanService('drydock-exemptions-');

describe('identityOf', () => {
  it('reads the configured header, else "local"', () => {
    const r = new Request(base, { headers: { 'X-Forwarded-User': ' alice@example.com ' } });
    expect(identityOf(r, { DRYDOCK_IDENTITY_HEADER: 'X-Forwarded-User' })).toBe('alice@example.com');
    expect(identityOf(r, { DRYDOCK_IDENTITY_HEADER: 'x-forwarded-user' })).toBe('alice@example.com');
    expect(identityOf(r, {})).toBe('local');
    expect(identityOf(r, { DRYDOCK_IDENTITY_HEADER: 'X-Remote-User' })).toBe('local');
    expect(identityOf(new Request(base, { headers: { 'X-Forwarded-User': '   ' } }), { DRYDOCK_IDENTITY_HEADER: 'X-Forwarded-User' })).toBe('local');
  });
});

describe('/api/exemptions', () => {
  it('creates, lists, reads, edits, expires and deletes, auditing each change with the caller', async () => {
    const e = await create(valid, 'alice');
    expect(e).toMatchObject({ scope: 'app', app: valid.app, checks: valid.checks, owner: 'team-edge', expires: '2099-01-01T00:00:00.000Z' });

    const other = await create({ scope: 'namespace', namespace: 'legacy', checks: ['*'], reason: 'frozen', owner: 'ops', expires: '2099-06-01' });
    const all = await json<{ exemptions: StoredExemption[] }>(await listRoute(req('/api/exemptions')));
    expect(all.exemptions.map((x) => x.id)).toEqual([e.id, other.id]);

    const one = await getOne(req(`/api/exemptions/${e.id}`), params({ id: e.id }));
    expect((await json<{ exemption: StoredExemption }>(one)).exemption.id).toBe(e.id);

    const patched = await patchRoute(req(`/api/exemptions/${e.id}`, { method: 'PATCH', body: { reason: 'replaced in Q3', expires: '2099-02-01' }, user: 'bob' }), params({ id: e.id }));
    expect(patched.status).toBe(200);
    const after = await json<{ exemption: StoredExemption; appliesFrom: string }>(patched);
    expect(after.appliesFrom).toBe('next scan');
    expect(after.exemption).toMatchObject({ reason: 'replaced in Q3', expires: '2099-02-01T00:00:00.000Z', app: valid.app, owner: 'team-edge' });

    const expired = await expireRoute(req(`/api/exemptions/${e.id}/expire`, { method: 'POST', user: 'carol' }), params({ id: e.id }));
    expect(expired.status).toBe(200);
    expect(new Date((await json<{ exemption: StoredExemption }>(expired)).exemption.expires).getTime()).toBeLessThanOrEqual(Date.now());
    const active = await json<{ exemptions: StoredExemption[] }>(await listRoute(req('/api/exemptions?active=true')));
    expect(active.exemptions.map((x) => x.id)).toEqual([other.id]);

    const del = await deleteRoute(req(`/api/exemptions/${other.id}`, { method: 'DELETE', user: 'dave' }), params({ id: other.id }));
    expect(del.status).toBe(200);
    expect((await getOne(req(`/api/exemptions/${other.id}`), params({ id: other.id }))).status).toBe(404);

    const entries = await audit();
    expect(entries.map((x) => [x.action, x.actor, x.subject])).toEqual([
      ['exemption.delete', 'dave', `exemption/${other.id}`],
      ['exemption.expire', 'carol', `exemption/${e.id}`],
      ['exemption.update', 'bob', `exemption/${e.id}`],
      ['exemption.create', 'local', `exemption/${other.id}`],
      ['exemption.create', 'alice', `exemption/${e.id}`],
    ]);
    expect(entries[2]!.detail).toMatchObject({ before: { reason: valid.reason }, after: { reason: 'replaced in Q3' } });
  });

  it('answers 400 with a clear message for bad input', async () => {
    const bad = async (body: unknown) => {
      const r = await createRoute(req('/api/exemptions', { method: 'POST', body }));
      expect(r.status).toBe(400);
      return (await json<{ error: { message: string } }>(r)).error.message;
    };
    expect(await bad({ ...valid, scope: 'planet' })).toMatch(/scope must be one of cluster, namespace, app, container, check/);
    expect(await bad({ ...valid, checks: [] })).toMatch(/at least one check/);
    expect(await bad({ ...valid, reason: '  ' })).toMatch(/needs a reason/);
    expect(await bad({ ...valid, owner: undefined })).toMatch(/owner/);
    expect(await bad({ ...valid, expires: 'someday' })).toMatch(/expiry date/);
    expect(await bad({ ...valid, app: undefined })).toMatch(/scope "app" needs "app"/);
    expect(await bad({ ...valid, scope: 'container' })).toMatch(/scope "container" needs "container"/);
    expect(await bad({ ...valid, colour: 'red' })).toMatch(/colour/);
    expect(await bad('{not json')).toMatch(/not valid JSON/);
    expect(await bad('')).toMatch(/needs a JSON body/);

    const e = await create();
    const p = await patchRoute(req(`/api/exemptions/${e.id}`, { method: 'PATCH', body: { scope: 'cluster' } }), params({ id: e.id }));
    expect(p.status).toBe(400);
    expect((await json<{ error: { message: string } }>(p)).error.message).toMatch(/scope "cluster" needs "cluster"/);
    const empty = await patchRoute(req(`/api/exemptions/${e.id}`, { method: 'PATCH', body: {} }), params({ id: e.id }));
    expect(empty.status).toBe(400);
    expect((await patchRoute(req('/api/exemptions/nope', { method: 'PATCH', body: { reason: 'x' } }), params({ id: 'nope' }))).status).toBe(404);
    expect((await expireRoute(req('/api/exemptions/nope/expire', { method: 'POST' }), params({ id: 'nope' }))).status).toBe(404);
    expect((await deleteRoute(req('/api/exemptions/nope', { method: 'DELETE' }), params({ id: 'nope' }))).status).toBe(404);
    expect((await getOne(req('/api/exemptions/a%20b'), params({ id: 'a b' }))).status).toBe(400);
    expect((await listRoute(req('/api/exemptions?active=maybe'))).status).toBe(400);
    // Nothing invalid was stored or audited: only the one create.
    expect((await audit()).map((x) => x.action)).toEqual(['exemption.create']);
  });

  it('answers 503 without a history store', async () => {
    const off = new ScanService({ settings: { ...serverSettings({} as NodeJS.ProcessEnv), kubeconfig: null, autoScan: false }, store: null, log: () => {} });
    setScanService(off);
    const r = await listRoute(req('/api/exemptions'));
    expect(r.status).toBe(503);
    expect((await json<{ error: { message: string } }>(r)).error.message).toMatch(/history store/);
  });

  it('applies from the next scan', async () => {
    const before = await service.svc.waitFor(service.svc.startManifestScan([{ name: 'edge-proxy.yaml', content: edgeProxy }]).id);
    await create();
    const after = await service.svc.waitFor(service.svc.startManifestScan([{ name: 'edge-proxy.yaml', content: edgeProxy }]).id);
    const status = (id: string) => service.svc.report(id)!.report.apps[0]!.findings.find((f) => f.check === 'probe-exec-zombie-risk')!.status;
    expect(status(before!.id)).toBe('fail');
    expect(status(after!.id)).toBe('exempt');
  });
});

describe('GET /api/audit', () => {
  it('exports CSV with formula cells guarded', async () => {
    await create({ ...valid, reason: '=HYPERLINK("http://evil")', owner: '@owner' }, '+alice');
    const r = await getAudit(req('/api/audit?format=csv'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="drydock-audit.csv"/);
    const lines = (await r.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,subject,detail');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^1,\d{4}-\d\d-\d\dT[^,]+,'\+alice,exemption\.create,exemption\/[0-9a-f-]+,"\{/);
    expect(lines[1]).toContain('""reason"":""=HYPERLINK');
    const bad = await getAudit(req('/api/audit?format=xml'));
    expect(bad.status).toBe(400);
    expect((await json<{ error: { message: string } }>(bad)).error.message).toMatch(/format must be json or csv/);
    expect((await json<{ entries: AuditEntry[] }>(await getAudit(req('/api/audit?limit=1')))).entries).toHaveLength(1);
  });

  it('guards a detail that starts like a formula', async () => {
    const { renderAuditCsv } = await import('./exemptions-api');
    const csv = renderAuditCsv([{ id: 7, at: '2026-01-01T00:00:00.000Z', actor: '=cmd', action: 'x', subject: '-1+1', detail: null }]);
    expect(csv.split('\r\n')[1]).toBe("7,2026-01-01T00:00:00.000Z,'=cmd,x,'-1+1,null");
  });
});

describe('patch downloads', () => {
  it('are recorded in the audit log with who, what and the format', async () => {
    const scan = await service.svc.waitFor(service.svc.startManifestScan([{ name: 'edge-proxy.yaml', content: edgeProxy }]).id);
    const key = { cluster: '-', namespace: 'shop', kind: 'Deployment', name: 'edge-proxy' };
    const p = await getPatch(req(`/p?check=probe-exec-zombie-risk&container=envoy&format=strategic&download=1&scan=${scan!.id}`, { user: 'erin' }), params(key));
    expect(p.status).toBe(200);
    const k = await getExport(req(`/api/export?format=kustomize&scope=fleet&scan=${scan!.id}`, { user: 'frank' }));
    expect(k.status).toBe(200);
    const json1 = await getExport(req(`/api/export?format=json&scope=fleet&scan=${scan!.id}`));
    expect(json1.status).toBe(200);
    const failed = await getPatch(req(`/p?check=no-such-check&format=json&scan=${scan!.id}`), params(key));
    expect(failed.status).toBe(404);
    const entries = await audit();
    expect(entries.map((e) => [e.action, e.actor, e.subject, e.detail])).toEqual([
      ['patch.download', 'frank', 'scope/fleet', { format: 'kustomize', scan: scan!.id }],
      ['patch.download', 'erin', 'app/-/shop/Deployment/edge-proxy', { format: 'strategic', scan: scan!.id, check: 'probe-exec-zombie-risk', container: 'envoy' }],
    ]);
  });
});
