/**
 * Host names an app refers to, read from text (env values, args, command, ConfigMap files).
 *
 * Used by the DNS checks: a ClusterFirst pod resolves names through the cluster search list
 * (`<ns>.svc.cluster.local svc.cluster.local cluster.local …`, `ndots:5`), so which names an app
 * uses decides whether it needs cluster DNS at all and what `ndots` costs it.
 * https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/
 *
 * The extractor errs towards silence: a false "external" costs a warning nobody believes, a false
 * "in-cluster" only holds back an info-level suggestion. It never returns anything but host names
 * (user names and passwords in URLs are dropped; lines that assign credentials are skipped by the callers).
 */

/** Where the name resolves. */
export type HostClass =
  /** Certainly a cluster name: `*.svc`, `*.cluster.local`, a Service of the namespace, `svc.<own-namespace>`. */
  | 'cluster'
  /** Resolves through the search list and may be a cluster name: `svc.namespace`, a short name, `pod.svc.ns`. */
  | 'maybe-cluster'
  /** A name outside the cluster (public or corporate DNS). */
  | 'external';

export interface HostRef {
  /** As shown in messages (lower case, references like `$(NS)` kept as written, trailing dot kept when absolute). */
  host: string;
  class: HostClass;
  /** Written with a trailing dot: resolved as is, no search list. */
  absolute: boolean;
  /** Dots in the name (without the trailing one): what `ndots` compares. */
  dots: number;
  /** Why it was classed so, e.g. "Service orders", "Service env var". */
  why?: string;
}

export interface HostContext {
  namespace: string;
  serviceNames: readonly string[];
}

/** Top-level domains nobody names a namespace after: a two-label name under them is external. */
const GENERIC_TLDS = new Set(['com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'io', 'co', 'info', 'biz']);
/** More public TLDs, trusted for names of three labels or more in a host position. Any two-letter TLD counts as a ccTLD there. */
const OTHER_PUBLIC_TLDS = new Set([
  'app', 'dev', 'ai', 'cloud', 'tech', 'xyz', 'me', 'tv', 'online', 'site', 'store', 'shop', 'blog', 'news', 'page', 'email',
  'solutions', 'systems', 'services', 'network', 'digital', 'global', 'world', 'live', 'life', 'today', 'company', 'agency',
  'group', 'team', 'tools', 'software', 'host', 'hosting', 'website', 'space', 'top', 'club', 'pro', 'mobi', 'asia', 'aero', 'museum',
]);
/** Corporate / private suffixes: not cluster names, resolved by the upstream resolver. */
const PRIVATE_TLDS = new Set(['local', 'internal', 'corp', 'lan', 'home', 'localdomain', 'intranet', 'private']);
/**
 * TLDs trusted in free text (config file bodies, scripts), where file names and dotted keys abound:
 * ccTLDs that double as file extensions (.py .sh .pl .md .rs .so .in .cc .tf .am .mk .ps .pm .ml) are left out.
 */
const FREE_TEXT_TLDS = new Set([
  ...GENERIC_TLDS, 'dev', 'cloud', 'ai', 'app',
  'de', 'uk', 'fr', 'nl', 'be', 'at', 'ch', 'it', 'es', 'se', 'no', 'dk', 'fi', 'ie', 'pt', 'cz', 'jp', 'cn', 'kr', 'tw', 'hk',
  'sg', 'au', 'nz', 'ca', 'us', 'br', 'mx', 'ar', 'za', 'ru', 'eu',
]);
/** First labels of reverse-DNS identifiers (Java packages, bundle ids): `com.example.Main`, `io.grpc.netty`. */
const REVERSE_DNS_FIRST = new Set(['com', 'org', 'net', 'io', 'edu', 'gov', 'de', 'uk', 'fr', 'nl', 'ch', 'java', 'javax', 'jakarta', 'kotlin', 'android', 'sun', 'scala']);

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** Stand-in for a `$(VAR)`/`${VAR}` reference inside a host, restored for display. */
const PLACEHOLDER = /zzref(\d+)zz/g;
const HAS_PLACEHOLDER = /zzref\d+zz/;

function isPublicTld(tld: string): boolean {
  return GENERIC_TLDS.has(tld) || OTHER_PUBLIC_TLDS.has(tld) || /^[a-z]{2}$/.test(tld);
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') || /^\[.*\]$/.test(host);
}

/**
 * Classify one candidate host. `strong`: found in a host position (URL authority, `host:port`, a
 * host-like key or flag) — any well-formed name is a host there; otherwise (free text) only names
 * under a trusted TLD or a cluster suffix count.
 */
export function classifyHost(raw: string, ctx: HostContext, strong: boolean, refs: readonly string[] = []): HostRef | null {
  let host = raw.trim().toLowerCase();
  const absolute = host.endsWith('.') && host.length > 1;
  if (absolute) host = host.slice(0, -1);
  if (!host || host === 'localhost' || isIp(host) || host.startsWith('.')) return null;
  const labels = host.split('.');
  if (labels.some((l) => !LABEL.test(l) || l.length > 63) || host.length > 253) return null;
  const display = host.replace(PLACEHOLDER, (_m, i: string) => refs[Number(i)] ?? '$(…)') + (absolute ? '.' : '');
  const base = { host: display, absolute, dots: labels.length - 1 };
  const templated = HAS_PLACEHOLDER.test(host);
  // Cluster suffixes: <svc>.<ns>.svc[.cluster.local], *.cluster.local (pods, custom records).
  if (labels.indexOf('svc') >= 1 || host.endsWith('.cluster.local')) return { ...base, class: 'cluster', why: 'cluster domain' };
  if (templated) return null;
  const tld = labels[labels.length - 1]!;
  if (labels.length === 1) {
    // A bare word is a host only in a host position (URL, host:port, a host-like key or flag).
    if (!strong || !/[a-z]/.test(host)) return null;
    if (ctx.serviceNames.includes(host)) return { ...base, class: 'cluster', why: `Service ${host}` };
    return { ...base, class: 'maybe-cluster', why: 'short name' };
  }
  if (!/^[a-z]{2,}$/.test(tld)) return null; // versions (1.2.3, v2.1), numeric suffixes
  if (strong) {
    if (labels.length === 2 && tld === ctx.namespace) return { ...base, class: 'cluster', why: `Service ${labels[0]} of namespace ${tld}` };
    if (labels.length === 3 && tld === ctx.namespace) return { ...base, class: 'cluster', why: `pod of a Service in namespace ${tld}` };
    if (labels.length === 2) {
      // svc.namespace is how a pod names a Service of another namespace: only generic TLDs are safe to call external.
      return GENERIC_TLDS.has(tld) ? { ...base, class: 'external' } : { ...base, class: 'maybe-cluster', why: 'service.namespace form' };
    }
    if (isPublicTld(tld) || PRIVATE_TLDS.has(tld)) return { ...base, class: 'external' };
    return { ...base, class: 'maybe-cluster', why: 'not a public domain' };
  }
  if (REVERSE_DNS_FIRST.has(labels[0]!)) return null;
  if (!FREE_TEXT_TLDS.has(tld)) return null;
  if (labels.length === 2 && !GENERIC_TLDS.has(tld)) return null;
  return { ...base, class: 'external' };
}

const REF_RE = /\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)|\$\{([A-Za-z_][A-Za-z0-9_.:-]*)\}/g;
/** Kubernetes service env vars (https://kubernetes.io/docs/concepts/services-networking/service/#environment-variables). */
const SERVICE_ENV_RE = /\$[({]?([A-Z][A-Z0-9_]*?)_(SERVICE_HOST|SERVICE_PORT(?:_[A-Z0-9_]+)?|PORT_\d+_(?:TCP|UDP|SCTP)(?:_(?:ADDR|PORT|PROTO))?)\b[)}]?/g;
const HOST_CHARS = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?';
const URL_RE = /\b([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^\s/?#'"<>`;|\\(){}]+)/g;
const HOST_PORT_RE = new RegExp(`(?<![\\w.@/:$-])(${HOST_CHARS}):(\\d{2,5})(?![\\w.:-])`, 'g');
const AT_HOST_PORT_RE = new RegExp(`@(?://)?(${HOST_CHARS}):(\\d{2,5})`, 'g');
const CONN_STRING_RE = /(?:^|[;\s"'])(?:server|host|hostname|data source|address|addr|network address)\s*=\s*(?:tcp:)?([^;\s"']+)/gi;
const HOST_KEY = '[A-Za-z0-9_.-]*(?:host|hostname|hosts|server|servers|addr|address|endpoint|endpoints|url|uri|broker|brokers|nodes)';
/** `key: value`, `key=value`, `--key=value` with a key that names a host. */
const HOST_KEY_RE = new RegExp(`(?:^|[\\s{,"'(])(?:--?)?${HOST_KEY}["']?\\s*[:=]\\s*["']?([^\\s"',;}]+(?:,[^\\s"',;}]+)*)`, 'gi');
/** `--key value` (command-line flags only). */
const HOST_FLAG_RE = new RegExp(`(?:^|\\s)--?${HOST_KEY}\\s+["']?([A-Za-z0-9][^\\s"',;]*)`, 'gi');
/** Values of host-like settings that are not hosts. */
const NOT_HOSTS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'none', 'null', 'nil', 'auto', 'default', 'enabled', 'disabled', 'any', 'all']);
const NET_COMMAND_RE = /(?:^|[\s;&|(`])(?:nc|ncat|netcat|nslookup|dig|host|ping|telnet|getent\s+hosts)((?:\s+[-+][^\s]+)*)\s+([A-Za-z0-9][A-Za-z0-9.-]*)/g;
// Not after / @ \\ $ : (paths, e-mails, image tags); not before / ( = (paths, calls, property keys) or ": " (YAML keys).
const FREE_HOST_RE = new RegExp(`(?<![\\w.@/\\\\$:%-])(${HOST_CHARS})(?![\\w/(@%=-]|\\.[A-Za-z0-9]|:(?:\\s|$))`, 'gm');

function hostsOfAuthority(authority: string): string[] {
  const at = authority.lastIndexOf('@');
  const hostPart = at >= 0 ? authority.slice(at + 1) : authority;
  return hostPart
    .split(',')
    .map((h) => (h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.replace(/:\d*$/, '')))
    .filter(Boolean);
}

/** A token from a host-like key or flag: `host[:port][/path]`, a URL, or a comma list of those. */
function hostsOfHostValue(value: string): string[] {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value)) return []; // URLs are read by the URL pattern
  if (value.startsWith('/') || value.startsWith('.')) return [];
  return value
    .split(',')
    .map((t) => t.replace(/\/.*$/, '').replace(/:\d*$/, ''))
    .filter((t) => t && !NOT_HOSTS.has(t.toLowerCase()));
}

/**
 * Every host name in a text, strongest context first, deduplicated. `hostValued`: the text is the
 * whole value of a setting whose name says it holds hosts (`REDIS_HOST`, `KAFKA_BROKERS`).
 */
export function extractHosts(text: string, ctx: HostContext, opts: { hostValued?: boolean } = {}): HostRef[] {
  const out = new Map<string, HostRef>();
  const add = (ref: HostRef | null) => {
    if (!ref) return;
    const prev = out.get(ref.host);
    // A stronger verdict wins: cluster > maybe-cluster > external.
    if (!prev || rank(ref.class) > rank(prev.class)) out.set(ref.host, ref);
  };
  // Each pattern below needs a character the text may not have at all ('$', '://', '@', ':', '=',
  // '-', '.'): skipping a pattern that cannot match saves a full scan of the text (config files).
  const hasDollar = text.includes('$');
  if (hasDollar) {
    for (const m of text.matchAll(SERVICE_ENV_RE)) {
      const svcVar = m[1]!;
      if (svcVar === 'KUBERNETES') continue; // the API server, reached by IP: no DNS involved
      const svc = ctx.serviceNames.find((s) => s.toUpperCase().replace(/-/g, '_') === svcVar);
      add({ host: `$${svcVar}_${m[2]}`, class: 'cluster', absolute: false, dots: 0, why: svc ? `Service env var of ${svc}` : 'Service env var' });
    }
  }
  const refs: string[] = [];
  const t = hasDollar ? text.replace(REF_RE, (m) => `zzref${refs.push(m) - 1}zz`) : text;
  const strong = (h: string) => add(classifyHost(h, ctx, true, refs));
  const hasColon = t.includes(':');
  const hasEquals = t.includes('=');
  if (hasColon && t.includes('://')) {
    for (const m of t.matchAll(URL_RE)) {
      if (['file', 'unix', 'data', 'jar'].includes(m[1]!.toLowerCase())) continue;
      hostsOfAuthority(m[2]!).forEach(strong);
    }
  }
  if (hasColon && t.includes('@')) for (const m of t.matchAll(AT_HOST_PORT_RE)) strong(m[1]!);
  if (hasColon) for (const m of t.matchAll(HOST_PORT_RE)) if (Number(m[2]) <= 65535) strong(m[1]!);
  if (hasEquals) for (const m of t.matchAll(CONN_STRING_RE)) hostsOfAuthority(m[1]!.replace(/,\d+$/, '')).forEach(strong);
  if (hasColon || hasEquals) for (const m of t.matchAll(HOST_KEY_RE)) hostsOfHostValue(m[1]!).forEach(strong);
  if (t.includes('-')) for (const m of t.matchAll(HOST_FLAG_RE)) hostsOfHostValue(m[1]!).forEach(strong);
  for (const m of t.matchAll(NET_COMMAND_RE)) strong(m[2]!);
  if (opts.hostValued) {
    for (const tok of t.split(/[\s,;]+/)) hostsOfHostValue(tok).forEach(strong);
  }
  // A free-text candidate without a dot is a bare word, which classifyHost only takes in a host position.
  if (t.includes('.')) for (const m of t.matchAll(FREE_HOST_RE)) add(classifyHost(m[1]!, ctx, false, refs));
  return [...out.values()];
}

function rank(c: HostClass): number {
  return c === 'cluster' ? 2 : c === 'maybe-cluster' ? 1 : 0;
}

/** Env names whose value is a host, an address or a list of them. */
export function isHostValuedName(name: string): boolean {
  return /(^|_)(HOST|HOSTNAME|HOSTS|ADDR|ADDRESS|ADDRESSES|SERVER|SERVERS|ENDPOINT|ENDPOINTS|URL|URI|BROKER|BROKERS|NODES|BOOTSTRAP_SERVERS)$/i.test(name.replace(/[-.]/g, '_'));
}

/** `host:port` or `ip:port` as a whole token (no `g` flag: `test` keeps no state). */
const ENDPOINT_HOST_PORT_RE = new RegExp(`^(${HOST_CHARS}|\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{2,5})$`);

/**
 * What kind of endpoint a literal config value is ("a URL", "a host:port"…), or null — for
 * `config-inline-env`. `name` gives context: `REDIS_HOST=redis` is a host, `APP=redis` is not.
 */
export function endpointKind(name: string, value: string, ctx: HostContext): string | null {
  if (value.length > 512) return endpointKindUncached(name, value, ctx);
  const memo = endpointMemoFor(ctx);
  let byValue = memo.get(name);
  if (!byValue) {
    byValue = new Map();
    memo.set(name, byValue);
  }
  let kind = byValue.get(value);
  if (kind === undefined) {
    kind = endpointKindUncached(name, value, ctx);
    byValue.set(value, kind);
  }
  return kind;
}

/**
 * endpointKind answers per namespace context, env name and value (the same env entries recur across
 * the apps of a namespace). Keyed by the namespace's shared Service-name list, so the memo lives as
 * long as the scan's index.
 */
const endpointMemo = new WeakMap<readonly string[], Map<string, Map<string, Map<string, string | null>>>>();

function endpointMemoFor(ctx: HostContext): Map<string, Map<string, string | null>> {
  let perNs = endpointMemo.get(ctx.serviceNames);
  if (!perNs) {
    perNs = new Map();
    endpointMemo.set(ctx.serviceNames, perNs);
  }
  let m = perNs.get(ctx.namespace);
  if (!m) {
    m = new Map();
    perNs.set(ctx.namespace, m);
  }
  return m;
}

function endpointKindUncached(name: string, value: string, ctx: HostContext): string | null {
  const v = value.trim();
  if (!v) return null;
  if (/^jdbc:\S+$/i.test(v)) return 'a JDBC URL';
  const url = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/\S+$/.exec(v);
  if (url) return ['file', 'unix', 'data'].includes(url[1]!.toLowerCase()) ? null : 'a URL';
  if (/(?:^|;)\s*(?:server|host|data source|address)\s*=[^;]+(;|$)/i.test(v) && v.includes(';')) return 'a connection string';
  if (/\s/.test(v)) return null;
  const tokens = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (tokens.length && tokens.every((tok) => ENDPOINT_HOST_PORT_RE.test(tok) && /[a-z]|\./i.test(tok.split(':')[0]!))) return tokens.length > 1 ? 'a list of host:port addresses' : 'a host:port address';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) return 'an IP address';
  if (tokens.length !== 1) return null;
  const ref = classifyHost(v, ctx, isHostValuedName(name));
  if (!ref) return null;
  if (ref.class === 'maybe-cluster' && ref.why === 'short name') return isHostValuedName(name) ? 'a host name' : null;
  return 'a host name';
}
