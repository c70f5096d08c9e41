import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Waits until the dashboard has a finished scan to show (the demo scans on first use). */
export async function currentScan(request: APIRequestContext): Promise<string> {
  let id: string | null = null;
  await expect
    .poll(
      async () => {
        const r = await request.get('/api/healthz');
        id = ((await r.json()) as { currentScan: string | null }).currentScan;
        return id;
      },
      { timeout: 60_000, intervals: [250, 500, 1000] },
    )
    .not.toBeNull();
  return id!;
}

/** No WCAG 2.0/2.1 A or AA violation on the page as it is now. */
export async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(summary, 'axe violations').toEqual([]);
}

export const SCREENSHOT_DIR = path.join(process.cwd(), 'test-results', 'screenshots');

/** A full-page screenshot kept as a test artifact (test-results/screenshots/<name>.png) and attached to the report. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

export interface ApiAppRow {
  id: string;
  verdict: string;
  failing: string[];
}

export async function apiRows(request: APIRequestContext, query = ''): Promise<{ total: number; apps: ApiAppRow[] }> {
  const r = await request.get(`/api/apps?view=rows&limit=20000${query ? `&${query}` : ''}`);
  expect(r.status()).toBe(200);
  return (await r.json()) as { total: number; apps: ApiAppRow[] };
}

/** Opens a page and waits until its client view is hydrated (input before that would be lost). */
export async function gotoHydrated(page: Page, url: string, view: 'apps-view' | 'scans-view' | 'page-hydrated'): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId(view)).toHaveAttribute('data-hydrated', 'true');
}
