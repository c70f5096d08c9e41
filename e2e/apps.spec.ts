import { expect, test } from '@playwright/test';
import { apiRows, currentScan, expectAxeClean, gotoHydrated, saveScreenshot } from './support';

test.describe('apps list', () => {
  test.beforeAll(async ({ request }) => {
    await currentScan(request);
  });

  test('filters by verdict, and the filter survives a reload', async ({ page, request }, testInfo) => {
    const api = await apiRows(request, 'verdict=notReady');
    await gotoHydrated(page, '/apps', 'apps-view');
    await page.getByLabel('Verdict', { exact: true }).selectOption('notReady');
    await expect(page).toHaveURL(/verdict=notReady/);
    await expect(page.getByTestId('apps-count')).toContainText(`Showing ${api.total} of`);
    await page.reload();
    await expect(page.getByLabel('Verdict', { exact: true })).toHaveValue('notReady');
    await expect(page.getByTestId('apps-count')).toContainText(`Showing ${api.total} of`);
    // One snapshot of the rendered rows (the list is virtualized: rows come and go while it settles).
    await expect(page.getByTestId('app-row').first()).toBeVisible();
    const rows = await page.getByTestId('app-row').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const text of rows) expect(text).toContain('Not ready');
    await saveScreenshot(page, testInfo, 'apps');
  });

  test('filters by failing check, and the filter survives a reload', async ({ page, request }) => {
    const api = await apiRows(request, 'check=probe-exec-zombie-risk');
    expect(api.apps.map((a) => a.id)).toContain('demo/shop/Deployment/edge-proxy');
    await gotoHydrated(page, '/apps', 'apps-view');
    await page.getByLabel('Failing check', { exact: true }).selectOption('probe-exec-zombie-risk');
    await expect(page).toHaveURL(/check=probe-exec-zombie-risk/);
    await expect(page.getByTestId('apps-count')).toContainText(`Showing ${api.total} of`);
    await expect(page.locator('a[href="/apps/demo/shop/Deployment/edge-proxy"]')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Failing check', { exact: true })).toHaveValue('probe-exec-zombie-risk');
    await expect(page.getByTestId('apps-count')).toContainText(`Showing ${api.total} of`);
  });

  test('searches by text, sorts by column and navigates rows with the keyboard', async ({ page }) => {
    await gotoHydrated(page, '/apps', 'apps-view');
    await page.getByLabel('Search', { exact: true }).fill('demo-east edge-proxy');
    await expect(page.getByTestId('app-row')).toHaveCount(1);
    await expect(page).toHaveURL(/q=demo-east\+edge-proxy/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('button', { name: 'Sort by Score' }).click();
    await expect(page).toHaveURL(/sort=score/);
    const scores = await page.getByTestId('app-row').evaluateAll((rows) => rows.slice(0, 10).map((r) => Number(r.querySelectorAll('[role="cell"]')[7]?.textContent)));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    await page.getByTestId('app-row').first().getByRole('link').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('app-row').nth(1).getByRole('link')).toBeFocused();
  });

  test('is axe-clean', async ({ page }) => {
    await gotoHydrated(page, '/apps?verdict=notReady', 'apps-view');
    await expect(page.getByTestId('app-row').first()).toBeVisible();
    await expectAxeClean(page);
  });

  test('offers the namespace patches when one namespace is selected', async ({ page }) => {
    await gotoHydrated(page, '/apps?cluster=demo&namespace=shop', 'apps-view');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scope-patches').click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
  });
});
