import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GET as getAudit } from '@/app/api/audit/route';
import { POST as importRoute } from '@/app/api/plan/import/route';
import { DELETE as deleteRoute, GET as listRoute, PUT as putRoute } from '@/app/api/plan/route';
import { GET as wavesRoute } from '@/app/api/waves/route';
import { withStoreScanService } from '@/lib/server/test-scan-service';
import type { AuditEntry, PlanEntry } from '@/lib/store';
import type { WavesView } from '@/lib/views/waves';

const root = path.resolve(__dirname, '..', '..', '..');
const edgeProxy = readFileSync(path.join(root, 'examples', 'shop', 'edge-proxy.yaml'), 'utf8');
const cart = readFileSync(path.join(root, 'examples', 'shop', 'cart.yaml'), 'utf8');
const base = 'http://127.0.0.1:3000';
const EDGE = 'app:-/shop/Deployment/edge-proxy';


function req(p: string, init: { method?: string; json?: unknown; text?: string; user?: string } = {}): Request {
  const headers: Record<string, string> = {};
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  if (init.text !== undefined) headers['Content-Type'] = 'text/csv';
  if (init.user) headers['X-Forwarded-User'] = init.user;
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.text;
  return new Request(`${base}${p}`, { method: init.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) });
}

const json = async <T>(r: Response) => (await r.json()) as T;

const service = withStoreScanService('drydock-plan-');

describe('/api/plan', () => {
  it('sets, lists, filters and deletes entries, audited with the caller', async () => {
    const put = await putRoute(req('/api/plan', { method: 'PUT', json: { subject: EDGE, owner: 'edge', wave: 'wave 1', targetDate: '2026-12-01' }, user: 'alice' }));
    expect(put.status).toBe(201);
    expect((await json<{ entry: PlanEntry }>(put)).entry).toMatchObject({ subject: EDGE, subjectType: 'app', updatedBy: 'alice' });
    const again = await putRoute(req('/api/plan', { method: 'PUT', json: { subject: EDGE, owner: 'edge', wave: 'wave 2', targetDate: null }, user: 'bob' }));
    expect(again.status).toBe(200);
    await putRoute(req('/api/plan', { method: 'PUT', json: { subject: 'group:shop', owner: 'shop', wave: 'wave 1' } }));

    const all = await json<{ entries: PlanEntry[] }>(await listRoute(req('/api/plan')));
    expect(all.entries.map((e) => [e.subject, e.wave])).toEqual([['group:shop', 'wave 1'], [EDGE, 'wave 2']]);
    const some = await json<{ entries: PlanEntry[] }>(await listRoute(req(`/api/plan?subject=${encodeURIComponent(EDGE)}&subject=group:none`)));
    expect(some.entries.map((e) => e.subject)).toEqual([EDGE]);
    const csv = await listRoute(req('/api/plan?format=csv'));
    expect(csv.headers.get('content-disposition')).toContain('migration-plan.csv');
    expect((await csv.text()).split('\r\n')[0]).toBe('subject,owner,wave,target_date,note');

    expect((await deleteRoute(req(`/api/plan?subject=${encodeURIComponent(EDGE)}`, { method: 'DELETE', user: 'carol' }))).status).toBe(200);
    expect((await deleteRoute(req(`/api/plan?subject=${encodeURIComponent(EDGE)}`, { method: 'DELETE' }))).status).toBe(404);

    const audit = (await json<{ entries: AuditEntry[] }>(await getAudit(req('/api/audit')))).entries;
    expect(audit.filter((e) => e.subject === `plan/${EDGE}`).map((e) => [e.action, e.actor])).toEqual([
      ['plan.delete', 'carol'],
      ['plan.update', 'bob'],
      ['plan.create', 'alice'],
    ]);
  });

  it('answers 400 with what is wrong', async () => {
    const bad = await putRoute(req('/api/plan', { method: 'PUT', json: { subject: EDGE, owner: 'x', wave: 'w', targetDate: '2026-02-30' } }));
    expect(bad.status).toBe(400);
    expect((await json<{ error: { message: string } }>(bad)).error.message).toContain('target_date 2026-02-30 is not a date');
    expect((await putRoute(req('/api/plan', { method: 'PUT', json: { subject: 'shop', owner: 'x', wave: 'w' } }))).status).toBe(400);
    expect((await putRoute(req('/api/plan', { method: 'PUT', json: { subject: EDGE, owner: 'x', wave: 'w', extra: 1 } }))).status).toBe(400);
    expect((await deleteRoute(req('/api/plan', { method: 'DELETE' }))).status).toBe(400);
  });
});

describe('/api/plan/import', () => {
  it('refuses a file with a bad line whole, with the lines; saves a good one', async () => {
    const bad = await importRoute(req('/api/plan/import', { method: 'POST', text: 'subject,owner,wave,target_date\ngroup:shop,shop,w1,2026-12-01\ngroup:ops,ops,w1,2026-13-01\n' }));
    expect(bad.status).toBe(400);
    const err = (await json<{ error: { message: string; details: { line: number; message: string }[] } }>(bad)).error;
    expect(err.details).toEqual([{ line: 3, message: 'target_date 2026-13-01 is not a date (YYYY-MM-DD)' }]);
    expect(err.message).toContain('nothing was saved');
    expect((await json<{ entries: PlanEntry[] }>(await listRoute(req('/api/plan')))).entries).toEqual([]);

    const good = await importRoute(req('/api/plan/import', { method: 'POST', json: { csv: 'subject,owner,wave\ngroup:shop,shop,w1\n-/shop/Deployment/cart,payments,w2\n' }, user: 'dave' }));
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ created: 2, updated: 0, unchanged: 0, rows: 2 });
    const entries = (await json<{ entries: PlanEntry[] }>(await listRoute(req('/api/plan')))).entries;
    expect(entries.map((e) => [e.subject, e.updatedBy])).toEqual([['group:shop', 'dave'], ['app:-/shop/Deployment/cart', 'dave']]);
  });
});

describe('/api/waves', () => {
  it('counts verdicts per wave against a scan and downloads as CSV', async () => {
    const scan = await service.svc.waitFor(service.svc.startManifestScan([{ name: 'shop.yaml', content: `${edgeProxy}\n---\n${cart}` }]).id);
    await putRoute(req('/api/plan', { method: 'PUT', json: { subject: EDGE, owner: 'edge', wave: 'wave 1', targetDate: '2020-01-01' } }));
    const r = await wavesRoute(req(`/api/waves?scan=${scan!.id}`));
    expect(r.status).toBe(200);
    const { waves } = await json<{ waves: WavesView }>(r);
    const apps = service.svc.report(scan!.id)!.report.apps;
    const edge = apps.find((a) => a.name === 'edge-proxy')!;
    expect(waves.waves.map((w) => [w.wave, w.total, w.verdicts[edge.verdict]])).toEqual([['wave 1', 1, 1]]);
    expect(waves.waves[0]!.overdue).toBe(edge.verdict === 'ready' ? 0 : 1);
    expect(waves.notPlanned.total).toBe(apps.length - 1);

    const csv = await wavesRoute(req(`/api/waves?scan=${scan!.id}&format=csv`));
    expect(csv.headers.get('content-disposition')).toContain(`waves-${scan!.id}.csv`);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(apps.length + 1);
    // Manifest apps' ids start with "-": the CSV guards them like formulas.
    expect(lines[1]).toBe(`wave 1,${EDGE},'-/shop/Deployment/edge-proxy,${edge.group},edge,2020-01-01,${edge.verdict},${edge.verdict === 'ready' ? 'no' : 'yes'},`);
    expect((await wavesRoute(req('/api/waves?format=xml'))).status).toBe(400);
  });
});
