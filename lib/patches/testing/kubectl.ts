import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * kubectl as an oracle in tests. `kubectl patch --local` and `kubectl kustomize` need no cluster:
 * with KUBECONFIG=/dev/null they never contact a server (checked: kubectl v1.32, kustomize v5.5).
 * Calls are batched into one shell script and run eight at a time (each costs ~40 ms).
 */
const ENV = { ...process.env, KUBECONFIG: '/dev/null' };

let cached: boolean | undefined;
export function hasKubectl(): boolean {
  if (cached === undefined) {
    const r = spawnSync('kubectl', ['version', '--client'], { env: ENV, encoding: 'utf8', timeout: 10_000 });
    cached = r.status === 0;
  }
  return cached;
}

export interface PatchCase {
  /** The object, or its YAML text. */
  object: unknown;
  /** The patch, or the text of a patch file (YAML or JSON) as a user would pass it. */
  patch: unknown;
  type: 'strategic' | 'json';
}

const fileText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export type KubectlResult = { ok: true; object: unknown } | { ok: false; error: string };

/** `kubectl patch --local -f <object> --type <type> --patch-file <patch> -o json`, for each case. */
export function kubectlPatchMany(cases: PatchCase[]): KubectlResult[] {
  return withTempDir((dir) => {
    const lines = ['#!/bin/bash'];
    cases.forEach((c, i) => {
      writeFileSync(path.join(dir, `obj-${i}.yaml`), fileText(c.object));
      writeFileSync(path.join(dir, `patch-${i}.yaml`), fileText(c.patch));
      lines.push(`kubectl patch --local -f obj-${i}.yaml --type ${c.type} --patch-file patch-${i}.yaml -o json > out-${i}.json 2> err-${i}.txt &`);
      if (i % 8 === 7) lines.push('wait');
    });
    run(dir, lines.join('\n'));
    return cases.map((_, i): KubectlResult => {
      const out = readFileSync(path.join(dir, `out-${i}.json`), 'utf8');
      if (!out.trim()) return { ok: false, error: readFileSync(path.join(dir, `err-${i}.txt`), 'utf8') };
      return { ok: true, object: JSON.parse(out) as unknown };
    });
  });
}

/** `kubectl kustomize` of each overlay (file maps; `base/` files are written beside `overlay/`). */
export function kubectlKustomizeMany(overlays: { overlay: Record<string, string>; base: Record<string, string> }[]): ({ ok: true; yaml: string } | { ok: false; error: string })[] {
  return withTempDir((dir) => {
    const lines = ['#!/bin/bash'];
    overlays.forEach((o, i) => {
      for (const [sub, files] of [['base', o.base], ['overlay', o.overlay]] as const) {
        for (const [file, text] of Object.entries(files)) {
          const p = path.join(dir, String(i), sub, file);
          mkdirSync(path.dirname(p), { recursive: true });
          writeFileSync(p, text);
        }
      }
      lines.push(`kubectl kustomize ${i}/overlay > out-${i}.yaml 2> err-${i}.txt &`);
      if (i % 8 === 7) lines.push('wait');
    });
    run(dir, lines.join('\n'));
    return overlays.map((_, i) => {
      const out = readFileSync(path.join(dir, `out-${i}.yaml`), 'utf8');
      if (!out.trim()) return { ok: false as const, error: readFileSync(path.join(dir, `err-${i}.txt`), 'utf8') };
      return { ok: true as const, yaml: out };
    });
  });
}

/** Runs the script; its kubectl calls go in the background, eight at a time. */
function run(dir: string, script: string): void {
  writeFileSync(path.join(dir, 'run.sh'), `${script}\nwait\n`);
  const r = spawnSync('bash', ['run.sh'], { cwd: dir, env: ENV, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
}

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'drydock-kubectl-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
