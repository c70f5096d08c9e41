#!/usr/bin/env node
// The README's test command (`npm test`): every stage runs even when an earlier one fails, and the
// last line is the totals CI reads: "N passed, N failed". vitest and Playwright print no such line.
import { spawn } from 'node:child_process';
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

/**
 * Run one stage with its output passed through, keeping the last lines: when a stage fails without
 * a failed test (a crash, an unhandled error, a script's own exit status), the summary at the end —
 * the part of a CI log that is read — repeats them.
 */
function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const tail = [];
  const partial = { stdout: '', stderr: '' };
  const keep = (chunk, stream) => {
    (stream === 'stdout' ? process.stdout : process.stderr).write(chunk);
    const lines = (partial[stream] + chunk.toString()).split('\n');
    partial[stream] = lines.pop() ?? '';
    // Colour codes out of the lines repeated in the summary.
    for (const line of lines) if (line.trim()) tail.push(line.replace(/\u001b\[[0-9;]*m/g, ''));
    if (tail.length > 400) tail.splice(0, tail.length - TAIL_LINES);
  };
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    child.stdout.on('data', (c) => keep(c, 'stdout'));
    child.stderr.on('data', (c) => keep(c, 'stderr'));
    child.on('error', (e) => tail.push(`cannot start ${cmd}: ${e.message}`));
    child.on('close', (code, signal) => {
      for (const rest of Object.values(partial)) if (rest.trim()) tail.push(rest);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      resolve({ ok: code === 0, secs, exit: signal ? `signal ${signal}` : `exit status ${code}`, tail: tail.slice(-TAIL_LINES) });
    });
  });
}

const TAIL_LINES = 40;
/** Why a stage failed outside its tests: its exit status and its last lines of output. */
const explanations = [];
function explain(name, r) {
  explanations.push(`--- ${name} failed with ${r.exit}; its last lines:\n${r.tail.map((l) => `  | ${l}`).join('\n')}`);
}

async function step(name, cmd, args) {
  if (only.length && !only.includes(name)) return;
  const r = await run(name, cmd, args);
  const { ok, secs } = r;
  if (ok) passed++;
  else {
    failed++;
    explain(name, r);
  }
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${secs}s)`);
}

/** A runner that writes a JSON report; its tests count one by one. */
async function suite(name, cmd, args, reportFile, env, countsOf) {
  if (only.length && !only.includes(name)) return;
  rmSync(reportFile, { force: true });
  const r = await run(name, cmd, args, env);
  const { ok, secs } = r;
  if (!existsSync(reportFile)) {
    failed++;
    explain(name, r);
    summary.push(`FAIL ${name} (${secs}s): no report written`);
    return;
  }
  const c = countsOf(JSON.parse(readFileSync(reportFile, 'utf8')));
  for (const t of c.flaky ?? []) explanations.push(`--- ${name}: flaky (failed, then passed on its retry): ${t}`);
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
  // A runner that failed outside any test (a crash, a file that did not load) still fails the run.
  if (!ok && c.failed === 0) {
    failed++;
    explain(name, r);
  }
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (${secs}s)`);
}

const bin = (n) => path.join(root, 'node_modules', '.bin', n);

await step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
await step('typecheck', bin('tsc'), ['--noEmit']);
await step('docs', bin('tsx'), ['scripts/generate-check-docs.ts', '--check']);
const vitestCounts = (j) => ({
  passed: j.numPassedTests ?? 0,
  failed: (j.numFailedTests ?? 0) + (j.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length,
  skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
  // A test that passed on its retry keeps the failure of the attempt before.
  flaky: (j.testResults ?? []).flatMap((f) => (f.assertionResults ?? []).filter((a) => a.status === 'passed' && (a.failureMessages ?? []).length).map((a) => `${path.relative(root, f.name)} › ${a.fullName}`)),
});
await suite('unit', bin('vitest'), ['run'], path.join(outDir, 'vitest.json'), { VITEST_JSON: path.join(outDir, 'vitest.json') }, vitestCounts);
// The store's tests once more against a throwaway PostgreSQL (the unit run covers SQLite).
await suite('store-pg', path.join(root, 'scripts', 'with-postgres.sh'), [bin('vitest'), 'run', 'lib/store'], path.join(outDir, 'vitest-store-pg.json'), { VITEST_JSON: path.join(outDir, 'vitest-store-pg.json') }, vitestCounts);

// Browser tests against the demo (Playwright with Debian's Chromium; the config starts the demo).
await suite('e2e', bin('playwright'), ['test'], path.join(outDir, 'playwright.json'), {}, (j) => ({
  passed: (j.stats?.expected ?? 0) + (j.stats?.flaky ?? 0),
  failed: j.stats?.unexpected ?? 0,
  skipped: j.stats?.skipped ?? 0,
  flaky: flakyTitles(j),
}));

/** The titles of the Playwright tests whose outcome was "flaky" (a retry passed). */
function flakyTitles(report) {
  const out = [];
  const walk = (suite, trail) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) if (t.status === 'flaky') out.push([...trail, spec.title].filter(Boolean).join(' › '));
    for (const s of suite.suites ?? []) walk(s, [...trail, s.title]);
  };
  for (const s of report.suites ?? []) walk(s, []);
  return out;
}

if (explanations.length) console.log(`\n${explanations.join('\n\n')}`);
console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
