import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../lib/checks/registry';
import reportSchema from '../lib/report/report-schema.json';
import sarifSchema from '../lib/report/sarif-schema-2.1.0.json';
import type { Report } from '../lib/report/types';
import { version } from '../package.json';
import { PRIVILEGED_APP, READY_APP, runCli, tempTree } from './test-support';

const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
addFormats(ajv);
const validReport = ajv.compile(reportSchema);
const validSarif = ajv.compile(sarifSchema);

const BROKEN = `apiVersion: apps/v1
kind: Deployment
metadata: { name: half, namespace: shop }
spec:
  replicas: [unclosed
---
${PRIVILEGED_APP}`;

const tree = tempTree({
  'ready/catalog.yaml': READY_APP,
  'privileged/tuner.yaml': PRIVILEGED_APP,
  'mixed/catalog.yaml': READY_APP,
  'mixed/tuner.yaml': PRIVILEGED_APP,
  'broken/apps.yaml': BROKEN,
  'config/bad.yaml': 'weights: { critical: -1 }\nunknownKey: true\n',
  'config/namespaces.yaml': 'namespaces: [shop]\n',
  'config/not-yaml.yaml': 'weights: [unclosed\n',
});
afterAll(() => tree.cleanup());
const at = (p: string) => path.join(tree.dir, p);
const json = (s: string) => JSON.parse(s) as Report;
/** No stack trace: no "    at fn (file:line)" frames, nothing from node internals. */
const noStack = (s: string) => !/^\s+at .+:\d+/m.test(s) && !/node:internal/.test(s);

describe('drydock (in-process)', () => {
  it('--help and --version exit 0; no command prints usage and exits 2', async () => {
    const help = await runCli(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('drydock scan [PATH…]');
    expect((await runCli(['--version'])).stdout).toBe(`${version}\n`);
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage:');
    expect((await runCli(['scan', '--help'])).stdout).toContain('--fail-on SEV');
  });

  it('checks lists the catalog', async () => {
    const r = await runCli(['checks']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^CHECK\s+TOPIC\s+SEVERITY\s+FIX\s+NEEDS\s+TITLE$/);
    expect(r.stdout).toContain(`${CHECKS.length} check`);
    for (const c of CHECKS) expect(r.stdout).toContain(c.id);
    const asJson = JSON.parse((await runCli(['checks', '--format', 'json'])).stdout) as { id: string }[];
    expect(asJson.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
  });

  describe('scan formats', () => {
    it('table (default): apps and a summary, no colour when not a TTY', async () => {
      const r = await runCli(['scan', at('mixed')]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('shop/Deployment/catalog');
      expect(r.stdout).toContain('ops/Deployment/node-tuner');
      expect(r.stdout).toMatch(/^2 apps, score/m);
      expect(r.stdout).not.toContain('\x1b[');
    });

    it('table: colour on a TTY unless NO_COLOR is set; fitted to the terminal width', async () => {
      const tty = await runCli(['scan', at('mixed')], { tty: true, columns: 70 });
      expect(tty.stdout).toContain('\x1b[');
      for (const line of tty.stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) expect(line.length).toBeLessThanOrEqual(70);
      expect((await runCli(['scan', at('mixed')], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
      expect((await runCli(['scan', at('mixed')], { tty: true, env: { NO_COLOR: '' } })).stdout).toContain('\x1b['); // empty = unset (no-color.org)
      expect((await runCli(['scan', at('mixed')], { tty: true, env: { TERM: 'dumb' } })).stdout).not.toContain('\x1b[');
      expect((await runCli(['scan', at('mixed'), '-o', '-'], { tty: true })).stdout).toContain('\x1b[');
    });

    it('json: the report, valid against report-schema.json', async () => {
      const r = await runCli(['scan', at('mixed'), '--format', 'json']);
      expect(r.code).toBe(0);
      const report = json(r.stdout);
      expect(validReport(report), ajv.errorsText(validReport.errors)).toBe(true);
      expect(report.apps.map((a) => a.id)).toEqual(['-/ops/Deployment/node-tuner', '-/shop/Deployment/catalog']);
      expect(report.source).toEqual({ type: 'manifests', clusters: ['-'], paths: [at('mixed')] });
    });

    it('csv, sarif, junit, markdown', async () => {
      const csv = await runCli(['scan', at('mixed'), '-f', 'csv']);
      expect(csv.stdout.split('\r\n')[0]).toBe('cluster,namespace,kind,name,group,team,verdict,grade,score,check,topic,status,severity,containers,message,fix kind');
      const sarif = JSON.parse((await runCli(['scan', at('mixed'), '-f', 'sarif'])).stdout);
      expect(validSarif(sarif), ajv.errorsText(validSarif.errors)).toBe(true);
      expect(sarif.runs[0].tool.driver.version).toBe(version);
      expect(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'sec-privileged')).toBe(true);
      const junit = (await runCli(['scan', at('mixed'), '-f', 'junit'])).stdout;
      expect(junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="drydock"/);
      expect(junit).toContain('<testsuite name="-/ops/Deployment/node-tuner"');
      const md = (await runCli(['scan', at('mixed'), '-f', 'markdown'])).stdout;
      expect(md).toMatch(/^## Drydock readiness: 2 apps/);
      expect(md).toContain('`sec-privileged`');
    });

    it('--output writes the file (creating directories) and nothing to stdout', async () => {
      const file = at('out/deep/report.sarif');
      const r = await runCli(['scan', at('ready'), '--format', 'sarif', '--output', file]);
      expect(r).toMatchObject({ code: 0, stdout: '' });
      expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe('2.1.0');
    });
  });

  describe('gates and exit codes', () => {
    it('--fail-on critical: 1 with an unexempted critical, 0 without', async () => {
      const bad = await runCli(['scan', at('privileged'), '--fail-on', 'critical', '-f', 'json']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/drydock: gate failed: \d+ unexempted critical findings? in 1 app \(--fail-on critical\)/);
      expect(json(bad.stdout).apps).toHaveLength(1); // the report is still written
      const good = await runCli(['scan', at('ready'), '--fail-on', 'critical', '-f', 'json']);
      expect(good.code, good.stderr + JSON.stringify(json(good.stdout).apps[0]?.findings.filter((f) => f.status === 'fail'))).toBe(0);
    });

    it('--fail-on warning also counts warnings', async () => {
      expect((await runCli(['scan', at('privileged'), '--fail-on', 'warning'])).code).toBe(1);
    });

    it('an exemption turns a failing gate green', async () => {
      const exempt = tempTree({ 'tuner.yaml': PRIVILEGED_APP.replace('  namespace: ops\n', '  namespace: ops\n  annotations:\n    drydock.dev/exempt: "*"\n    drydock.dev/exempt-reason: node tuning needs it\n') });
      try {
        expect((await runCli(['scan', exempt.dir, '--fail-on', 'warning'])).code).toBe(0);
      } finally {
        exempt.cleanup();
      }
    });

    it('--min-score: 1 below the threshold, 0 at or above; a bad value is a usage error', async () => {
      const r = await runCli(['scan', at('privileged'), '--min-score', '100']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/gate failed: score [\d.]+ is below --min-score 100/);
      expect((await runCli(['scan', at('privileged'), '--min-score', '0'])).code).toBe(0);
      for (const bad of ['abc', '101', '-1', '']) {
        const u = await runCli(['scan', at('ready'), `--min-score=${bad}`]);
        expect(u.code, bad).toBe(2);
        expect(u.stderr).toContain('--min-score must be a number from 0 to 100');
      }
    });

    it('--namespace filters apps (repeatable), overriding the config', async () => {
      const ops = json((await runCli(['scan', at('mixed'), '-n', 'ops', '-f', 'json'])).stdout);
      expect(ops.apps.map((a) => a.namespace)).toEqual(['ops']);
      const both = json((await runCli(['scan', at('mixed'), '-n', 'ops', '--namespace', 'shop', '-f', 'json'])).stdout);
      expect(both.apps).toHaveLength(2);
      const fromConfig = json((await runCli(['scan', at('mixed'), '-c', at('config/namespaces.yaml'), '-f', 'json'])).stdout);
      expect(fromConfig.apps.map((a) => a.namespace)).toEqual(['shop']);
      const none = await runCli(['scan', at('mixed'), '-n', 'nowhere']);
      expect(none.code).toBe(0);
      expect(none.stderr).toContain('drydock: warning: no workloads found in namespace nowhere');
    });

    it('reads manifests from stdin with -', async () => {
      const r = await runCli(['scan', '-', '-f', 'json'], { stdin: READY_APP });
      expect(r.code).toBe(0);
      expect(json(r.stdout).apps.map((a) => a.id)).toEqual(['-/shop/Deployment/catalog']);
      expect(json(r.stdout).apps[0]!.source).toEqual({ file: '<stdin>', line: 1 });
    });

    it('a broken YAML document: a warning with file:line on stderr, the rest is scored', async () => {
      const r = await runCli(['scan', at('broken'), '-f', 'json']);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^drydock: warning: ${at('broken/apps.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: document 1 is not valid YAML`, 'm'));
      expect(json(r.stdout).apps.map((a) => a.name)).toEqual(['node-tuner']);
    });

    it('a path that does not exist: exit 2, one line, no stack trace', async () => {
      const r = await runCli(['scan', at('nope.yaml')]);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toBe(`drydock: ${at('nope.yaml')}: no such file or directory\n`);
    });

    it('a bad config file: exit 2 with the file and the problem', async () => {
      const r = await runCli(['scan', at('ready'), '--config', at('config/bad.yaml')]);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(r.stderr).toContain(`drydock: ${at('config/bad.yaml')}:`);
      expect(r.stderr).toMatch(/weights\.critical|unknownKey/);
      expect((await runCli(['scan', at('ready'), '-c', at('config/not-yaml.yaml')])).stderr).toMatch(/not valid YAML/);
      expect((await runCli(['scan', at('ready'), '-c', at('config/missing.yaml')])).stderr).toMatch(/missing\.yaml: cannot read the config file \(ENOENT\)/);
    });

    it('drydock.config.yaml in the working directory is read by default', async () => {
      const cwd = tempTree({ 'drydock.config.yaml': 'namespaces: [ops]\n' });
      try {
        const r = await runCli(['scan', at('mixed'), '-f', 'json'], { cwd: cwd.dir });
        expect(json(r.stdout).apps.map((a) => a.namespace)).toEqual(['ops']);
      } finally {
        cwd.cleanup();
      }
    });

    it('usage errors: unknown flag, missing value, bad format, no path, unknown command', async () => {
      const cases: [string[], RegExp][] = [
        [['scan', at('ready'), '--bogus'], /^drydock: unknown option --bogus for 'scan' \(see 'drydock --help'\)\n$/],
        [['scan', at('ready'), '--format'], /^drydock: option --format needs a value/],
        [['scan', at('ready'), '--min-score', '-5'], /^drydock: option --min-score needs a value \(write --min-score=-… for a value that starts with -\)/],
        [['scan', at('ready'), '-x'], /^drydock: unknown option -x for 'scan'/],
        [['scan', at('ready'), '--format', 'xml'], /--format must be one of table, json, csv, sarif, junit, markdown \(got "xml"\)/],
        [['scan', at('ready'), '--fail-on', 'info'], /--fail-on must be one of critical, warning/],
        [['scan'], /give at least one path to scan/],
        [['scan', '-', '-'], /can be given only once/],
        [['frobnicate'], /unknown command 'frobnicate'/],
        [['--frobnicate'], /unknown option --frobnicate/],
      ];
      for (const [argv, message] of cases) {
        const r = await runCli(argv);
        expect(r.code, argv.join(' ')).toBe(2);
        expect(r.stderr, argv.join(' ')).toMatch(message);
        expect(r.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
      }
    });

    it('an unexpected error: exit 2 with a short message; the stack only with DRYDOCK_DEBUG=1', async () => {
      const boom = new Error('disk on fire\nsecond line');
      const quiet = await runCli(['scan', '-'], { stdin: boom });
      expect(quiet.code).toBe(2);
      expect(quiet.stderr).toBe('drydock: internal error: disk on fire second line (set DRYDOCK_DEBUG=1 for details)\n');
      expect(noStack(quiet.stderr)).toBe(true);
      const debug = await runCli(['scan', '-'], { stdin: boom, env: { DRYDOCK_DEBUG: '1' } });
      expect(debug.code).toBe(2);
      expect(debug.stderr).toMatch(/^\s+at /m);
    });
  });
});

describe('bin/drydock.js', () => {
  it('is executable and loads dist/cli.js, or says how to build it', () => {
    const bin = path.resolve(__dirname, '../bin/drydock.js');
    const text = readFileSync(bin, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(text).toContain("path.join(__dirname, '..', 'dist', 'cli.js')");
    expect(existsSync(bin)).toBe(true);
  });
});
