import type { App } from '../../apps/types';
import type { Json, KubeObject } from '../../snapshot/types';
import { allContainers, CHANGE_ME_PREFIX, isObject, podVolumes, volumeMounts } from '../helpers';
import { isCredentialAssignmentLine, isCredentialEntry, isCredentialName, literalValue } from '../helpers/credentials';
import { appMemo } from '../helpers/app-memos';
import { extractHosts, isHostValuedName, type HostContext, type HostRef } from '../helpers/references';

/**
 * What the DNS checks read: the pod's DNS policy and the host names visible in its configuration.
 * https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy
 */

export interface DnsPolicy {
  /** Effective policy: unset is ClusterFirst (the API default — not "Default"). */
  policy: string;
  explicit: boolean;
  hostNetwork: boolean;
  /** A `<CHANGE-ME: …>` a fix wrote: the owner has not chosen yet. */
  placeholder: boolean;
}

export function dnsPolicyOf(app: App): DnsPolicy {
  const raw = app.podSpec?.dnsPolicy;
  const explicit = typeof raw === 'string' && raw !== '';
  return {
    policy: explicit ? raw : 'ClusterFirst',
    explicit,
    hostNetwork: app.podSpec?.hostNetwork === true,
    placeholder: explicit && raw.includes(CHANGE_ME_PREFIX),
  };
}

/** `hostNetwork: true` with ClusterFirst falls back to the node's resolver ("Default" behaviour). */
export function usesClusterDns(p: DnsPolicy): boolean {
  if (p.policy === 'ClusterFirstWithHostNet') return true;
  return p.policy === 'ClusterFirst' && !p.hostNetwork;
}

/** The `ndots` the pod's resolv.conf gets: dnsConfig.options wins over the kubelet's 5. */
export function effectiveNdots(app: App): { ndots: number; explicit: boolean } {
  const opts: Json[] = Array.isArray(app.podSpec?.dnsConfig?.options) ? app.podSpec.dnsConfig.options : [];
  const o = opts.find((x) => x?.name === 'ndots');
  const n = o ? Number.parseInt(String(o.value ?? ''), 10) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? { ndots: n, explicit: true } : { ndots: 5, explicit: false };
}

export interface Seen {
  /** e.g. "env DATABASE_URL", "args (worker)", "ConfigMap nginx-conf key default.conf". */
  where: string;
  refs: HostRef[];
}

export interface AppReferences {
  seen: Seen[];
  /** Configuration the scan cannot read (Secrets, ConfigMaps absent from the snapshot) that may name hosts. */
  hidden: string[];
}

/** Env names that usually hold a host or a connection string even when they come from a Secret. */
const CONNECTION_NAME = /(HOST|ADDR|URL|URI|DSN|ENDPOINT|SERVER|BROKER|CONN|DATABASE)/i;

/** `scheme://user:password@host` → `scheme://host`: the host is kept, the credentials never read. */
function withoutUserinfo(text: string): string {
  return text.replace(/\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^\s/@]*@/g, '$1');
}

/**
 * A text with every line that assigns or holds a credential removed (after URL credentials are
 * stripped, so `postgres://app:pw@db:5432` still shows its host): nothing quoted can leak a value.
 */
function safeText(text: string): string {
  return text
    .split('\n')
    .map(withoutUserinfo)
    .filter((l) => !isCredentialAssignmentLine(l))
    .join('\n');
}

/** An env entry is read unless its name is credential-like or its value (URL credentials aside) is a credential. */
function readableEntry(name: string, value: string): boolean {
  return !isCredentialName(name) && !isCredentialEntry({ name, value: withoutUserinfo(value) });
}

/** command/args elements, minus credential flags and the value that follows a bare one. */
function safeArgs(list: unknown): string {
  const items: string[] = Array.isArray(list) ? list.map((x) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '')) : [];
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const el = items[i]!;
    if (/^--?[A-Za-z0-9_.-]+$/.test(el) && isCredentialName(el.replace(/^-+/, ''))) {
      i++;
      continue;
    }
    out.push(safeText(el));
  }
  return out.join('\n');
}

/** Every host name visible in the pod's env (incl. envFrom ConfigMaps), command, args and mounted ConfigMaps — all containers. */
/** The DNS checks all read the same references: extract them once per app. */
const referencesCache = appMemo<AppReferences>();

export function appReferences(app: App): AppReferences {
  let refs = referencesCache.get(app);
  if (!refs) {
    refs = extractAppReferences(app);
    referencesCache.set(app, refs);
  }
  return refs;
}

/**
 * Host extraction per namespace context: apps of a namespace share ConfigMaps and often the same
 * env entries, and reading them (credential filters, a dozen regexes) is the costliest part of a
 * scan. Keyed by the namespace's shared Service-name list (one array per namespace per scan), so a
 * memo lives exactly as long as the scan's index. The HostRef lists are read-only to every caller.
 */
interface HostsMemo {
  /** extractHosts(text), by hostValued, then text. */
  texts: [plain: Map<string, HostRef[]>, hostValued: Map<string, HostRef[]>];
  /** The refs of one env entry (none when it is not readable), by name, then value. */
  entries: Map<string, Map<string, HostRef[]>>;
  /** configTextHosts(text), by the raw (not yet credential-stripped) text. */
  rawTexts: Map<string, HostRef[]>;
}

const hostsMemo = new WeakMap<readonly string[], Map<string, HostsMemo>>();

function hostsMemoFor(ctx: HostContext): HostsMemo {
  let perNs = hostsMemo.get(ctx.serviceNames);
  if (!perNs) {
    perNs = new Map();
    hostsMemo.set(ctx.serviceNames, perNs);
  }
  let m = perNs.get(ctx.namespace);
  if (!m) {
    m = { texts: [new Map(), new Map()], entries: new Map(), rawTexts: new Map() };
    perNs.set(ctx.namespace, m);
  }
  return m;
}

const NO_REFS: HostRef[] = [];

function hostsIn(memo: HostsMemo, ctx: HostContext, text: string, hostValued: boolean): HostRef[] {
  if (text === '') return NO_REFS; // nothing to read (no command, no args)
  const texts = memo.texts[hostValued ? 1 : 0];
  let refs = texts.get(text);
  if (!refs) {
    refs = extractHosts(text, ctx, { hostValued });
    texts.set(text, refs);
  }
  return refs;
}

/** The refs of a mounted ConfigMap value, by its raw text: apps of a namespace mount the same ConfigMaps (no safeText per app). */
function configTextHosts(memo: HostsMemo, ctx: HostContext, text: string): HostRef[] {
  let refs = memo.rawTexts.get(text);
  if (!refs) {
    refs = hostsIn(memo, ctx, safeText(text), false);
    memo.rawTexts.set(text, refs);
  }
  return refs;
}

/** The refs of an env entry `name=value`: none unless it is readable, else those of its credential-safe text. */
function entryHosts(memo: HostsMemo, ctx: HostContext, name: string, value: string): HostRef[] {
  let byValue = memo.entries.get(name);
  if (!byValue) {
    byValue = new Map();
    memo.entries.set(name, byValue);
  }
  let refs = byValue.get(value);
  if (!refs) {
    refs = readableEntry(name, value) ? hostsIn(memo, ctx, safeText(value), isHostValuedName(name)) : NO_REFS;
    byValue.set(value, refs);
  }
  return refs;
}

function extractAppReferences(app: App): AppReferences {
  const ctx: HostContext = { namespace: app.namespace, serviceNames: app.related.serviceNamesInNamespace };
  const cms = new Map<string, KubeObject>(app.related.configMaps.map((c) => [c.metadata.name, c]));
  const containers = allContainers(app);
  const seen: Seen[] = [];
  const hidden: string[] = [];
  const memo = hostsMemoFor(ctx);
  // `where` strings are built only for texts that name a host (most do not).
  for (const c of containers) {
    const sfx = containers.length > 1 ? ` (${c.name})` : '';
    for (const e of Array.isArray(c.container.env) ? (c.container.env as Json[]) : []) {
      if (!isObject(e) || typeof e?.name !== 'string' || isCredentialName(e.name)) continue;
      const lit = literalValue(e);
      if (lit) {
        const refs = entryHosts(memo, ctx, e.name, lit);
        if (refs.length) seen.push({ where: `env ${e.name}${sfx}`, refs });
      }
      const cmRef = (e as Json).valueFrom?.configMapKeyRef;
      if (isObject(cmRef) && typeof cmRef.name === 'string') {
        const cm = cms.get(cmRef.name);
        const v = cm?.data?.[String(cmRef.key)];
        if (!cm) hidden.push(`env ${e.name}${sfx} comes from ConfigMap ${cmRef.name}, which is not in the scan`);
        else if (typeof v === 'string') {
          const refs = entryHosts(memo, ctx, e.name, v);
          if (refs.length) seen.push({ where: `env ${e.name}${sfx} (ConfigMap ${cmRef.name})`, refs });
        }
      }
      const secretRef = (e as Json).valueFrom?.secretKeyRef;
      if (isObject(secretRef) && CONNECTION_NAME.test(e.name)) hidden.push(`env ${e.name}${sfx} comes from Secret ${String(secretRef.name)}`);
    }
    for (const ef of Array.isArray(c.container.envFrom) ? (c.container.envFrom as Json[]) : []) {
      if (typeof ef?.secretRef?.name === 'string') hidden.push(`envFrom Secret ${ef.secretRef.name}${sfx}`);
      const name = ef?.configMapRef?.name;
      if (typeof name !== 'string') continue;
      const cm = cms.get(name);
      if (!cm) {
        hidden.push(`envFrom ConfigMap ${name}${sfx} is not in the scan`);
        continue;
      }
      const prefix = typeof ef.prefix === 'string' ? ef.prefix : '';
      for (const [k, v] of Object.entries(isObject(cm.data) ? cm.data : {})) {
        if (typeof v !== 'string') continue;
        const refs = entryHosts(memo, ctx, prefix + k, v);
        if (refs.length) seen.push({ where: `env ${prefix}${k}${sfx} (envFrom ConfigMap ${name})`, refs });
      }
    }
    const commandRefs = hostsIn(memo, ctx, safeArgs(c.container.command), false);
    if (commandRefs.length) seen.push({ where: `command${sfx}`, refs: commandRefs });
    const argsRefs = hostsIn(memo, ctx, safeArgs(c.container.args), false);
    if (argsRefs.length) seen.push({ where: `args${sfx}`, refs: argsRefs });
  }
  const mounted = new Set(containers.flatMap((c) => volumeMounts(c.container).map((m) => String(m.name))));
  for (const v of podVolumes(app)) {
    if (!mounted.has(String(v.name))) continue;
    const sources: Json[] = [...(isObject(v.configMap) ? [v.configMap] : []), ...(Array.isArray(v.projected?.sources) ? v.projected.sources.map((s: Json) => s?.configMap).filter(isObject) : [])];
    for (const src of sources) {
      if (typeof src.name !== 'string') continue;
      const cm = cms.get(src.name);
      if (!cm) {
        hidden.push(`ConfigMap ${src.name} (volume ${v.name}) is not in the scan`);
        continue;
      }
      const keys: string[] = Array.isArray(src.items) ? src.items.map((i: Json) => String(i?.key)) : Object.keys(isObject(cm.data) ? cm.data : {});
      for (const k of keys) {
        const text = cm.data?.[k];
        if (typeof text !== 'string') continue;
        const refs = configTextHosts(memo, ctx, text);
        if (refs.length) seen.push({ where: `ConfigMap ${src.name} key ${k}`, refs });
      }
    }
  }
  return { seen, hidden };
}

/** "env DATABASE_URL → db.example.com, args → api.stripe.com" for the refs `pick` keeps (at most `max` places). */
export function describeRefs(seen: Seen[], pick: (r: HostRef) => boolean, max = 6): string {
  const parts = seen
    .map((s) => ({ where: s.where, hosts: s.refs.filter(pick).map((r) => r.host) }))
    .filter((s) => s.hosts.length)
    .map((s) => `${s.where} → ${s.hosts.join(', ')}`);
  return parts.length > max ? `${parts.slice(0, max).join(', ')} and ${parts.length - max} more` : parts.join(', ');
}

export function refsOf(seen: Seen[], pick: (r: HostRef) => boolean): HostRef[] {
  const out = new Map<string, HostRef>();
  for (const s of seen) for (const r of s.refs) if (pick(r)) out.set(r.host, r);
  return [...out.values()];
}
