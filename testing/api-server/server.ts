import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KubeObject } from '../../lib/snapshot/types';
import { servingCertificate } from './certificate';
import { decideFault, type Faults } from './faults';
import { parseLabelSelector } from './label-selector';
import { BY_KIND, RESOURCE_TYPES, groupVersion, type ResourceType } from './resources';
import { discovery } from './discovery';
import { kubeconfigYaml } from './kubeconfig';

/**
 * An in-repo Kubernetes API server for tests and the demo: HTTPS with a certificate made at start,
 * bearer-token auth, discovery, list (limit/continue, labelSelector) and get for the kinds Drydock
 * reads, Status objects for errors, and switchable faults. It never serves Secrets: a request for
 * one is logged (tests assert there is none) and refused.
 */
export interface ApiServerOptions {
  objects: KubeObject[];
  token?: string;
  host?: string;
  port?: number;
  faults?: Faults;
  /** Minor version reported by /version (kubectl picks its binary by it). */
  minorVersion?: number;
  clusterName?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  resource: string | null;
  namespace: string | null;
  name: string | null;
  ms: number;
}

export interface RunningApiServer {
  url: string;
  token: string;
  ca: string;
  requests: LoggedRequest[];
  faults: Faults;
  setFaults(f: Faults): void;
  kubeconfig(opts?: { context?: string; cluster?: string; user?: string; namespace?: string }): string;
  close(): Promise<void>;
}

interface StoredObject {
  obj: KubeObject;
  listJson: string;
  labels: Record<string, string>;
}

function uidFor(o: KubeObject): string {
  const h = createHash('sha1').update(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export async function startApiServer(opts: ApiServerOptions): Promise<RunningApiServer> {
  const token = opts.token ?? 'drydock-test-token';
  const host = opts.host ?? '127.0.0.1';
  const minor = opts.minorVersion ?? 31;
  let faults: Faults = opts.faults ?? {};
  const requests: LoggedRequest[] = [];
  let resourceVersion = 1000;
  const store = new Map<string, StoredObject[]>();
  for (const r of RESOURCE_TYPES) store.set(r.resource, []);
  for (const raw of opts.objects) {
    const type = BY_KIND.get(raw.kind);
    if (!type) continue;
    const obj: KubeObject = {
      ...raw,
      apiVersion: groupVersion(type),
      metadata: { uid: uidFor(raw), resourceVersion: String(++resourceVersion), creationTimestamp: '2026-10-01T08:00:00Z', ...raw.metadata },
    };
    const { kind: _k, apiVersion: _a, ...listItem } = obj;
    store.get(type.resource)!.push({ obj, listJson: JSON.stringify(listItem), labels: (obj.metadata.labels ?? {}) as Record<string, string> });
  }
  for (const list of store.values()) list.sort((a, b) => `${a.obj.metadata.namespace ?? ''}/${a.obj.metadata.name}`.localeCompare(`${b.obj.metadata.namespace ?? ''}/${b.obj.metadata.name}`));
  // The store never changes after start: index it by namespace (in the same order), and keep
  // every list page once built (keyed by resource, namespace, selector, offset and limit).
  const byNamespace = new Map<string, Map<string, StoredObject[]>>();
  for (const [resource, list] of store) {
    const idx = new Map<string, StoredObject[]>();
    for (const i of list) {
      const ns = i.obj.metadata.namespace ?? '';
      let l = idx.get(ns);
      if (!l) idx.set(ns, (l = []));
      l.push(i);
    }
    byNamespace.set(resource, idx);
  }
  const selected = new Map<string, StoredObject[]>();
  const pages = new Map<string, Buffer>();
  const listRv = String(resourceVersion);
  const cert = await servingCertificate(host);

  const server: Server = createServer({ cert: cert.cert, key: cert.key }, (req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', `https://${host}`);
    const query = Object.fromEntries(url.searchParams.entries());
    const entry: LoggedRequest = { method: req.method ?? 'GET', path: url.pathname, query, status: 0, resource: null, namespace: null, name: null, ms: 0 };
    requests.push(entry);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      entry.ms = Date.now() - started;
      const data = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': data.length, ...headers });
      res.end(data);
    };
    const respond = () => handle(req, res, url, entry, send);
    if (faults.latencyMs) setTimeout(respond, faults.latencyMs);
    else respond();
  });

  function handle(req: IncomingMessage, res: ServerResponse, url: URL, entry: LoggedRequest, send: (s: number, b: unknown, h?: Record<string, string>) => void) {
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    if (req.method !== 'GET') return send(405, status(405, 'MethodNotAllowed', `${req.method} is not supported by the Drydock test API server (read-only)`));
    const p = url.pathname.replace(/\/+$/, '') || '/';
    if (p === '/version') return send(200, { major: '1', minor: String(minor), gitVersion: `v1.${minor}.4`, gitCommit: 'drydock-test', gitTreeState: 'clean', buildDate: '2026-10-01T00:00:00Z', goVersion: 'go1.23.0', compiler: 'gc', platform: 'linux/amd64' });
    if (p === '/healthz' || p === '/readyz' || p === '/livez') return send(200, 'ok', { 'Content-Type': 'text/plain' });
    const d = discovery(p, `${host}:${(server.address() as AddressInfo).port}`);
    if (d) return send(200, d);
    const route = parseResourcePath(p);
    if (!route) return send(404, status(404, 'NotFound', `the server could not find the requested resource (get ${p})`));
    entry.resource = route.type.resource;
    entry.namespace = route.namespace;
    entry.name = route.name;
    if (route.type.resource === 'secrets') {
      return send(403, status(403, 'Forbidden', 'secrets is forbidden: Drydock never reads Secrets (the test server refuses and logs the request)', route.type));
    }
    const fault = decideFault(faults, route.type.resource, route.namespace, !!url.searchParams.get('continue'));
    if (fault.type === 'reset') {
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    if (fault.type === 'status') {
      return send(fault.code, status(fault.code, fault.reason, fault.message, route.type), fault.retryAfter ? { 'Retry-After': String(fault.retryAfter) } : {});
    }
    const items = store.get(route.type.resource) ?? [];
    if (route.name) {
      const found = items.find((i) => i.obj.metadata.name === route.name && (i.obj.metadata.namespace ?? null) === route.namespace);
      if (!found) return send(404, status(404, 'NotFound', `${route.type.resource} "${route.name}" not found`, route.type));
      return send(200, found.obj);
    }
    return list(route.type, route.namespace, url.searchParams, send);
  }

  function list(type: ResourceType, namespace: string | null, params: URLSearchParams, send: (s: number, b: unknown, h?: Record<string, string>) => void) {
    const selector = params.get('labelSelector') ?? '';
    const allKey = `${type.resource}\n${namespace ?? ''}\n${selector}`;
    let all = selected.get(allKey);
    if (!all) {
      let match: (l: Record<string, string>) => boolean;
      try {
        match = parseLabelSelector(selector);
      } catch (e) {
        return send(400, status(400, 'BadRequest', (e as Error).message, type));
      }
      const inScope = namespace === null ? (store.get(type.resource) ?? []) : (byNamespace.get(type.resource)?.get(namespace) ?? []);
      all = selector.trim() ? inScope.filter((i) => match(i.labels)) : inScope;
      selected.set(allKey, all);
    }
    let offset = 0;
    const cont = params.get('continue');
    if (cont) {
      try {
        const t = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as { o: number; r: string };
        if (t.r !== type.resource) throw new Error('wrong resource');
        offset = t.o;
      } catch {
        return send(400, status(400, 'BadRequest', 'invalid continue token', type));
      }
    }
    const limit = Number(params.get('limit') ?? 0);
    const pageKey = `${allKey}\n${offset}\n${limit}`;
    const cached = pages.get(pageKey);
    if (cached) return send(200, cached);
    const end = limit > 0 ? Math.min(all.length, offset + limit) : all.length;
    const page = all.slice(offset, end);
    const more = end < all.length;
    const meta: Record<string, unknown> = { resourceVersion: listRv };
    if (more) {
      meta.continue = Buffer.from(JSON.stringify({ o: end, r: type.resource })).toString('base64url');
      meta.remainingItemCount = all.length - end;
    }
    const body = Buffer.from(`{"kind":"${type.kind}List","apiVersion":"${groupVersion(type)}","metadata":${JSON.stringify(meta)},"items":[${page.map((i) => i.listJson).join(',')}]}`);
    pages.set(pageKey, body);
    send(200, body);
  }

  function parseResourcePath(p: string): { type: ResourceType; namespace: string | null; name: string | null } | null {
    const parts = p.split('/').filter(Boolean);
    let group = '';
    let version: string;
    let rest: string[];
    if (parts[0] === 'api') {
      version = parts[1] ?? '';
      rest = parts.slice(2);
    } else if (parts[0] === 'apis') {
      group = parts[1] ?? '';
      version = parts[2] ?? '';
      rest = parts.slice(3);
    } else return null;
    let namespace: string | null = null;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1]!;
      rest = rest.slice(2);
    }
    const type = RESOURCE_TYPES.find((r) => r.group === group && r.version === version && r.resource === rest[0]);
    if (!type || rest.length > 2) return null;
    if (namespace && !type.namespaced) return null;
    return { type, namespace, name: rest[1] ?? null };
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `https://${host}:${port}`;
  return {
    url,
    token,
    ca: cert.cert,
    requests,
    get faults() {
      return faults;
    },
    setFaults(f) {
      faults = f;
    },
    kubeconfig: (k = {}) => kubeconfigYaml({ server: url, ca: cert.cert, token, cluster: k.cluster ?? opts.clusterName ?? 'drydock-test', context: k.context ?? opts.clusterName ?? 'drydock-test', user: k.user ?? 'drydock-scanner', namespace: k.namespace }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function status(code: number, reason: string, message: string, type?: ResourceType) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(type ? { details: { group: type.group, kind: type.resource } } : {}), code };
}
