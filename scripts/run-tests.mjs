#!/usr/bin/env node
// The README's test command (`npm test`): every stage runs even when an earlier one fails, and the
// last line is the totals CI reads: "N passed, N failed". vitest and Playwright print no such line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'test-results');
mkdirSync(outDir, { recursive: true });
const only = process.argv.slice(2);

let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, secs };
}

function step(name, cmd, args) {
  if (only.length && !only.includes(name)) return;
  const { ok, secs } = run(name, cmd, args);
  if (ok) passed++;
  else failed++;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${secs}s)`);
}

/** A runner that writes a JSON report; its tests count one by one. */
function suite(name, cmd, args, reportFile, env, countsOf) {
  if (only.length && !only.includes(name)) return;
  rmSync(reportFile, { force: true });
  const { ok, secs } = run(name, cmd, args, env);
  if (!existsSync(reportFile)) {
    failed++;
    summary.push(`FAIL ${name} (${secs}s): no report written`);
    return;
  }
  const c = countsOf(JSON.parse(readFileSync(reportFile, 'utf8')));
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
  // A runner that failed outside any test (a crash, a file that did not load) still fails the run.
  if (!ok && c.failed === 0) failed++;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (${secs}s)`);
}

const bin = (n) => path.join(root, 'node_modules', '.bin', n);

step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
step('typecheck', bin('tsc'), ['--noEmit']);
step('docs', bin('tsx'), ['scripts/generate-check-docs.ts', '--check']);
const vitestCounts = (j) => ({
  passed: j.numPassedTests ?? 0,
  failed: (j.numFailedTests ?? 0) + (j.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length,
  skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
});
suite('unit', bin('vitest'), ['run'], path.join(outDir, 'vitest.json'), { VITEST_JSON: path.join(outDir, 'vitest.json') }, vitestCounts);
// The store's tests once more against a throwaway PostgreSQL (the unit run covers SQLite).
suite('store-pg', path.join(root, 'scripts', 'with-postgres.sh'), [bin('vitest'), 'run', 'lib/store'], path.join(outDir, 'vitest-store-pg.json'), { VITEST_JSON: path.join(outDir, 'vitest-store-pg.json') }, vitestCounts);

// Browser tests against the demo (Playwright with Debian's Chromium; the config starts the demo).
suite('e2e', bin('playwright'), ['test'], path.join(outDir, 'playwright.json'), {}, (j) => ({
  passed: (j.stats?.expected ?? 0) + (j.stats?.flaky ?? 0),
  failed: j.stats?.unexpected ?? 0,
  skipped: j.stats?.skipped ?? 0,
}));

console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
