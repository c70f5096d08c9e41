import { expect, test } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { currentScan, expectAxeClean, gotoHydrated, saveScreenshot } from './support';

const ENVOY = '/apps/demo/shop/Deployment/edge-proxy';
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { env: { ...process.env, KUBECONFIG: '/dev/null' } }).status === 0;

test.describe('scorecard', () => {
  test.beforeAll(async ({ request }) => {
    await currentScan(request);
  });

  test("the envoy app shows the zombie finding and its httpGet patch", async ({ page }, testInfo) => {
    await gotoHydrated(page, ENVOY, 'page-hydrated');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('edge-proxy');
    await expect(page.getByText('Not ready').first()).toBeVisible();
    const finding = page.locator('[data-testid="finding"][data-check="probe-exec-zombie-risk"][data-status="fail"]');
    await expect(finding).toHaveCount(1);
    await expect(finding).toContainText('critical');
    await expect(finding).toContainText(/envoy .*does not reap/);
    await expect(finding).toContainText('Safe fix');
    const panel = finding.getByTestId('patch-panel');
    await expect(panel.getByTestId('patch-diff')).toContainText('httpGet');
    await expect(panel.getByRole('tab', { name: 'Strategic merge' })).toHaveAttribute('aria-selected', 'true');
    await expect(panel.getByTestId('patch-strategic')).toContainText('httpGet');
    await panel.getByRole('tab', { name: 'JSON Patch' }).click();
    await expect(panel.getByTestId('patch-json')).toBeVisible();
    await expect(panel.getByTestId('patch-json')).toContainText('"op": "add"');
    await panel.getByRole('tab', { name: 'JSON Patch' }).press('ArrowRight');
    await expect(panel.getByRole('tab', { name: 'Kustomize' })).toBeFocused();
    await expect(panel.getByTestId('patch-kustomize')).toContainText('kustomization.yaml');
    await expect(page.getByTestId('qos-class')).toHaveText(/Burstable|Guaranteed|BestEffort/);
    await expect(page.locator('#placement')).toContainText('3 pods');
    await saveScreenshot(page, testInfo, 'scorecard');
  });

  test('the downloaded patch is valid and applies with kubectl patch --local', async ({ page, request }) => {
    await gotoHydrated(page, ENVOY, 'page-hydrated');
    const finding = page.locator('[data-testid="finding"][data-check="probe-exec-zombie-risk"][data-status="fail"]');
    const dir = mkdtempSync(path.join(tmpdir(), 'drydock-e2e-'));
    const downloads: Record<string, string> = {};
    for (const [tab, testId] of [['Strategic merge', 'download-strategic'], ['JSON Patch', 'download-json']] as const) {
      await finding.getByRole('tab', { name: tab }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), finding.getByTestId(testId).click()]);
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      downloads[testId] = file;
    }
    const strategic = parse(readFileSync(downloads['download-strategic']!, 'utf8')) as { spec: { template: { spec: { containers: { name: string; livenessProbe: { httpGet?: unknown; exec?: unknown } }[] } } } };
    const envoy = strategic.spec.template.spec.containers.find((c) => c.name === 'envoy')!;
    expect(envoy.livenessProbe.httpGet).toBeTruthy();
    const ops = JSON.parse(readFileSync(downloads['download-json']!, 'utf8')) as { op: string; path: string }[];
    expect(ops.some((o) => o.path.endsWith('/livenessProbe/httpGet') || JSON.stringify(o).includes('httpGet'))).toBe(true);

    test.skip(!hasKubectl, 'kubectl is not installed');
    const app = (await (await request.get(`/api${ENVOY}?include=workload`)).json()) as { workload: unknown };
    const object = path.join(dir, 'edge-proxy.json');
    writeFileSync(object, JSON.stringify(app.workload));
    for (const [type, file] of [['strategic', downloads['download-strategic']!], ['json', downloads['download-json']!]] as const) {
      const out = execFileSync('kubectl', ['patch', '--local', '-f', object, '--type', type, '--patch-file', file, '-o', 'json'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
      const patched = JSON.parse(out) as { spec: { template: { spec: { containers: { name: string; livenessProbe: Record<string, unknown> }[] } } } };
      const probe = patched.spec.template.spec.containers.find((c) => c.name === 'envoy')!.livenessProbe;
      expect(probe.httpGet, `${type} patch`).toBeTruthy();
      expect(probe.exec, `${type} patch`).toBeUndefined();
    }
  });

  test('downloads every patch of the app as a kustomize overlay (.zip)', async ({ page }) => {
    await gotoHydrated(page, ENVOY, 'page-hydrated');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-all-patches').click()]);
    expect(download.suggestedFilename()).toBe('drydock-edge-proxy.zip');
    const file = await download.path();
    expect(readFileSync(file!).subarray(0, 2).toString()).toBe('PK');
  });

  test('is axe-clean', async ({ page }) => {
    await gotoHydrated(page, ENVOY, 'page-hydrated');
    await expectAxeClean(page);
  });

  test('says so when an app is not in the scan', async ({ page }) => {
    await page.goto('/apps/demo/shop/Deployment/no-such-app');
    await expect(page.getByRole('alert').filter({ hasText: 'No such app' })).toContainText('No such app in this scan');
  });
});
