import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { currentScan, expectAxeClean, saveScreenshot } from './support';

interface VerdictPoint {
  scanId: string;
  verdicts: Record<'ready' | 'readyWithConditions' | 'notReady' | 'unknown', number>;
}
interface Progress {
  verdicts: VerdictPoint[];
  burnDown: { critical: number }[];
  choices: { clusters: string[]; namespaces: string[]; teams: string[]; groups: string[] };
}
interface Changes {
  changes: { new: unknown[]; fixed: unknown[] };
}

async function progress(request: APIRequestContext, query = ''): Promise<Progress> {
  const r = await request.get(`/api/progress${query}`);
  expect(r.status()).toBe(200);
  return (await r.json()) as Progress;
}

/** Starts a cluster scan through the API and waits until it is done (and stored). */
async function scanOnce(request: APIRequestContext): Promise<void> {
  const r = await request.post('/api/scans', { data: { type: 'cluster' } });
  expect(r.status()).toBe(202);
  const { id } = (await r.json()) as { id: string };
  await expect
    .poll(async () => ((await (await request.get(`/api/scans/${id}?report=0`)).json()) as { status: string }).status, { timeout: 90_000, intervals: [500, 1000] })
    .toBe('done');
  await expect.poll(async () => (await progress(request)).verdicts.some((p) => p.scanId === id), { timeout: 15_000 }).toBe(true);
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => localStorage.setItem('drydock-theme', t), theme);
  await page.reload();
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark');
}

test.describe('progress', () => {
  test.beforeAll(async ({ request }) => {
    test.setTimeout(240_000);
    await currentScan(request);
    // The demo starts with an empty history (unless it seeded one): two scans make a trend.
    while ((await progress(request)).verdicts.length < 2) await scanOnce(request);
  });

  test('shows the readiness trend as a stacked chart with axes and a legend, the burn-down and the topic trend', async ({ page, request }, testInfo) => {
    const api = await progress(request);
    const last = api.verdicts.at(-1)!;
    await page.goto('/progress');
    await expect(page.getByRole('heading', { name: 'Progress', level: 1 })).toBeVisible();
    const chart = page.getByTestId('verdict-chart');
    await expect(chart).toHaveAttribute('data-points', String(api.verdicts.length));
    expect(api.verdicts.length).toBeGreaterThanOrEqual(2);
    const svg = chart.getByRole('img');
    await expect(svg).toHaveAttribute('aria-label', new RegExp(`${api.verdicts.length} scans`));
    await expect(svg.locator('[data-axis="x"]')).toHaveText('Scan time (UTC)');
    await expect(svg.locator('[data-axis="y"]')).toHaveText('Apps');
    // One band per verdict, one hover column (with its tooltip) per scan.
    await expect(svg.locator('path[data-series]')).toHaveCount(4);
    await expect(svg.locator('rect[data-point] title')).toHaveCount(api.verdicts.length);
    await expect(svg.locator('rect[data-point="0"] title')).toContainText('Not ready:');
    const legend = chart.getByTestId('chart-legend');
    for (const [name, v] of [['Ready', 'ready'], ['Ready with conditions', 'readyWithConditions'], ['Not ready', 'notReady'], ['Unknown', 'unknown']] as const) {
      await expect(legend.getByRole('listitem').filter({ hasText: new RegExp(`^${name}\\d+$`) })).toHaveText(`${name}${last.verdicts[v]}`);
    }
    await expect(page.getByTestId('burn-down-chart')).toHaveAttribute('data-points', String(api.burnDown.length));
    await expect(page.getByTestId('burn-down-chart').getByTestId('chart-legend')).toContainText(`Critical${api.burnDown.at(-1)!.critical}`);
    await expect(page.getByTestId('topic-chart').getByTestId('chart-legend').getByRole('listitem')).toHaveCount(8);
    await expect(page.getByTestId('topic-chart').locator('circle title').first()).toContainText(/UTC: \d/);
    await saveScreenshot(page, testInfo, 'progress-fleet');
  });

  test('switching the scope to a team updates the URL and the chart', async ({ page, request }) => {
    const { choices } = await progress(request);
    const team = choices.teams[0]!;
    expect(team).toBeTruthy();
    const api = await progress(request, `?scope=team&value=${encodeURIComponent(team)}`);
    const fleetApps = (await progress(request)).verdicts.at(-1)!;
    const teamLast = api.verdicts.at(-1)!;
    await page.goto('/progress');
    await expect(page.getByTestId('scope-picker')).toHaveAttribute('data-hydrated', 'true');
    await page.getByLabel('Show progress for').selectOption(`team:${team}`);
    await expect(page).toHaveURL(new RegExp(`/progress\\?scope=team&value=${encodeURIComponent(team)}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Progress — team ${team}`);
    const legend = page.getByTestId('verdict-chart').getByTestId('chart-legend');
    await expect(legend.getByRole('listitem').filter({ hasText: /^Ready\d+$/ })).toHaveText(`Ready${teamLast.verdicts.ready}`);
    const total = Object.values(teamLast.verdicts).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(Object.values(fleetApps.verdicts).reduce((a, b) => a + b, 0));
    await expect(page.getByTestId('verdict-chart').getByRole('img')).toHaveAttribute('aria-label', new RegExp(`team ${team}`));
    // The URL alone brings the scope back.
    await page.reload();
    await expect(page.getByLabel('Show progress for')).toHaveValue(`team:${team}`);
  });

  test('lists what is new and what is fixed since the last scan, with links to the apps', async ({ page, request }) => {
    const r = await request.get('/api/progress/changes');
    expect(r.status()).toBe(200);
    const { changes } = (await r.json()) as Changes;
    await page.goto('/progress');
    await expect(page.locator('#new-findings-title')).toHaveText(`New since last scan (${changes.new.length})`);
    await expect(page.locator('#fixed-findings-title')).toHaveText(`Fixed since last scan (${changes.fixed.length})`);
    if (changes.new.length) await expect(page.getByTestId('new-findings-table').getByTestId('change-row')).toHaveCount(changes.new.length);
    else await expect(page.getByTestId('new-findings-empty')).toBeVisible();
    if (changes.fixed.length) {
      const rows = page.getByTestId('fixed-findings-table').getByTestId('change-row');
      await expect(rows).toHaveCount(changes.fixed.length);
      await expect(rows.first().getByRole('link').first()).toHaveAttribute('href', /^\/apps\/[^/]+\/[^/]+\/[^/]+\/[^/]+$/);
    } else await expect(page.getByTestId('fixed-findings-empty')).toBeVisible();
  });

  test("the app scorecard shows the app's history", async ({ page, request }) => {
    const r = await request.get('/api/progress/app?id=demo/shop/Deployment/edge-proxy');
    expect(r.status()).toBe(200);
    const { entries } = (await r.json()) as { entries: { score: number | null }[] };
    await page.goto('/apps/demo/shop/Deployment/edge-proxy');
    const history = page.locator('#history');
    await expect(history.getByRole('heading', { name: 'History' })).toBeVisible();
    await expect(history.getByTestId('app-score-chart')).toHaveAttribute('data-points', String(entries.length));
    await expect(history.getByTestId('app-timeline-row')).toHaveCount(Math.min(12, entries.length));
    await expect(history.getByTestId('app-timeline-row').first()).toContainText(String(entries.at(-1)!.score ?? 'n/a'));
    await history.screenshot({ path: 'test-results/screenshots/progress-app-history.png' });
  });

  test('is axe-clean in light and dark themes', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await page.goto('/progress');
    await setTheme(page, 'light');
    await expectAxeClean(page);
    await setTheme(page, 'dark');
    await expect(page.getByTestId('verdict-chart')).toBeVisible();
    await expectAxeClean(page);
    await saveScreenshot(page, testInfo, 'progress-dark');
  });

  test("the scorecard's History section is axe-clean in both themes", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/apps/demo/shop/Deployment/edge-proxy');
    for (const theme of ['dark', 'light'] as const) {
      await setTheme(page, theme);
      await expect(page.locator('#history')).toBeVisible();
      // Only the section this spec adds: the whole scorecard is checked by scorecard.spec.ts.
      const results = await new AxeBuilder({ page }).include('#history').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), theme).toEqual([]);
    }
  });

  test('fits 768 px', async ({ page }) => {
    await page.setViewportSize({ width: 768, height: 1000 });
    for (const url of ['/progress', '/progress?scope=cluster&value=demo']) {
      await page.goto(url);
      await expect(page.getByTestId('verdict-chart')).toBeVisible();
      // The page's own content (the main navigation is the layout's business).
      const overflow = await page.evaluate(() => {
        const main = document.querySelector('main')!;
        return Math.max(main.scrollWidth - main.clientWidth, ...[...main.querySelectorAll('section, figure, svg')].map((e) => e.getBoundingClientRect().right - document.documentElement.clientWidth));
      });
      expect(overflow, url).toBeLessThanOrEqual(0);
    }
  });
});
