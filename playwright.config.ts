import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the demo as `npm run demo` serves it: `scripts/demo.ts` serves the demo
 * fleet from the in-repo API server (three clusters — demo, and the regions demo-east and demo-west
 * with 1:10 capacity — with a little latency so a scan's progress is visible), stores 8 days of
 * earlier scans, and starts the production dashboard, building it first when the sources changed.
 * Debian's Chromium, never a downloaded one. `--fresh-db`: the scan history goes to a new temporary
 * SQLite file (DRYDOCK_DB_PATH), so runs do not see each other's. Scheduled scans are on (every 6 h:
 * the panel on /scans shows a real entry; no scheduled scan runs during the tests).
 */
process.env.DRYDOCK_SCAN_INTERVAL ??= '6h';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const API_PORT = Number(process.env.E2E_API_PORT ?? 6454);

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  // On CI one retry: a browser test that fails once and then passes is reported as flaky (npm test's
  // summary names it), not as a red run; locally a failure is a failure.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON_REPORT ?? 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `node node_modules/tsx/dist/cli.mjs scripts/demo.ts --port ${PORT} --api-port ${API_PORT} --latency 120 --clusters 3 --fresh-db`,
    url: `http://127.0.0.1:${PORT}/api/healthz`,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { DRYDOCK_DEMO_LATENCY_MS: '120' },
    // SIGTERM (not the default SIGKILL) so the demo removes its temporary history database.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
