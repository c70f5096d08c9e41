import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAxeClean, gotoHydrated, saveScreenshot } from './support';

const ENVOY = 'demo/shop/Deployment/edge-proxy';
// Wave labels unique to this run, so a reused server (or other specs' data) cannot blur the counts.
const RUN = Date.now().toString(36);
const W1 = `e2e ${RUN} wave 1`;
const W2 = `e2e ${RUN} wave 2`;

interface WavesJson {
  waves: {
    waves: { wave: string; total: number; overdue: number; verdicts: Record<string, number>; apps: { id: string; group: string; overdue: boolean }[] }[];
    groups: string[];
    appIds: string[];
  };
}

async function waves(request: APIRequestContext): Promise<WavesJson['waves']> {
  const r = await request.get('/api/waves');
  expect(r.status()).toBe(200);
  return ((await r.json()) as WavesJson).waves;
}

/** Like support's currentScan, with room for a slow first scan. */
async function firstScan(request: APIRequestContext): Promise<void> {
  await expect
    .poll(async () => ((await (await request.get('/api/healthz')).json()) as { currentScan: string | null }).currentScan, { timeout: 170_000, intervals: [500, 1000, 2000] })
    .not.toBeNull();
}

const card = (page: Page, wave: string) => page.locator(`[data-testid="wave-card"][data-wave="${wave}"]`);

test.describe.serial('waves', () => {
  let groups: string[] = [];
  let envoyGroup = '';

  test.beforeAll(async ({ request }) => {
    // The first scan of the demo can take over a minute on a loaded machine.
    test.setTimeout(180_000);
    await firstScan(request);
    const w = await waves(request);
    expect(w.appIds).toContain(ENVOY);
    // Two groups without the envoy app, so its own entry stays the only thing in wave 1.
    envoyGroup = ((await (await request.get(`/api/apps/${ENVOY}`)).json()) as { group: string }).group;
    groups = w.groups.filter((g) => g !== envoyGroup).slice(0, 2);
    expect(groups).toHaveLength(2);
    // Start from no plan for these (a reused server keeps earlier runs' entries).
    for (const subject of [`app:${ENVOY}`, ...groups.map((g) => `group:${g}`)]) await request.delete(`/api/plan?subject=${encodeURIComponent(subject)}`);
  });

  test('a plan set in the UI puts the app in its wave, flagged overdue', async ({ page, request }, testInfo) => {
    await gotoHydrated(page, '/waves', 'page-hydrated');
    const editor = page.getByTestId('plan-editor');
    await editor.getByLabel('an app').check();
    await editor.getByLabel('App (cluster/namespace/kind/name)').fill(ENVOY);
    await editor.getByLabel('Owner').fill('edge team');
    await editor.getByLabel('Wave').fill(W1);
    await editor.getByLabel('Target date').fill('2020-01-15');
    await editor.getByRole('button', { name: 'Add to the plan' }).click();
    await expect(editor.getByTestId('plan-saved')).toContainText(`${ENVOY} is in ${W1} (target 2020-01-15)`);

    const w1 = card(page, W1);
    await expect(w1).toBeVisible();
    await expect(w1.getByTestId('count-notReady')).toHaveText('1');
    await expect(w1.getByTestId('count-ready')).toHaveText('0');
    await expect(w1.getByTestId('wave-overdue')).toHaveText('1 overdue');
    const row = w1.locator(`[data-testid="wave-app"][data-app="${ENVOY}"]`);
    await expect(row).toHaveAttribute('data-overdue', 'true');
    await expect(row.getByTestId('overdue')).toHaveText('overdue since 2020-01-15');
    await expect(row).toContainText('edge team');

    const stored = (await (await request.get(`/api/plan?subject=${encodeURIComponent(`app:${ENVOY}`)}`)).json()) as { entries: { wave: string; owner: string; targetDate: string }[] };
    expect(stored.entries).toEqual([expect.objectContaining({ wave: W1, owner: 'edge team', targetDate: '2020-01-15' })]);
    const audit = await request.get('/api/audit');
    if (audit.ok()) expect(JSON.stringify(await audit.json())).toContain(`plan/app:${ENVOY}`);

    await saveScreenshot(page, testInfo, 'waves');
    await expectAxeClean(page);
  });

  test('a CSV with a bad line is refused whole; a good one is saved and its wave counted', async ({ page, request }) => {
    const [g1, g2] = groups as [string, string];
    await gotoHydrated(page, '/waves', 'page-hydrated');
    const form = page.getByTestId('plan-import');
    const bad = `subject,owner,wave,target_date,note\r\ngroup:${g1},platform,${W2},2099-12-01,\r\ngroup:${g2},platform,${W2},2026-13-01,\r\n`;
    await form.getByTestId('plan-import-file').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await expect(form.getByTestId('plan-import-text')).toHaveValue(bad.replace(/\r\n/g, '\n'));
    await form.getByRole('button', { name: 'Import' }).click();
    const errors = form.getByTestId('plan-import-errors');
    await expect(errors).toContainText('Nothing was imported: 1 problem');
    await expect(errors).toContainText('line 3: target_date 2026-13-01 is not a date');
    // Nothing saved: not even the good first line.
    const none = (await (await request.get(`/api/plan?subject=${encodeURIComponent(`group:${g1}`)}`)).json()) as { entries: unknown[] };
    expect(none.entries).toEqual([]);
    await expect(card(page, W2)).toHaveCount(0);

    const good = `\ufeffgroup,owner,wave,target_date,note\r\n${g1},platform,${W2},2099-12-01,"first, then"\r\n${g2},"Ops ""core""",${W2},,\r\n`;
    await form.getByTestId('plan-import-file').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await form.getByRole('button', { name: 'Import' }).click();
    await expect(form.getByTestId('plan-import-result')).toHaveText('Imported: 2 new, 0 changed, 0 unchanged.');
    await expect(form.getByTestId('plan-import-errors')).toHaveCount(0);

    const api = (await waves(request)).waves.find((w) => w.wave === W2)!;
    expect(api.total).toBeGreaterThan(0);
    expect(new Set(api.apps.map((a) => a.group))).toEqual(new Set([g1, g2]));
    const w2 = card(page, W2);
    await expect(w2).toBeVisible();
    for (const v of ['ready', 'readyWithConditions', 'notReady', 'unknown']) await expect(w2.getByTestId(`count-${v}`)).toHaveText(String(api.verdicts[v] ?? 0));
    await expect(w2).toContainText(`${api.total} app${api.total === 1 ? '' : 's'}`);
    await expect(w2).toContainText('Ops "core"');
    await expect(w2.getByTestId('wave-overdue')).toHaveCount(0);
    // The waves come in order, and the summary counts what is planned.
    const labels = await page.getByTestId('wave-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-wave')));
    expect(labels.indexOf(W1)).toBeLessThan(labels.indexOf(W2));
    await expect(page.getByTestId('waves-summary')).toContainText('overdue');
    await expectAxeClean(page);
  });

  test('the waves CSV downloads with one row per app', async ({ page }) => {
    await gotoHydrated(page, '/waves', 'page-hydrated');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('waves-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^waves-.*\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('wave,subject,app,group,owner,target_date,verdict,overdue,note');
    expect(lines).toContainEqual(`${W1},app:${ENVOY},${ENVOY},${envoyGroup},edge team,2020-01-15,notReady,yes,`);
    expect(lines.filter((l) => l.startsWith(`${W2},group:`)).length).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes('"first, then"'))).toBe(true);
  });

  test('is axe-clean in the dark theme and fits 768 px', async ({ page }) => {
    await page.setViewportSize({ width: 768, height: 1000 });
    await gotoHydrated(page, '/waves', 'page-hydrated');
    const dark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
    if (!dark) await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await expectAxeClean(page);
    // The page's own content (the header's nav is the layout's): nothing wider than the viewport.
    const overflow = await page.evaluate(() => {
      const main = document.getElementById('main')!;
      return Math.max(main.scrollWidth - main.clientWidth, main.getBoundingClientRect().right - window.innerWidth);
    });
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
