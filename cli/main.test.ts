import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { version } from '../package.json';
import { PRIVILEGED_APP, READY_APP, tempTree } from './test-support';

/** Real processes: the tsx entry point (`npm run drydock`), the esbuild bundle and bin/drydock.js. */

const root = path.resolve(__dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const tree = tempTree({ 'apps/catalog.yaml': READY_APP, 'apps/tuner.yaml': PRIVILEGED_APP });
const scratch = path.join(root, 'dist', `test-${process.pid}`);
afterAll(() => {
  tree.cleanup();
  rmSync(scratch, { recursive: true, force: true });
  try {
    rmdirSync(path.dirname(scratch)); // dist/ itself, only when the test made it and it is empty
  } catch {
    // not empty (a real build is there) or already gone
  }
});

function exec(cmd: string, args: string[], input?: string) {
  const r = spawnSync(cmd, args, { cwd: root, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DRYDOCK_DEBUG: '' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('drydock as a process', () => {
  it('runs from source with tsx: JSON on stdout, gate exit code 1', () => {
    const r = exec(tsx, ['cli/main.ts', 'scan', path.join(tree.dir, 'apps'), '--format', 'json', '--fail-on', 'critical']);
    expect(r.stderr).toMatch(/gate failed/);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).apps).toHaveLength(2);
  });

  it('reads stdin and reports a missing path with exit 2 and no stack trace', () => {
    const ok = exec(tsx, ['cli/main.ts', 'scan', '-', '--format', 'csv'], READY_APP);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(',shop,Deployment,catalog,');
    const missing = exec(tsx, ['cli/main.ts', 'scan', '/nonexistent/drydock/k8s']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('drydock: /nonexistent/drydock/k8s: no such file or directory\n');
  });

  it('builds into a bundle that runs without tsx (npm run build:cli)', () => {
    const outfile = path.join(scratch, 'cli.js');
    const build = exec(process.execPath, ['scripts/build-cli.mjs', '--outfile', outfile]);
    expect(build.code, build.stderr).toBe(0);
    expect(exec(process.execPath, [outfile, '--version']).stdout).toBe(`${version}\n`);
    const r = exec(process.execPath, [outfile, 'scan', path.join(tree.dir, 'apps'), '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## Drydock readiness: 2 apps/);
  }, 60_000);

  it('bin/drydock.js says how to build when dist/cli.js is missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drydock-bin-'));
    try {
      mkdirSync(path.join(dir, 'bin'));
      copyFileSync(path.join(root, 'bin', 'drydock.js'), path.join(dir, 'bin', 'drydock.js'));
      const r = exec(process.execPath, [path.join(dir, 'bin', 'drydock.js'), '--version']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^drydock: dist\/cli\.js is missing; run 'npm run build'/);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
