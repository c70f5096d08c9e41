import { expect, test } from '@playwright/test';
import { currentScan, expectAxeClean, saveScreenshot } from './support';

test.describe('checks', () => {
  test.beforeAll(async ({ request }) => {
    await currentScan(request);
  });

  test('the catalog lists every check, grouped by topic', async ({ page }, testInfo) => {
    await page.goto('/checks');
    for (const topic of ['Probes and processes', 'Requests, limits and QoS class', 'Where data lives', 'DNS policy', 'Images and pull policy']) {
      await expect(page.getByRole('heading', { name: topic, level: 2 })).toBeVisible();
    }
    await expect(page.getByRole('link', { name: 'Exec probe in a container whose PID 1 does not reap' })).toBeVisible();
    await saveScreenshot(page, testInfo, 'checks');
    await expectAxeClean(page);
  });

  test('the zombie check explains the envoy story and tini, shows examples and the affected apps', async ({ page }, testInfo) => {
    await page.goto('/checks/probe-exec-zombie-risk');
    const why = page.locator('#why');
    await expect(why).toContainText('envoy');
    await expect(why).toContainText('tini');
    await expect(page.locator('#examples')).toContainText('Fails');
    await expect(page.locator('#examples')).toContainText(/After Drydock's fix|Passes/);
    await expect(page.getByTestId('affected-apps')).toContainText('shop/edge-proxy');
    await saveScreenshot(page, testInfo, 'check');
    await expectAxeClean(page);
  });

  test('an unknown check shows the not-found page', async ({ page }) => {
    const response = await page.goto('/checks/no-such-check');
    expect(response?.status()).toBe(404);
    await expect(page.getByText('Not found')).toBeVisible();
  });
});
