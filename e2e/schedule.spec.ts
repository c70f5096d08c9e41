import { expect, test, type Page } from '@playwright/test';
import { currentScan, expectAxeClean, gotoHydrated, saveScreenshot } from './support';

/**
 * Scheduled scans on /scans. The demo passes its environment to the dashboard, so a run with
 * DRYDOCK_SCAN_INTERVAL set (e.g. `DRYDOCK_SCAN_INTERVAL=6h npx playwright test e2e/schedule.spec.ts`)
 * has a schedule and one without has none; each run checks the state it started.
 */
const INTERVAL = process.env.DRYDOCK_SCAN_INTERVAL?.trim() || null;

interface ScheduleRun {
  outcome: string;
  scanId: string | null;
  status: string | null;
  adopted: boolean;
}
interface ScheduleApi {
  now: string;
  source: string | null;
  error: string | null;
  entries: { every: string; everyMs: number; contexts: string[] | null; scanned: string[] | null; lastScan: ScheduleRun | null; nextRunAt: string | null }[];
}

async function darkAndNarrow(page: Page): Promise<void> {
  await page.setViewportSize({ width: 768, height: 1000 });
  const dark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
  if (!dark) await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
  await expectAxeClean(page);
  // The panel fits 768 px (the page as a whole is the overview spec's to check).
  const panel = page.locator('#scheduled-scans');
  const overflow = await panel.evaluate((el) => ({ inside: el.scrollWidth - el.clientWidth, right: el.getBoundingClientRect().right - document.documentElement.clientWidth }));
  expect(overflow.inside).toBeLessThanOrEqual(0);
  expect(overflow.right).toBeLessThanOrEqual(0);
}

test.describe('scheduled scans', () => {
  test.beforeAll(async ({ request }) => {
    await currentScan(request);
  });

  test('without a schedule: the panel says how to configure one', async ({ page, request }) => {
    test.skip(INTERVAL !== null, 'this run has DRYDOCK_SCAN_INTERVAL set');
    const api = (await (await request.get('/api/schedule')).json()) as ScheduleApi;
    expect(api).toMatchObject({ source: null, error: null, entries: [] });
    await gotoHydrated(page, '/scans', 'scans-view');
    const panel = page.locator('#scheduled-scans');
    await expect(panel.getByRole('heading', { name: 'Scheduled scans' })).toBeVisible();
    await expect(panel.getByTestId('schedule-hint')).toContainText('No scans are scheduled');
    await expect(panel.getByTestId('schedule-hint')).toContainText('DRYDOCK_SCAN_INTERVAL=6h');
    await expect(panel.getByTestId('schedule-hint')).toContainText('every: 6h, contexts: [prod-eu, prod-us]');
    await expect(panel.getByTestId('schedule-table')).toHaveCount(0);
    await expectAxeClean(page);
    await darkAndNarrow(page);
  });

  test('with DRYDOCK_SCAN_INTERVAL: the entry, its last scan and its next run', async ({ page, request }, testInfo) => {
    test.skip(INTERVAL === null, 'set DRYDOCK_SCAN_INTERVAL (e.g. 6h) for the demo to run a schedule');
    const api = (await (await request.get('/api/schedule')).json()) as ScheduleApi;
    expect(api.source).toBe('env');
    expect(api.error).toBeNull();
    expect(api.entries).toHaveLength(1);
    const entry = api.entries[0]!;
    // No contexts configured: the server's, here every context of the demo's kubeconfig.
    const contexts = ((await (await request.get('/api/contexts')).json()) as { contexts: { name: string }[] }).contexts.map((c) => c.name);
    expect(contexts).toContain('demo');
    expect(entry).toMatchObject({ every: INTERVAL, contexts: null, scanned: contexts });
    // The server's first scan (started at boot) is this entry's last scan; the next run is one
    // interval after it started, so the schedule never scans the same contexts twice at once.
    expect(entry.lastScan?.scanId).toMatch(/^scan-/);
    const scan = (await (await request.get(`/api/scans/${entry.lastScan!.scanId}?report=0`)).json()) as { scan: { startedAt: string; source: { clusters: string[] } } };
    expect(scan.scan.source.clusters).toEqual(contexts);
    expect(new Date(entry.nextRunAt!).getTime()).toBe(new Date(scan.scan.startedAt).getTime() + entry.everyMs);

    await gotoHydrated(page, '/scans', 'scans-view');
    const panel = page.locator('#scheduled-scans');
    await expect(panel).toContainText('from DRYDOCK_SCAN_INTERVAL');
    const row = panel.getByTestId('schedule-row');
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').first()).toHaveText(INTERVAL!);
    await expect(row).toContainText(`the server's contexts (${contexts.join(', ')})`);
    const last = row.getByTestId('schedule-last-scan');
    await expect(last).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(last).toContainText(/score [\d.]+/);
    await expect(last).toContainText(/\d+ apps/);
    await expect(row.getByTestId('schedule-next')).toContainText(/^in \d/);
    await expect(row.getByTestId('schedule-next').locator('time')).toHaveAttribute('datetime', entry.nextRunAt!);
    await saveScreenshot(page, testInfo, 'scans-schedule');
    await expectAxeClean(page);
    // The scan link opens that scan's report.
    await last.getByRole('link', { name: entry.lastScan!.scanId! }).click();
    await expect(page).toHaveURL(new RegExp(`/\\?scan=${entry.lastScan!.scanId}`));
    await gotoHydrated(page, '/scans', 'scans-view');
    await darkAndNarrow(page);
  });
});
