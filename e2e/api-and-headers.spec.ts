import { expect, test } from '@playwright/test';
import { currentScan } from './support';

test.describe('API and security headers', () => {
  test.beforeAll(async ({ request }) => {
    await currentScan(request);
  });

  test('pages carry a nonce CSP, nosniff and frame-ancestors none', async ({ request }) => {
    const r = await request.get('/');
    const csp = r.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers()['x-content-type-options']).toBe('nosniff');
    expect(r.headers()['x-frame-options']).toBe('DENY');
    const api = await request.get('/api/healthz');
    expect(api.headers()['x-content-type-options']).toBe('nosniff');
    expect(api.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  test('bad input gets a 4xx with a clear message', async ({ request }) => {
    const bad = await request.get('/api/apps?verdict=maybe');
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('verdict must be one of');
    const patch = await request.get('/api/apps/demo/shop/Deployment/edge-proxy/patch?format=yaml');
    expect(patch.status()).toBe(400);
    const missing = await request.get('/api/apps/demo/shop/Deployment/nope');
    expect(missing.status()).toBe(404);
    const scan = await request.post('/api/scans', { data: { type: 'cluster', contexts: ['nowhere'] } });
    expect(scan.status()).toBe(400);
    expect(((await scan.json()) as { error: { message: string } }).error.message).toContain('context nowhere is not in the kubeconfig');
  });

  test('the export formats download', async ({ request }) => {
    for (const [format, type] of [['json', 'application/json'], ['csv', 'text/csv'], ['sarif', 'application/sarif+json'], ['html', 'text/html']] as const) {
      const r = await request.get(`/api/export?format=${format}&scope=namespace:demo/shop`);
      expect(r.status(), format).toBe(200);
      expect(r.headers()['content-type']).toContain(type);
      expect(r.headers()['content-disposition']).toContain('attachment');
    }
  });
});
