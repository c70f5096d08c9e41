import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { currentScan, expectAxeClean, gotoHydrated, saveScreenshot } from './support';

/**
 * The fleet views on the demo's three clusters (testing/demo/fleet-clusters.ts): demo, demo-east
 * (3 nodes) and demo-west (30 nodes of the same size, so 1:10 with east). shop/orders runs 3
 * replicas everywhere (skewed), platform/ingress-gateway follows capacity, shop/checkout is mid
 * roll-out (east runs 2.9.0), shop/cart in west keeps no ReplicaSet history.
 */
interface FleetJson {
  fleet: { clusters: { cluster: string; cpuShare: number }[]; apps: { key: string; recommended: { cluster: string; replicas: number }[] | null }[] } | null;
}

async function fleetOf(request: APIRequestContext): Promise<NonNullable<FleetJson['fleet']>> {
  const r = await request.get('/api/fleet');
  expect(r.status()).toBe(200);
  const body = (await r.json()) as FleetJson;
  expect(body.fleet).not.toBeNull();
  return body.fleet!;
}

const fleetApp = (page: Page, key: string) => page.locator(`[data-testid="fleet-app"][data-key="${key}"]`);
const member = (scope: ReturnType<Page['locator']>, cluster: string) => scope.locator(`[data-testid="fleet-member"][data-cluster="${cluster}"]`);

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => localStorage.setItem('drydock-theme', t), theme);
  await page.reload();
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark');
}

test.describe('fleet', () => {
  test.beforeAll(async ({ request }) => {
    await currentScan(request);
  });

  test('shows the three clusters with their capacity as a chart, and flags the skewed app with its recommendation', async ({ page, request }, testInfo) => {
    const fleet = await fleetOf(request);
    expect(fleet.clusters.map((c) => c.cluster)).toEqual(['demo', 'demo-east', 'demo-west']);
    const share = Object.fromEntries(fleet.clusters.map((c) => [c.cluster, c.cpuShare]));
    expect(share['demo-west']! / share['demo-east']!).toBeCloseTo(10);
    const orders = fleet.apps.find((a) => a.key === 'nk:shop/Deployment/orders')!;
    const rec = Object.fromEntries(orders.recommended!.map((r) => [r.cluster, r.replicas]));

    await page.goto('/fleet');
    await expect(page.getByRole('heading', { name: 'Fleet', level: 1 })).toBeVisible();
    await expect(page.getByTestId('fleet-clusters')).toHaveText('3');
    const chart = page.getByTestId('capacity-chart');
    for (const c of ['demo', 'demo-east', 'demo-west']) {
      await expect(chart.getByTestId(`capacity-bar-cpu-${c}`)).toBeVisible();
      await expect(chart.getByTestId(`capacity-bar-memory-${c}`)).toBeVisible();
    }
    await expect(chart.getByRole('img', { name: /CPU \(cores\) per cluster: demo 96 cores allocatable/ })).toBeVisible();
    const rows = page.getByTestId('capacity-row');
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: 'demo-east' })).toContainText('24 cores');
    await expect(rows.filter({ hasText: 'demo-east' }).getByTestId('capacity-share')).toHaveText('6.7 %');
    await expect(rows.filter({ hasText: 'demo-west' })).toContainText('240 cores');
    await expect(rows.filter({ hasText: 'demo-west' }).getByTestId('capacity-share')).toHaveText('67 %');

    // The evenly split app: flagged, first in the list, with the recommended split per cluster.
    await expect(page.getByTestId('fleet-app').first()).toHaveAttribute('data-key', 'nk:shop/Deployment/orders');
    const card = fleetApp(page, 'nk:shop/Deployment/orders');
    await expect(card.getByTestId('capacity-skew')).toBeVisible();
    await expect(card.getByTestId('skew-summary')).toContainText(`demo ${rec.demo}, demo-east ${rec['demo-east']}, demo-west ${rec['demo-west']}`);
    expect(rec['demo-east']).toBeLessThan(3);
    expect(rec['demo-west']).toBeGreaterThan(3);
    await expect(member(card, 'demo-east').getByTestId('member-replicas')).toHaveText('3');
    await expect(member(card, 'demo-east').getByTestId('member-recommended')).toContainText(`${rec['demo-east']} (−${3 - rec['demo-east']!})`);
    await expect(member(card, 'demo-west').getByTestId('member-recommended')).toContainText(`${rec['demo-west']} (+${rec['demo-west']! - 3})`);
    // The per-cluster patch sets the recommended replicas.
    const patchLink = member(card, 'demo-east').getByTestId('skew-patch');
    const href = await patchLink.getAttribute('href');
    expect(href).toContain('check=fleet-capacity-skew');
    const patch = await request.get(href!);
    expect(patch.status()).toBe(200);
    expect(await patch.text()).toMatch(new RegExp(`replicas: ${rec['demo-east']}\\b`));
    // The capacity-weighted app passes; the cluster without ReplicaSet history has no rollback target.
    const gateway = fleetApp(page, 'nk:platform/Deployment/ingress-gateway');
    await expect(gateway).toContainText('replicas follow capacity');
    await expect(gateway.getByTestId('capacity-skew')).toHaveCount(0);
    await expect(member(fleetApp(page, 'nk:shop/Deployment/cart'), 'demo-west').getByTestId('no-rollback')).toContainText('revisionHistoryLimit is 0');
    await expect(member(fleetApp(page, 'nk:shop/Deployment/checkout'), 'demo-east').getByTestId('version-ahead')).toBeVisible();
    await saveScreenshot(page, testInfo, 'fleet');

    // The finding link opens the finding on the member's scorecard.
    await member(card, 'demo-east').getByRole('link', { name: 'fleet-capacity-skew' }).click();
    await expect(page).toHaveURL(/\/apps\/demo-east\/shop\/Deployment\/orders#finding-fleet-capacity-skew$/);
    await expect(page.locator('#finding-fleet-capacity-skew')).toContainText('demo-east');
  });

  test("an app's scorecard shows its clusters side by side and the roll-out per cluster", async ({ page }, testInfo) => {
    await page.goto('/apps/demo-west/shop/Deployment/checkout');
    const section = page.getByTestId('fleet-app-section');
    await expect(section).toBeVisible();
    const clusters = section.getByTestId('app-clusters');
    await expect(clusters.getByRole('columnheader', { name: /demo-west/ })).toContainText('this page');
    await expect(clusters.getByTestId('clusters-version')).toContainText('checkout:2.9.0');
    const rollout = section.getByTestId('rollout-timeline');
    const east = rollout.locator('[data-testid="rollout-member"][data-cluster="demo-east"]');
    const west = rollout.locator('[data-testid="rollout-member"][data-cluster="demo-west"]');
    await expect(east).toContainText('registry.example.com/shop/checkout:2.9.0');
    await expect(east).toContainText('ahead');
    await expect(west).toContainText('registry.example.com/shop/checkout:2.8.1');
    await expect(west).toContainText('behind');
    for (const c of ['demo', 'demo-east', 'demo-west']) await expect(rollout.getByTestId(`rollout-lane-${c}`)).toBeVisible();
    await expect(rollout.getByTestId('rollout-order')).toContainText(/demo-east .*→/);
    await saveScreenshot(page, testInfo, 'scorecard-fleet');
    // An app that runs in one cluster has no fleet section.
    await page.goto('/apps/demo/search/Deployment/search-api');
    await expect(page.getByRole('heading', { name: 'Findings', level: 2 })).toBeVisible();
    await expect(page.getByTestId('fleet-app-loading')).toHaveCount(0);
    await expect(page.getByTestId('fleet-app-section')).toHaveCount(0);
  });

  test("the apps list folds an app's clusters into one row, and keeps the fold in the URL", async ({ page }) => {
    await gotoHydrated(page, '/apps?q=shop%2Fdeployment%2Forders', 'apps-view');
    await expect(page.getByTestId('app-row')).toHaveCount(3);
    await page.getByTestId('fold-clusters').check();
    await expect(page).toHaveURL(/fold=1/);
    await expect(page.getByTestId('app-row')).toHaveCount(1);
    const row = page.getByTestId('app-row').first();
    await expect(row).toHaveAttribute('data-folded', '3');
    await expect(row.getByTestId('cluster-chip')).toHaveText(['demo', 'demo-east', 'demo-west']);
    await expect(page.getByTestId('apps-count')).toContainText('Showing 3 of');
    await expect(page.getByTestId('apps-folded')).toContainText('in 1 rows');
    await page.reload();
    await expect(page.getByTestId('fold-clusters')).toBeChecked();
    await expect(page.getByTestId('app-row')).toHaveCount(1);
    await row.getByTestId('cluster-chip').filter({ hasText: 'demo-west' }).click();
    await expect(page).toHaveURL(/\/apps\/demo-west\/shop\/Deployment\/orders/);
  });

  test('is axe-clean in both themes and usable at 768 px', async ({ page }) => {
    await page.goto('/fleet');
    await expect(page.getByTestId('capacity-chart')).toBeVisible();
    await expectAxeClean(page);
    await setTheme(page, 'dark');
    await expectAxeClean(page);
    await page.goto('/apps/demo-east/shop/Deployment/checkout');
    await expect(page.getByTestId('fleet-app-section')).toBeVisible();
    await expectAxeClean(page);
    await setTheme(page, 'light');
    await expectAxeClean(page);
    await page.setViewportSize({ width: 768, height: 1000 });
    // The fleet page's content and the scorecard's fleet section (the shared top navigation and the
    // rest of the scorecard are measured by overview.spec.ts): nothing reaches past the viewport;
    // wide tables scroll inside their own box.
    for (const [url, scope] of [['/fleet', 'main'], ['/apps/demo-east/shop/Deployment/checkout', '[data-testid="fleet-app-section"]']] as const) {
      await page.goto(url);
      await expect(page.locator(scope)).toBeVisible();
      const overflow = await page.evaluate((sel) => {
        const w = document.documentElement.clientWidth;
        const clipped = (el: Element) => {
          for (let a = el.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
          return false;
        };
        return Math.max(0, ...[...document.querySelectorAll(`${sel} *`)].filter((el) => !clipped(el)).map((el) => el.getBoundingClientRect().right - w));
      }, scope);
      expect(overflow, url).toBeLessThanOrEqual(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), url).toBeLessThanOrEqual(0);
    }
    await expect(page.getByRole('heading', { name: 'Roll-out', exact: true })).toBeVisible();
  });

  test('a scan of one source shows how to see the fleet instead', async ({ page, request }) => {
    const content = readFileSync(path.join(process.cwd(), 'examples', 'shop', 'edge-proxy.yaml'), 'utf8');
    const r = await request.post('/api/scans', { data: { type: 'manifests', files: [{ name: 'edge-proxy.yaml', content }] } });
    expect(r.status()).toBeLessThan(300);
    const { id } = (await r.json()) as { id: string };
    await expect.poll(async () => ((await (await request.get(`/api/scans/${id}?report=0`)).json()) as { status: string }).status, { timeout: 30_000 }).toBe('done');
    await page.goto(`/fleet?scan=${id}`);
    await expect(page.getByRole('status').filter({ hasText: 'Scan several contexts to see the fleet' })).toBeVisible();
    await expect(page.getByText('DRYDOCK_CONTEXTS=east,west')).toBeVisible();
  });
});
