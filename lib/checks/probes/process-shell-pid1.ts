import type { App } from '../../apps/types';
import { atContainer, containerIn, containersOf, notApplicable, pass, workloadFix, type ContainerRef } from '../helpers';
import { execTarget, parseShellList, tokenizeShell, type ListItem } from '../helpers/shell';
import { parseShellInvocation, type ShellInvocation } from '../helpers/shell-invocation';
import type { Check, CheckResult, Fix } from '../types';
import { redact } from './_common';

/**
 * When a shell runs the app without `exec`, the shell is PID 1. The kernel delivers no signal to PID 1
 * that it has no handler for, and a shell does not pass SIGTERM on to its children: the app never
 * hears about the shutdown and is killed after the grace period.
 * https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
 */
export const check: Check = {
  id: 'process-shell-pid1',
  title: 'Shell is PID 1 and swallows SIGTERM',
  topic: 'probes',
  severity: 'warning',
  fixKind: 'input',
  needs: 'spec',
  summary: '`command` is a shell (`sh -c`, `bash -c`) whose script does not `exec` the app: the shell is PID 1 and SIGTERM never reaches the app.',
  rationale:
    'On shutdown the kubelet sends SIGTERM to PID 1 of each container, then SIGKILL after `terminationGracePeriodSeconds`. ' +
    'When `command` is `sh -c "…"` and the script does not `exec` the app, the shell is PID 1: PID 1 ignores signals it ' +
    'has no handler for, the shell does not forward them, and the app is killed mid-request after the grace period. ' +
    'Rule: the script passes when its last command is `exec …` or it traps TERM; a script that is one simple command ' +
    'passes for bash, zsh, ksh and BusyBox ash (they exec a lone command), but not for `sh`/`dash` — Debian and Ubuntu ' +
    'images ship dash as /bin/sh, and Debian\'s dash forks even a lone command (`sh` on an Alpine or BusyBox image is ' +
    'ash and passes). Other shells and longer scripts are not trusted to exec their last command. Jobs and CronJobs are ' +
    'not judged. The fix puts `exec` before the last command; when that command is a pipeline, a loop or a background ' +
    'job, it runs the shell under `tini -g` instead.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination',
    'https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#run-a-command-in-a-shell',
    'https://github.com/krallin/tini',
  ],
  appliesTo: (app) => (app.longRunning ? null : `${app.kind} pods run to completion; their shell exits with the script`),
  evaluate(app) {
    return containersOf(app, 'app').map((ref): CheckResult => {
      const command: unknown = ref.container?.command;
      if (!Array.isArray(command) || command.length === 0 || !command.every((x) => typeof x === 'string')) {
        return notApplicable(`Container ${ref.name} sets no command: the image entrypoint runs`, atContainer(ref));
      }
      const args: string[] = Array.isArray(ref.container?.args) ? ref.container.args.map(String) : [];
      const sh = parseShellInvocation(command as string[]) ? parseShellInvocation([...(command as string[]), ...args]) : null;
      if (!sh) return notApplicable(`Container ${ref.name} runs ${String(command[0])}, not a shell`, atContainer(ref, '/command'));
      if (sh.script === null) {
        return notApplicable(sh.scriptFile ? `Container ${ref.name} runs ${sh.shell} ${sh.scriptFile}; whether that script execs its app is not visible` : `Container ${ref.name} runs ${sh.shell} without a -c script`, atContainer(ref, '/command'));
      }
      const items = parseShellList(sh.script);
      const last = items?.[items.length - 1];
      if (!items || !last) return notApplicable(`Container ${ref.name}: the ${sh.shell} -c script cannot be read (here-documents and unbalanced quotes are not modelled)`, atContainer(ref, '/command'));
      const at = atContainer(ref, sh.scriptIndex < command.length ? `/command/${sh.scriptIndex}` : `/args/${sh.scriptIndex - command.length}`);
      if (trapsTerm(sh.script)) return pass(`The ${sh.shell} -c script of container ${ref.name} traps SIGTERM`, at);
      const lastCmd = last.kind === 'simple' && last.next !== '&' ? last.commands[0] : undefined;
      if (lastCmd && execTarget(lastCmd)) return pass(`The ${sh.shell} -c script of container ${ref.name} ends in exec ${execTarget(lastCmd)!.map((w) => w.value).join(' ')}`, at);
      const lone = items.length === 1 && lastCmd && lastCmd.redirects.length === 0 && lastCmd.words.length > 0;
      const busybox = /alpine|busybox/i.test(String(ref.container?.image ?? ''));
      if (lone && (['bash', 'zsh', 'ksh', 'ash'].includes(sh.shell) || (sh.shell === 'sh' && busybox))) {
        return pass(`Container ${ref.name} runs a single command with ${sh.shell === 'sh' ? 'BusyBox sh' : sh.shell} -c, which execs it`, at);
      }
      const grace = typeof app.podSpec?.terminationGracePeriodSeconds === 'number' ? app.podSpec.terminationGracePeriodSeconds : 30;
      const runs = describe(last, sh.script);
      const dash = lone && (sh.shell === 'sh' || sh.shell === 'dash') ? ` (${sh.shell === 'sh' ? '/bin/sh is dash on Debian and Ubuntu images, and ' : ''}Debian's dash does not exec a lone command)` : '';
      return {
        status: 'fail',
        ...at,
        message:
          `Container ${ref.name} runs ${sh.shell} -c and its script ${runs} without exec${dash}: ${sh.shell} stays PID 1 and does not pass SIGTERM on, ` +
          `so the app is killed after terminationGracePeriodSeconds (${grace} s)`,
        evidence: { shell: sh.shell, lastCommand: redact(sh.script.slice(last.start, last.end)) },
        fix: fixFor(app, ref, sh, items, command as string[]),
      };
    });
  },
};

/** Whether the script installs a handler for SIGTERM (`trap 'kill -TERM "$pid"' TERM INT`): it can forward the signal. */
function trapsTerm(script: string): boolean {
  const tokens = tokenizeShell(script) ?? [];
  return tokens.some((t, i) => {
    if (t.kind !== 'word' || t.value !== 'trap' || t.quoted) return false;
    const words: string[] = [];
    for (let j = i + 1; j < tokens.length && tokens[j]!.kind === 'word'; j++) words.push(tokens[j]!.value);
    // words[0] is the action ('' or '-' resets or ignores); the rest are signal names or numbers.
    return words.length > 1 && words[0] !== '' && words[0] !== '-' && words.slice(1).some((w) => /^(SIG)?TERM$|^15$/i.test(w));
  });
}

function describe(last: ListItem, script: string): string {
  const text = redact(script.slice(last.start, last.end).trim());
  const short = text.length > 100 ? `${text.slice(0, 97)}…` : text;
  if (last.kind === 'pipeline') return `ends in the pipeline \`${short}\``;
  if (last.kind === 'compound') return `ends in \`${short}\``;
  if (last.next === '&') return `ends by running \`${short}\` in the background`;
  return `runs \`${short}\``;
}

/** Last commands that are not the app: exec-ing them would not help (`… || echo failed`, `…; sleep infinity`). */
const NOT_THE_APP = new Set(['wait', 'exit', 'true', 'false', ':', 'sleep', 'echo', 'printf', 'read', 'set', 'export', 'cd', 'trap', 'shift', 'unset']);

function fixFor(app: App, ref: ContainerRef, sh: ShellInvocation, items: ListItem[], command: string[]): Fix {
  const script = sh.script!;
  const last = items[items.length - 1]!;
  const before = items[items.length - 2];
  const cmd = last.kind === 'simple' && last.next !== '&' && before?.next !== '||' ? last.commands[0] : undefined;
  const first = cmd?.words[0];
  if (cmd && first && !first.expands && !NOT_THE_APP.has(first.value)) {
    // `exec` goes after leading assignments: `FOO=1 exec app` keeps FOO in the app's environment.
    const rewritten = `${script.slice(0, first.start)}exec ${script.slice(first.start)}`;
    return workloadFix(app, {
      kind: 'input',
      summary: `Run \`${first.value}\` with exec in the ${sh.shell} -c script of container ${ref.name}, so it becomes PID 1 and receives SIGTERM (check that nothing had to run after it)`,
      mutate: (_w, podSpec) => {
        const c = containerIn(podSpec, ref);
        if (sh.scriptIndex < command.length) c.command[sh.scriptIndex] = rewritten;
        else c.args[sh.scriptIndex - command.length] = rewritten;
      },
    });
  }
  return workloadFix(app, {
    kind: 'input',
    summary: `Run the ${sh.shell} -c script of container ${ref.name} under tini -g, which forwards SIGTERM to the whole process group (install tini in the image), or restructure it to end in exec`,
    mutate: (_w, podSpec) => {
      containerIn(podSpec, ref).command = ['tini', '-g', '--', ...command];
    },
  });
}
