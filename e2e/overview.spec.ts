import { expect, test } from '@playwright/test';
import { apiRows, currentScan, expectAxeClean, saveScreenshot } from './support';

const VERDICTS = ['ready', 'readyWithConditions', 'notReady', 'unknown'] as const;

test.describe('overview', () => {
  test.beforeAll(async ({ request }) => {
    await currentScan(request);
  });

  test("shows the API's verdict counts, and each count opens the apps it counts", async ({ page, request }, testInfo) => {
    const id = await currentScan(request);
    const scan = (await (await request.get(`/api/scans/${id}`)).json()) as { summary: { apps: number; score: number; verdicts: Record<string, number> } };
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    for (const v of VERDICTS) {
      await expect(page.getByTestId(`verdict-count-${v}`)).toHaveText(String(scan.summary.verdicts[v]));
      const api = await apiRows(request, `verdict=${v}`);
      expect(api.total).toBe(scan.summary.verdicts[v]);
    }
    await expect(page.getByTestId('overall-score')).toHaveText(String(scan.summary.score));
    await saveScreenshot(page, testInfo, 'overview');

    await page.getByTestId('verdict-count-notReady').click();
    await expect(page).toHaveURL(/\/apps\?verdict=notReady$/);
    await expect(page.getByTestId('apps-count')).toContainText(`Showing ${scan.summary.verdicts.notReady} of ${scan.summary.apps} apps`);
  });

  test('links the most frequent failing check and the roll-ups to the filtered apps list', async ({ page }) => {
    await page.goto('/');
    const first = page.locator('#failing-checks li').first();
    const count = Number((await first.getByRole('link', { name: /apps fail/ }).innerText()).replace(/\D+/g, ''));
    await first.getByRole('link', { name: /apps fail/ }).click();
    await expect(page).toHaveURL(/\/apps\?check=/);
    await expect(page.getByTestId('apps-count')).toContainText(`Showing ${count} of`);

    await page.goto('/');
    const shop = page.getByTestId('rollup-namespaces').getByRole('row', { name: /demo\/shop/ });
    const apps = Number(await shop.locator('td').first().innerText());
    await shop.getByRole('link', { name: 'demo/shop', exact: true }).click();
    await expect(page).toHaveURL(/namespace=shop/);
    await expect(page.getByTestId('apps-count')).toContainText(`Showing ${apps} of`);
  });

  test('switches between the fleet and one cluster, every number narrowed to it', async ({ page, request }) => {
    const east = await apiRows(request, 'cluster=demo-east');
    const eastNotReady = await apiRows(request, 'cluster=demo-east&verdict=notReady');
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Clusters' }).getByRole('link', { name: 'demo-east' }).click();
    await expect(page).toHaveURL(/\?cluster=demo-east/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview — demo-east');
    await expect(page.getByTestId('verdict-count-notReady')).toHaveText(String(eastNotReady.total));
    await page.getByTestId('verdict-count-notReady').click();
    await expect(page).toHaveURL(/cluster=demo-east/);
    await expect(page.getByTestId('apps-count')).toContainText(`Showing ${eastNotReady.total} of ${(await apiRows(request)).total} apps`);
    expect(east.total).toBeGreaterThan(0);
  });

  test('is axe-clean in light and dark themes and has a working theme toggle', async ({ page }) => {
    await page.goto('/');
    await expectAxeClean(page);
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    const wasDark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
    await toggle.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(!wasDark);
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(!wasDark);
    await expectAxeClean(page);
  });

  test('the main pages are usable at 768 px: nothing overflows the page', async ({ page }) => {
    await page.setViewportSize({ width: 768, height: 1000 });
    for (const url of ['/', '/apps', '/apps/demo/shop/Deployment/edge-proxy', '/checks', '/checks/probe-exec-zombie-risk', '/scans']) {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, url).toBeLessThanOrEqual(0);
    }
  });
});
