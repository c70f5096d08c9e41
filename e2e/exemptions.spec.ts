import { expect, test, type Page } from '@playwright/test';
import { currentScan, expectAxeClean, gotoHydrated, saveScreenshot } from './support';

/**
 * The exemption flow: exempt a failing finding from its scorecard → it shows as accepted risk and
 * the app's score changes at once (the current scan is re-scored); the record is on /exemptions and
 * in the audit log; expire it → the finding fails again and the score is back. Then the admin switch
 * turns an annotation exemption into a fail.
 */

const APP = '/apps/demo/search/Deployment/synonyms-loader';
const REASON = 'batch loader, replaced by the indexer in Q1';

/** A YAML date a year from now (the expiry must be in the future). */
function nextYear(): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

async function score(page: Page): Promise<string> {
  return (await page.getByTestId('app-score').textContent())!.trim();
}

async function darkTheme(page: Page): Promise<void> {
  await page.evaluate(() => document.documentElement.classList.add('dark'));
}

test.describe('exemptions', () => {
  // A long flow (several pages, each re-scored and checked with axe) on a machine other work shares.
  test.describe.configure({ timeout: 180_000 });
  test.beforeAll(async ({ request }) => {
    await currentScan(request);
  });

  test('exempt a finding → score changes → expire it → finding is back', async ({ page, request }, testInfo) => {
    await gotoHydrated(page, APP, 'page-hydrated');
    const original = await score(page);
    const failing = page.locator('[data-testid="finding"][data-status="fail"]').filter({ has: page.getByTestId('exempt-button') });
    const check = (await failing.first().getAttribute('data-check'))!;
    const finding = page.locator(`[data-testid="finding"][data-check="${check}"]`).first();
    await finding.getByTestId('exempt-button').click();

    const dialog = page.getByTestId('exempt-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(check);
    // Everything is required: an empty submit says what is missing, and nothing is saved.
    await dialog.getByRole('button', { name: 'Exempt' }).click();
    await expect(dialog.getByRole('alert').first()).toContainText('3 fields need your attention');
    await expect(dialog).toContainText('Say why this risk is accepted.');
    await expect(dialog).toContainText('Name who owns this exemption');
    await expect(dialog).toContainText('Choose the date this exemption expires.');
    await expectAxeClean(page);
    await dialog.getByLabel('Reason').fill(REASON);
    await dialog.getByLabel('Owner').fill('team-search');
    await dialog.getByLabel('Expires on').fill(nextYear());
    await dialog.getByRole('button', { name: 'Exempt' }).click();
    await expect(dialog).toBeHidden();

    // The finding is accepted risk with the record that matched, and the score moved.
    const exempt = page.locator(`[data-testid="finding"][data-check="${check}"][data-status="exempt"]`).first();
    await expect(exempt).toBeVisible();
    await expect(exempt.getByTestId('accepted-risk')).toContainText(REASON);
    await expect(exempt.getByTestId('accepted-risk')).toContainText('team-search');
    await expect.poll(() => score(page)).not.toBe(original);
    const exemptedScore = await score(page);
    await expectAxeClean(page);
    await saveScreenshot(page, testInfo, 'scorecard-accepted-risk');

    // The record is on /exemptions, matching one finding of the current scan.
    await exempt.getByTestId('exemption-link').click();
    await expect(page).toHaveURL(/\/exemptions#exemption-/);
    const row = page.getByTestId('exemption-row').filter({ hasText: REASON });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(check);
    await expect(row.getByTestId('exemption-matches')).not.toHaveText('0');
    await expectAxeClean(page);
    await darkTheme(page);
    await expectAxeClean(page);

    // …and in the audit log, with who did it; the exports answer.
    await gotoHydrated(page, '/audit', 'page-hydrated');
    const created = page.getByTestId('audit-row').filter({ hasText: 'exemption created' }).filter({ hasText: REASON });
    await expect(created).toHaveCount(1);
    await expect(created).toContainText('local');
    await page.getByTestId('audit-filter').selectOption('patch.download');
    await expect(page.getByTestId('audit-row').filter({ hasText: REASON })).toHaveCount(0);
    await expectAxeClean(page);
    const csv = await request.get('/api/audit?format=csv');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('exemption.create');

    // Expire it from the finding: failing again, the score as before.
    await gotoHydrated(page, APP, 'page-hydrated');
    expect(await score(page)).toBe(exemptedScore);
    await page.locator(`[data-testid="finding"][data-check="${check}"][data-status="exempt"]`).first().getByTestId('expire-exemption').click();
    await expect(page.locator(`[data-testid="finding"][data-check="${check}"][data-status="fail"]`).first()).toBeVisible();
    await expect.poll(() => score(page)).toBe(original);

    await gotoHydrated(page, '/exemptions', 'page-hydrated');
    await page.getByRole('button', { name: /^Expired/ }).click();
    const expired = page.getByTestId('exemption-row').filter({ hasText: REASON });
    await expect(expired).toContainText('expired');
    await expect(expired.getByTestId('exemption-matches')).toHaveText('0');
    // Delete asks first; the audit log keeps the whole story.
    await expired.getByRole('button', { name: /^Delete/ }).click();
    await expect(page.getByTestId('delete-dialog')).toBeVisible();
    await expectAxeClean(page);
    await page.getByTestId('delete-dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId('exemption-row').filter({ hasText: REASON })).toHaveCount(0);
    const actions = ((await (await request.get('/api/audit')).json()) as { entries: { action: string }[] }).entries.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['exemption.delete', 'exemption.expire', 'exemption.create']);
  });

  test('the admin switch turns an annotation exemption into a fail', async ({ page, request }) => {
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: annotated',
      '  namespace: e2e-exempt',
      '  annotations:',
      '    drydock.dev/exempt: image-mutable-tag',
      '    drydock.dev/exempt-reason: pinned by the release pipeline',
      'spec:',
      '  replicas: 2',
      '  selector: { matchLabels: { app: annotated } }',
      '  template:',
      '    metadata: { labels: { app: annotated } }',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx:latest',
    ].join('\n');
    const upload = async (): Promise<string> => {
      const r = await request.post('/api/scans', { data: { type: 'manifests', files: [{ name: 'annotated.yaml', content: manifest }] } });
      expect(r.status()).toBe(202);
      const id = ((await r.json()) as { id: string }).id;
      await expect.poll(async () => ((await (await request.get(`/api/scans/${id}?report=0`)).json()) as { scan: { status: string } }).scan.status).toBe('done');
      return id;
    };
    const finding = (page: Page) => page.locator('[data-testid="finding"][data-check="image-mutable-tag"]').first();

    const before = await upload();
    await gotoHydrated(page, `/apps/-/e2e-exempt/Deployment/annotated?scan=${before}`, 'page-hydrated');
    await expect(finding(page)).toHaveAttribute('data-status', 'exempt');
    await expect(finding(page).getByTestId('accepted-risk')).toContainText('pinned by the release pipeline');

    await gotoHydrated(page, '/exemptions', 'page-hydrated');
    const toggle = page.getByTestId('ignore-annotations-switch');
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('setting-changed')).toContainText(/Turned on by local on \d{4}-\d\d-\d\d/);
    await expectAxeClean(page);

    const after = await upload();
    await gotoHydrated(page, `/apps/-/e2e-exempt/Deployment/annotated?scan=${after}`, 'page-hydrated');
    await expect(finding(page)).toHaveAttribute('data-status', 'fail');

    // Back off, so the other specs see the demo as it was; both changes are audited.
    await gotoHydrated(page, '/exemptions', 'page-hydrated');
    await page.getByTestId('ignore-annotations-switch').click();
    await expect(page.getByTestId('ignore-annotations-switch')).toHaveAttribute('aria-checked', 'false');
    // The switch flips at once; the saved state (who, when) shows once the server answered.
    await expect(page.getByTestId('setting-changed')).toContainText('Turned off by local');
    const audit = ((await (await request.get('/api/audit')).json()) as { entries: { action: string; detail: unknown }[] }).entries.filter((e) => e.action === 'setting.update');
    expect(audit[0]?.detail).toEqual({ before: true, after: false });
    expect(audit[1]?.detail).toMatchObject({ after: true });
  });
});
