/**
 * How a container's argv runs a shell: `sh -c 'script'`, `bash -euo pipefail -c …`, `busybox sh -c …`,
 * `env FOO=1 bash -c …` — and where the script sits in argv, so a fix can rewrite it.
 * The POSIX sh invocation: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/sh.html
 */

/** Shells whose `-c` scripts this module reads. */
export const SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);

export function basename(p: string): string {
  const parts = p.split('/');
  return parts[parts.length - 1] ?? p;
}

export interface ShellInvocation {
  /** The shell's name: sh, bash, dash, ash (BusyBox `sh` reads as ash), zsh, ksh, mksh. */
  shell: string;
  /** The `-c` script, or null when the shell runs a script file or reads stdin. */
  script: string | null;
  /** Index of the script in argv (for rewriting it). */
  scriptIndex: number;
  /** A script file the shell runs instead of `-c` (its content is not visible). */
  scriptFile: string | null;
}

/** Options of sh/bash that take an argument. */
const SHELL_OPTS_WITH_ARG = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

/**
 * Whether argv runs a shell, and with what: `sh -c 'script'`, `bash -ec 'script'`, `sh -c -- 'script'`,
 * `busybox sh -c …`, `env FOO=1 bash -c …`. Null when argv[0] is not a shell.
 */
export function parseShellInvocation(argv: readonly string[]): ShellInvocation | null {
  let k = skipEnv(argv);
  let name = basename(argv[k] ?? '');
  if (name === 'busybox') {
    k++;
    if (basename(argv[k] ?? '') !== 'sh' && basename(argv[k] ?? '') !== 'ash') return null;
    name = 'ash';
  }
  if (!SHELL_NAMES.has(name) || name === 'busybox') return null;
  let hasC = false;
  let j = k + 1;
  for (; j < argv.length; j++) {
    const a = argv[j]!;
    if (a === '--' || a === '-') {
      j++;
      break;
    }
    if (SHELL_OPTS_WITH_ARG.has(a)) {
      j++;
      continue;
    }
    if (a.startsWith('--')) continue; // --login, --noprofile, --norc, --posix
    if (/^[-+][A-Za-z]+$/.test(a)) {
      if (a.startsWith('-') && a.includes('c')) hasC = true;
      if (/[oO]$/.test(a)) j++; // -euo pipefail: the option name follows
      continue;
    }
    break;
  }
  if (j >= argv.length) return { shell: name, script: null, scriptIndex: -1, scriptFile: null };
  if (hasC) return { shell: name, script: argv[j]!, scriptIndex: j, scriptFile: null };
  return { shell: name, script: null, scriptIndex: -1, scriptFile: argv[j]! };
}

/** Index of the real program in `env [-i] [-u NAME] [NAME=value…] program …` (0 when argv is not env). */
export function skipEnv(argv: readonly string[]): number {
  if (basename(argv[0] ?? '') !== 'env') return 0;
  let k = 1;
  while (k < argv.length) {
    const a = argv[k]!;
    if (a === '-u' || a === '--unset' || a === '-C' || a === '--chdir') k += 2;
    else if (a.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) k++;
    else break;
  }
  return k;
}
