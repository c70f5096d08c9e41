import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { currentScan, expectAxeClean, gotoHydrated, saveScreenshot } from './support';

test.describe('scans', () => {
  test.beforeAll(async ({ request }) => {
    await currentScan(request);
  });

  test('a cluster scan shows progress per cluster and resource, and finishes', async ({ page }, testInfo) => {
    await gotoHydrated(page, '/scans', 'scans-view');
    await page.getByTestId('start-cluster-scan').click();
    const progress = page.locator('#started-scan').getByTestId('scan-progress');
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('data-status', 'running');
    for (const cluster of ['demo', 'demo-east']) {
      await expect(progress.getByRole('progressbar', { name: `Cluster ${cluster}`, exact: true })).toBeVisible();
      await expect(progress.getByRole('list', { name: `Resources of ${cluster}`, exact: true })).toContainText('deployments');
    }
    await expect(progress).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(page.getByTestId('scan-result')).toContainText('apps scored');
    await expect(page.getByTestId('scans-table').getByTestId('scan-row').first()).toHaveAttribute('data-status', 'done');
    await saveScreenshot(page, testInfo, 'scans');
    await expectAxeClean(page);
  });

  test('an upload with a broken document shows the error and scores the rest', async ({ page }) => {
    const good = readFileSync(path.join(process.cwd(), 'examples', 'shop', 'edge-proxy.yaml'), 'utf8');
    const broken = `${good}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata: {a: [1, 2\n`;
    await gotoHydrated(page, '/scans', 'scans-view');
    await page.getByTestId('manifest-input').setInputFiles({ name: 'mixed.yaml', mimeType: 'application/yaml', buffer: Buffer.from(broken) });
    await expect(page.getByRole('list', { name: 'Files to scan' })).toContainText('mixed.yaml');
    await page.getByTestId('start-manifest-scan').click();
    await expect(page.getByTestId('scan-input-errors')).toContainText(/mixed\.yaml:\d+: document \d+ is not valid YAML/);
    await expect(page.getByTestId('scan-result')).toContainText('1 apps scored');
    await page.getByRole('link', { name: 'Open the report' }).click();
    await expect(page).toHaveURL(/\/\?scan=scan-/);
    await expect(page.getByTestId('scan-banner')).toContainText('uploaded manifests (mixed.yaml)');
    await expect(page.locator('#scan-errors')).toContainText('is not valid YAML');
    await page.getByRole('link', { name: 'Apps', exact: true }).click();
    await expect(page.getByTestId('app-row')).toHaveCount(1);
    await expect(page.getByRole('link', { name: 'edge-proxy', exact: true })).toBeVisible();
    // The live cluster is still the default view.
    await page.goto('/');
    await expect(page.getByTestId('scan-banner')).toContainText('clusters demo');
  });

  test('refuses files that are not manifests before uploading', async ({ page }) => {
    await gotoHydrated(page, '/scans', 'scans-view');
    await page.getByTestId('manifest-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect(page.getByRole('alert').filter({ hasText: 'not .yaml' })).toContainText('not .yaml, .yml or .json');
    await expect(page.getByTestId('start-manifest-scan')).toBeDisabled();
  });
});
