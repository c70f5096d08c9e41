import type { Json } from '../../snapshot/types';
import { execTarget, parseShellList } from './shell';
import { basename, parseShellInvocation, skipEnv, type ShellInvocation } from './shell-invocation';

/**
 * Which process is PID 1 of a container, and whether it reaps children it did not start.
 *
 * A process whose parent dies is re-parented to PID 1 of its PID namespace; when it exits it stays a
 * zombie until PID 1 calls wait(). Exec probes start processes inside the container, so a PID 1 that
 * never waits on strangers leaks one PID per timed-out (or orphaned) probe process
 * (kubernetes/kubernetes#81042, containerd/containerd#4255, moby/moby#47583).
 *
 * Kubernetes runs `command` instead of the image ENTRYPOINT and `args` instead of its CMD
 * (https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#notes).
 * Without `command`, the image decides: only the images listed below are recognised, because a wrong
 * guess is worse than saying "unknown".
 */
export type Pid1Class =
  /** An init known to reap every child (tini, dumb-init, …, or the pause process with a shared PID namespace). */
  | 'reaper'
  /** A program known not to reap children it did not start (envoy, java, node, python, pilot-agent). */
  | 'non-reaper'
  /** A shell stays PID 1: it reaps any exited child while it waits for its foreground command. */
  | 'shell'
  /** Not known: the image entrypoint decides, or the program is not in the lists. */
  | 'unknown';

export interface Pid1 {
  class: Pid1Class;
  /** What runs as PID 1 ("envoy", "sh or java"), or null when only the image entrypoint knows. */
  program: string | null;
  /** How that was found, for messages ("command[0]", "the image envoyproxy/envoy's entrypoint"…). */
  how: string;
}

/** Known reapers, by the basename of the program. */
const REAPERS: [RegExp, string][] = [
  [/^tini(-static)?(-[a-z0-9_]+)?$/, 'tini'],
  [/^dumb-init(_[\w.-]+)?$/, 'dumb-init'],
  [/^catatonit$/, 'catatonit'],
  [/^s6-svscan$/, 's6-svscan'],
  [/^supervisord$/, 'supervisord'],
  [/^runsvdir$/, 'runit (runsvdir)'],
  [/^runit(-init)?$/, 'runit'],
  [/^systemd$/, 'systemd'],
  [/^docker-init$/, 'docker-init (tini)'],
  [/^my_init$/, 'my_init (baseimage-docker)'],
];
/** `init` only by its well-known paths: s6-overlay's /init, systemd or sysvinit's /sbin/init. */
const INIT_PATHS = new Set(['/init', '/sbin/init', '/usr/sbin/init', '/lib/systemd/systemd', '/usr/lib/systemd/systemd']);

/**
 * Known non-reapers. Each waits only for the processes it started itself: envoy (the domain's story),
 * pilot-agent (Istio's proxyv2 entrypoint; `[rprobe.sh] <defunct>` in containerd/containerd#4255),
 * the JVM, Node.js (libuv waits per pid) and CPython (subprocess waits per pid).
 */
const NON_REAPERS: [RegExp, string][] = [
  [/^envoy$/, 'envoy'],
  [/^pilot-agent$/, 'pilot-agent'],
  [/^java$/, 'java'],
  [/^node(js)?$/, 'node'],
  [/^(npm|npx|yarn|pnpm)$/, 'node'],
  [/^python[0-9.]*$/, 'python'],
];

const SHELLS_EXEC_LONE_COMMAND = new Set(['bash', 'zsh', 'ksh', 'ash']);
/** Builtins a script may end with; the shell runs them itself and stays PID 1. */
const STAYING_BUILTINS = new Set(['wait', ':', 'true', 'false', 'exit', 'echo', 'printf', 'read', 'set', 'export', 'cd', 'trap', 'shift', 'unset']);

export function classifyProgram(path: string): { class: 'reaper' | 'non-reaper'; name: string } | null {
  if (INIT_PATHS.has(path)) return { class: 'reaper', name: basename(path) === 'systemd' ? 'systemd' : `init (${path})` };
  const b = basename(path);
  for (const [re, name] of REAPERS) if (re.test(b)) return { class: 'reaper', name };
  for (const [re, name] of NON_REAPERS) if (re.test(b)) return { class: 'non-reaper', name };
  return null;
}

/** What a recognised image runs when the pod sets no `command`. */
export interface ImageProfile {
  image: string;
  /** `fixed`: the ENTRYPOINT is the program, args are its flags. `exec-args`: args (when they name a program) replace it. */
  entrypoint: 'fixed' | 'exec-args';
  program: string;
  /** Args matching this run through `program` even with `exec-args` (node's entrypoint runs `server.js` with node). */
  fileArg?: RegExp;
}

interface ImageRule {
  /** Repository path without registry and tag, e.g. envoyproxy/envoy. */
  match: (repo: string, official: boolean) => boolean;
  entrypoint: ImageProfile['entrypoint'];
  program: string;
  fileArg?: RegExp;
}

const IMAGE_RULES: ImageRule[] = [
  // ENTRYPOINT /docker-entrypoint.sh: `exec envoy "$@"` when the first arg is a flag, else `exec "$@"`.
  { match: (r) => /(^|\/)envoyproxy\/envoy(-alpine|-dev|-debug)?$/.test(r), entrypoint: 'exec-args', program: 'envoy' },
  { match: (r) => /(^|\/)envoyproxy\/envoy-distroless(-dev)?$/.test(r), entrypoint: 'fixed', program: 'envoy' },
  // ENTRYPOINT /usr/local/bin/pilot-agent, which starts envoy as its child.
  { match: (r) => /(^|\/)(istio|istio-release)\/proxyv2$/.test(r), entrypoint: 'fixed', program: 'pilot-agent' },
  // Docker official images (Docker Hub only: a private `node` repository can be anything).
  { match: (r, o) => o && r === 'node', entrypoint: 'exec-args', program: 'node', fileArg: /\.(c|m)?js$/ },
  { match: (r, o) => o && /^(python|pypy)$/.test(r), entrypoint: 'exec-args', program: 'python3' },
  { match: (r, o) => o && /^(openjdk|eclipse-temurin|amazoncorretto|ibm-semeru-runtimes|sapmachine)$/.test(r), entrypoint: 'exec-args', program: 'java' },
  // Images that ship an init as ENTRYPOINT.
  { match: (r) => /(^|\/)jenkins\/jenkins$/.test(r), entrypoint: 'fixed', program: 'tini' },
  { match: (r) => /(^|\/)apache\/airflow$/.test(r), entrypoint: 'fixed', program: 'dumb-init' },
  { match: (r) => /(^|\/)elasticsearch\/elasticsearch$/.test(r), entrypoint: 'fixed', program: 'tini' },
];

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'mirror.gcr.io']);

/** Split an image reference into registry and repository path (no tag, no digest). */
export function imageRepository(image: string): { registry: string | null; repo: string } {
  let ref = image.split('@')[0] ?? image;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    return { registry: first, repo: parts.slice(1).join('/') };
  }
  return { registry: null, repo: ref };
}

export function imageProfile(image: unknown): ImageProfile | null {
  if (typeof image !== 'string' || !image) return null;
  const { registry, repo } = imageRepository(image);
  const hub = registry === null || DOCKER_HUB.has(registry);
  const ecrLibrary = registry === 'public.ecr.aws' && repo.startsWith('docker/library/');
  const bare = ecrLibrary ? repo.slice('docker/library/'.length) : repo.replace(/^library\//, '');
  const official = (hub || ecrLibrary) && !bare.includes('/');
  for (const rule of IMAGE_RULES) {
    if (rule.match(official ? bare : repo, official)) {
      return { image, entrypoint: rule.entrypoint, program: rule.program, ...(rule.fileArg ? { fileArg: rule.fileArg } : {}) };
    }
  }
  return null;
}

function strings(v: unknown): string[] | null {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
}

/** PID 1 of a container of a pod. */
export function pid1Of(podSpec: Json, container: Json): Pid1 {
  if (podSpec?.shareProcessNamespace === true) {
    return { class: 'reaper', program: 'pause', how: "shareProcessNamespace: true makes the pod's pause process PID 1" };
  }
  const command = strings(container?.command);
  const args = strings(container?.args) ?? [];
  const image = typeof container?.image === 'string' ? container.image : '';
  if (command) return resolveArgv([...command, ...args], image, 'command[0]');
  const profile = imageProfile(image);
  if (!profile) {
    return { class: 'unknown', program: null, how: `no command is set, so PID 1 is decided by the image entrypoint of ${image || 'the image'}, which Drydock does not recognise` };
  }
  const first = args[0];
  if (profile.entrypoint === 'exec-args' && first !== undefined && !first.startsWith('-') && !profile.fileArg?.test(first)) {
    return resolveArgv(args, image, `args[0] (the entrypoint of ${image} runs args as the command)`);
  }
  const known = classifyProgram(profile.program);
  return { class: known?.class ?? 'unknown', program: known?.name ?? profile.program, how: `the entrypoint of image ${image}` };
}

/** PID 1 when the container runs argv (command + args). */
export function resolveArgv(argv: readonly string[], image: string, how: string, depth = 0): Pid1 {
  const k = skipEnv(argv);
  const prog = argv[k];
  if (prog === undefined || depth > 4) return { class: 'unknown', program: null, how };
  const known = classifyProgram(prog);
  if (known) return { class: known.class, program: known.name, how };
  const sh = parseShellInvocation(argv.slice(k));
  if (sh) return resolveShell(sh, argv.slice(k), image, how, depth);
  return { class: 'unknown', program: basename(prog), how };
}

function resolveShell(sh: ShellInvocation, argv: readonly string[], image: string, how: string, depth: number): Pid1 {
  const shell = sh.shell;
  if (sh.script === null) {
    return { class: 'unknown', program: shell, how: sh.scriptFile ? `${how}: ${shell} runs ${sh.scriptFile}, whose content is not visible` : how };
  }
  const items = parseShellList(sh.script);
  const last = items?.[items.length - 1];
  if (!items || !last) return { class: 'unknown', program: shell, how: `${how}: ${shell} -c runs a script Drydock cannot read` };
  const lastCmd = last.kind === 'simple' && last.next !== '&' ? last.commands[0] : undefined;
  if (!lastCmd) return { class: 'shell', program: shell, how: `${how}: ${shell} -c stays PID 1 (its script ends in a pipeline, a compound command or a background job)` };
  const target = execTarget(lastCmd);
  const positional = argv.slice(sh.scriptIndex + 2); // "$@" of `sh -c 'script' $0 $1…`
  const words = (target ?? lastCmd.words).flatMap((w) => (w.value === '$@' && w.quoted ? positional : [w.value]));
  const expands = (target ?? lastCmd.words).some((w) => w.expands && !(w.value === '$@' && w.quoted));
  if (target) {
    if (expands && words[0]?.includes('$')) return { class: 'unknown', program: null, how: `${how}: the script execs a command only known at run time` };
    return resolveArgv(words, image, `${how} → the script's exec`, depth + 1);
  }
  if (lastCmd.words.length === 0 || words[0]?.includes('$') || STAYING_BUILTINS.has(words[0] ?? '')) {
    return { class: 'shell', program: shell, how: `${how}: ${shell} -c stays PID 1` };
  }
  const lone = items.length === 1 && lastCmd.redirects.length === 0;
  const busybox = /alpine|busybox/i.test(image);
  if (lone && (SHELLS_EXEC_LONE_COMMAND.has(shell) || (shell === 'sh' && busybox))) {
    return resolveArgv(words, image, `${how} → ${shell} -c execs its single command`, depth + 1);
  }
  // The shell may or may not exec its last command (bash ≥ 5.1 and BusyBox do, Debian's dash does not).
  const inner = resolveArgv(words, image, how, depth + 1);
  if (inner.class === 'reaper' || inner.class === 'shell') return { ...inner, how: `${how}: ${shell} -c, then ${inner.program}; either reaps` };
  return {
    class: 'unknown',
    program: `${shell} or ${inner.program ?? 'its last command'}`,
    how: `${how}: ${shell} -c runs ${inner.program ?? 'its last command'} without exec; ${lone ? 'bash and BusyBox exec a lone command' : 'bash ≥ 5.1 and BusyBox may exec a last command'}, Debian's dash stays PID 1`,
  };
}
