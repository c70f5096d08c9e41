import { execTarget, parseShellList, type SimpleCommand } from './shell';
import { basename, parseShellInvocation } from './shell-invocation';

/**
 * Reads an exec probe that only fetches a local URL with curl or wget, and says which `httpGet`
 * probe does the same. Anything an httpGet probe cannot express is refused with the reason:
 * a body check (pipes into grep/jq), a request body or another method, credentials, client
 * certificates, proxies, retries, a remote or variable URL, or curl without `--fail` (it exits 0
 * on HTTP 500, where httpGet fails on anything outside 200–399).
 * https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-liveness-http-request
 */
export interface HttpGetEquivalent {
  tool: 'curl' | 'wget';
  scheme: 'HTTP' | 'HTTPS';
  /** The host as written in the URL: localhost, 127.0.0.1 or [::1]. */
  host: string;
  port: number;
  /** Path with query string, as httpGet.path takes it. */
  path: string;
  /** Headers the tool sends that matter: the Host it sent, and every -H / --header / -A given. */
  headers: { name: string; value: string }[];
  /** The tool's own limit in seconds (curl -m/--max-time, wget -T/--timeout), when set. */
  maxTimeSeconds: number | null;
}

export type ExecHttpResult = { ok: true; http: HttpGetEquivalent } | { ok: false; tool: 'curl' | 'wget' | null; reason: string };

const refuse = (tool: 'curl' | 'wget' | null, reason: string): ExecHttpResult => ({ ok: false, tool, reason });

/** The httpGet probe equivalent to an exec probe's command, or why there is none. */
export function execProbeAsHttpGet(command: unknown): ExecHttpResult {
  if (!Array.isArray(command) || command.length === 0 || !command.every((x) => typeof x === 'string')) return refuse(null, 'the exec command is not a list of strings');
  let argv = command as string[];
  const sh = parseShellInvocation(argv);
  if (sh) {
    if (sh.script === null) return refuse(null, `${sh.shell} runs a script file whose content is not visible`);
    const r = commandOfScript(sh.script);
    if (!r.ok) return r;
    argv = r.argv;
  } else if (argv.some((a) => a.includes('$('))) {
    return refuse(toolOf(argv), 'the command uses $(VAR) references, which an httpGet probe cannot');
  }
  const tool = toolOf(argv);
  if (!tool) return refuse(null, `${basename(argv[0] ?? '')} is not curl or wget`);
  const args = argv.slice(basename(argv[0] ?? '') === 'busybox' ? 2 : 1);
  return tool === 'curl' ? parseCurl(args) : parseWget(args);
}

function toolOf(argv: readonly string[]): 'curl' | 'wget' | null {
  const b = basename(argv[0] ?? '');
  if (b === 'curl') return 'curl';
  if (b === 'wget' || (b === 'busybox' && argv[1] === 'wget')) return 'wget';
  return null;
}

/** `curl …`, `exec curl …`, `curl … || exit 1`, with output redirected to /dev/null at most. */
function commandOfScript(script: string): { ok: true; argv: string[] } | { ok: false; tool: 'curl' | 'wget' | null; reason: string } {
  const items = parseShellList(script);
  if (!items || items.length === 0) return { ok: false, tool: null, reason: 'the probe script cannot be read' };
  const first = items[0]!;
  const firstCmd = first.commands[0];
  const tool = firstCmd ? toolOf(firstCmd.words.map((w) => w.value)) ?? toolOf(execTarget(firstCmd)?.map((w) => w.value) ?? []) : null;
  if (first.kind === 'pipeline') {
    const into = first.commands[1]?.words[0]?.value ?? 'another command';
    return { ok: false, tool, reason: `the response is piped into ${into}, which checks the body: an httpGet probe only checks the status code` };
  }
  if (first.kind !== 'simple' || !firstCmd) return { ok: false, tool, reason: 'the probe script is more than one request' };
  if (items.length === 2) {
    const second = items[1]!.commands[0];
    const ok = first.next === '||' && items[1]!.kind === 'simple' && second && isFailingExit(second);
    if (!ok) return { ok: false, tool, reason: 'the probe script runs more than the request' };
  } else if (items.length > 2 || first.next !== null) {
    return { ok: false, tool, reason: 'the probe script runs more than the request' };
  }
  for (const r of firstCmd.redirects) {
    const t = r.target?.value;
    const toNull = ['>', '>>', '&>', '&>>', '>|'].includes(r.op) && t === '/dev/null';
    const dup = r.op === '>&' && (t === '1' || t === '2');
    if (!toNull && !dup) return { ok: false, tool, reason: `the script redirects ${r.op} ${t ?? ''}, not only to /dev/null` };
  }
  const words = execTarget(firstCmd) ?? firstCmd.words;
  if (firstCmd.assignments.length) return { ok: false, tool, reason: 'the script sets environment variables for the request' };
  if (words.some((w) => w.expands)) return { ok: false, tool, reason: 'the script uses shell variables or command substitution, which an httpGet probe cannot' };
  return { ok: true, argv: words.map((w) => w.value) };
}

/** `exit`, `exit N` (N ≠ 0) or `false`: the script fails when the request fails. */
function isFailingExit(cmd: SimpleCommand): boolean {
  const w = cmd.words.map((x) => x.value);
  if (cmd.redirects.length || cmd.assignments.length) return false;
  if (w.length === 1 && (w[0] === 'exit' || w[0] === 'false')) return true;
  return w.length === 2 && w[0] === 'exit' && /^\d+$/.test(w[1]!) && Number(w[1]) % 256 !== 0;
}

const CURL_FLAGS = new Set([
  '-f', '--fail', '--fail-with-body', '--fail-early', '-s', '--silent', '-S', '--show-error', '-L', '--location', '-k', '--insecure',
  '-v', '--verbose', '-q', '--disable', '-i', '--include', '-4', '-6', '--ipv4', '--ipv6', '--compressed', '--no-progress-meter',
  '--http1.1', '--http1.0', '-g', '--globoff', '--no-keepalive', '-N', '--no-buffer', '--no-sessionid', '--tcp-nodelay', '--path-as-is',
]);
const CURL_WITH_ARG = new Set([
  '-o', '--output', '-m', '--max-time', '--connect-timeout', '-H', '--header', '-A', '--user-agent', '-w', '--write-out', '--max-redirs',
  '-X', '--request', '--url', '-e', '--referer', '--cacert', '--capath', '--stderr', '-D', '--dump-header', '--trace', '--trace-ascii',
]);
const CURL_SHORT_WITH_ARG = new Set('oHmAwXeDudFTxEKbcrYyzCPQtEU'.split(''));
const CURL_REFUSED: [RegExp, string][] = [
  [/^(-d|--data.*|-F|--form.*|-T|--upload-file|--json)$/, 'sends a request body'],
  [/^(-I|--head)$/, 'sends a HEAD request'],
  [/^(-u|--user|--oauth2-bearer|--basic|--digest|--ntlm|--negotiate|--aws-sigv4|-n|--netrc.*)$/, 'sends credentials'],
  [/^(-E|--cert|--key|--cert-type|--key-type)$/, 'presents a client certificate (an httpGet probe cannot)'],
  [/^(--unix-socket|--abstract-unix-socket)$/, 'talks to a Unix socket'],
  [/^(-x|--proxy|--socks.*|--preproxy)$/, 'goes through a proxy'],
  [/^(--resolve|--connect-to|--interface)$/, 'overrides where the request goes'],
  [/^--retry.*$/, 'retries the request (an httpGet probe does not)'],
  [/^(-K|--config)$/, 'reads options from a config file'],
  [/^(-b|--cookie|-c|--cookie-jar)$/, 'sends cookies'],
  [/^(--http2|--http2-prior-knowledge|--http3.*)$/, 'requires HTTP/2 or HTTP/3 (the kubelet speaks HTTP/1.1)'],
];

function parseCurl(args: string[]): ExecHttpResult {
  let fail = false;
  const urls: string[] = [];
  const headers: { name: string; value: string }[] = [];
  let maxTime: number | null = null;
  const take = (opt: string, value: string): ExecHttpResult | null => {
    switch (opt) {
      case '-m':
      case '--max-time': {
        const n = Number(value);
        if (!Number.isFinite(n) || n <= 0) return refuse('curl', `--max-time ${value} is not a number of seconds`);
        maxTime = n;
        return null;
      }
      case '-H':
      case '--header':
        return addHeader('curl', headers, value);
      case '-A':
      case '--user-agent':
        headers.push({ name: 'User-Agent', value });
        return null;
      case '-e':
      case '--referer':
        headers.push({ name: 'Referer', value });
        return null;
      case '-X':
      case '--request':
        return value.toUpperCase() === 'GET' ? null : refuse('curl', `sends a ${value} request (an httpGet probe sends GET)`);
      case '--url':
        urls.push(value);
        return null;
      default:
        return null; // output, write-out, redirects, CA files: no effect on the verdict
    }
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      urls.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      urls.push(a);
      continue;
    }
    const refused = CURL_REFUSED.find(([re]) => re.test(a));
    if (refused) return refuse('curl', `curl ${a} ${refused[1]}`);
    if (a.startsWith('--')) {
      if (a === '--fail' || a === '--fail-with-body') fail = true;
      if (CURL_FLAGS.has(a)) continue;
      if (!CURL_WITH_ARG.has(a)) return refuse('curl', `curl option ${a} has no httpGet equivalent Drydock knows of`);
      const v = args[++i];
      if (v === undefined) return refuse('curl', `curl option ${a} has no value`);
      const r = take(a, v);
      if (r) return r;
      continue;
    }
    // A cluster of short options: -fsS, -sSfo /dev/null, -m2, -HX-Key:1
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const opt = `-${c}`;
      const refusedShort = CURL_REFUSED.find(([re]) => re.test(opt));
      if (refusedShort) return refuse('curl', `curl ${opt} ${refusedShort[1]}`);
      if (c === 'f') fail = true;
      if (CURL_FLAGS.has(opt)) continue;
      if (!CURL_SHORT_WITH_ARG.has(c) || !CURL_WITH_ARG.has(opt)) return refuse('curl', `curl option ${opt} has no httpGet equivalent Drydock knows of`);
      const rest = a.slice(j + 1);
      const v = rest !== '' ? rest : args[++i];
      if (v === undefined) return refuse('curl', `curl option ${opt} has no value`);
      const r = take(opt, v);
      if (r) return r;
      break;
    }
  }
  if (!fail) return refuse('curl', 'curl without -f/--fail exits 0 on HTTP errors such as 500, so an httpGet probe would not be equivalent');
  return finish('curl', urls, headers, maxTime);
}

const WGET_FLAGS = new Set([
  '-q', '--quiet', '--spider', '-s', '-S', '--server-response', '-nv', '--no-verbose', '--no-check-certificate', '--no-proxy',
  '-4', '-6', '--inet4-only', '--inet6-only', '--no-cache', '--no-dns-cache', '-c', '--continue',
]);
const WGET_WITH_ARG = new Set([
  '-O', '--output-document', '-T', '--timeout', '-t', '--tries', '--header', '-U', '--user-agent', '-o', '--output-file', '-a',
  '--append-output', '--max-redirect', '--read-timeout', '--connect-timeout', '--dns-timeout', '-P', '--directory-prefix', '-Y', '--method',
]);
const WGET_REFUSED: [RegExp, string][] = [
  [/^(--post-data|--post-file|--body-data|--body-file)$/, 'sends a request body'],
  [/^(--user|--password|--http-user|--http-password|--ask-password)$/, 'sends credentials'],
  [/^(--certificate|--private-key|--certificate-type|--private-key-type)$/, 'presents a client certificate (an httpGet probe cannot)'],
  [/^(-e|--execute|-i|--input-file|--load-cookies|-r|--recursive|-m|--mirror|-p|--page-requisites)$/, 'does more than fetch one URL'],
];

function parseWget(args: string[]): ExecHttpResult {
  const urls: string[] = [];
  const headers: { name: string; value: string }[] = [];
  let maxTime: number | null = null;
  const take = (opt: string, value: string): ExecHttpResult | null => {
    switch (opt) {
      case '-T':
      case '--timeout': {
        const n = Number(value);
        if (!Number.isFinite(n) || n <= 0) return refuse('wget', `-T ${value} is not a number of seconds`);
        maxTime = n;
        return null;
      }
      case '--header':
        return addHeader('wget', headers, value);
      case '-U':
      case '--user-agent':
        headers.push({ name: 'User-Agent', value });
        return null;
      case '--method':
        return value.toUpperCase() === 'GET' ? null : refuse('wget', `sends a ${value} request (an httpGet probe sends GET)`);
      default:
        return null;
    }
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') {
      urls.push(a);
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      const refused = WGET_REFUSED.find(([re]) => re.test(name));
      if (refused) return refuse('wget', `wget ${name} ${refused[1]}`);
      if (WGET_FLAGS.has(name) && eq < 0) continue;
      if (!WGET_WITH_ARG.has(name)) return refuse('wget', `wget option ${name} has no httpGet equivalent Drydock knows of`);
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) return refuse('wget', `wget option ${name} has no value`);
      const r = take(name, v);
      if (r) return r;
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const opt = `-${a[j]}`;
      const rest = a.slice(j + 1);
      if (opt === '-n' && (rest === 'v' || rest.startsWith('v'))) {
        j++; // -nv
        continue;
      }
      const refused = WGET_REFUSED.find(([re]) => re.test(opt));
      if (refused) return refuse('wget', `wget ${opt} ${refused[1]}`);
      if (WGET_FLAGS.has(opt)) continue;
      if (!WGET_WITH_ARG.has(opt)) return refuse('wget', `wget option ${opt} has no httpGet equivalent Drydock knows of`);
      const v = rest !== '' ? rest : args[++i];
      if (v === undefined) return refuse('wget', `wget option ${opt} has no value`);
      const r = take(opt, v);
      if (r) return r;
      break;
    }
  }
  // wget exits non-zero on 4xx/5xx by itself (GNU wget: 8; BusyBox: 1).
  return finish('wget', urls, headers, maxTime);
}

function addHeader(tool: 'curl' | 'wget', headers: { name: string; value: string }[], raw: string): ExecHttpResult | null {
  const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(raw);
  if (!m || m[2] === '') return refuse(tool, `header "${raw}" is not a plain "Name: value" header`);
  headers.push({ name: m[1]!, value: m[2]! });
  return null;
}

const LOCAL_URL = /^(?:(https?):\/\/)?(localhost|127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?(\/[^#\s]*)?$/i;

function finish(tool: 'curl' | 'wget', urls: string[], headers: { name: string; value: string }[], maxTime: number | null): ExecHttpResult {
  if (urls.length !== 1) return refuse(tool, urls.length ? `${tool} fetches ${urls.length} URLs` : `${tool} is given no URL`);
  const url = urls[0]!;
  if (/^[a-z]+:\/\/[^/]*@/i.test(url)) return refuse(tool, 'the URL carries credentials');
  if (url.includes('#')) return refuse(tool, 'the URL has a fragment');
  if (url.includes('$')) return refuse(tool, 'the URL uses variables');
  const m = LOCAL_URL.exec(url);
  if (!m) {
    const scheme = /^([a-z]+):\/\//i.exec(url)?.[1];
    if (scheme && !/^https?$/i.test(scheme)) return refuse(tool, `the URL scheme ${scheme} is not HTTP`);
    return refuse(tool, `${url} is not a URL on localhost, 127.0.0.1 or [::1]`);
  }
  const scheme = (m[1] ?? 'http').toLowerCase() === 'https' ? 'HTTPS' : 'HTTP';
  const port = m[3] ? Number(m[3]) : scheme === 'HTTPS' ? 443 : 80;
  if (port < 1 || port > 65535) return refuse(tool, `port ${port} is out of range`);
  const host = m[2]!.toLowerCase();
  const defaultPort = (scheme === 'HTTPS' ? 443 : 80) === port && !m[3];
  // The tool sent this Host header; a server that routes or checks by Host must see the same.
  const hostHeader = headers.some((h) => h.name.toLowerCase() === 'host') ? [] : [{ name: 'Host', value: defaultPort ? host : `${host}:${port}` }];
  return { ok: true, http: { tool, scheme, host, port, path: m[4] || '/', headers: [...hostHeader, ...headers], maxTimeSeconds: maxTime } };
}
