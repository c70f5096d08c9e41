import 'server-only';
import { CHECKS } from '../checks/registry';
import type { DrydockConfig } from '../config/types';
import type { KubeObject, ScanError, SnapshotEntry, UnreadableResource } from '../snapshot/types';
import type { ClusterTarget } from './contexts';
import { KubeError } from './errors';
import { READABLE_KINDS, apiVersionOf, listPath, type ReadableKind } from './kinds';
import { listAllPaged, mapBounded } from './list';
import { KubeRequester, type RequesterOptions } from './request';
import { slimObject } from './slim';

export interface ScanProgress {
  cluster: string;
  resource: string;
  state: 'listing' | 'done' | 'failed';
  items: number;
  pages: number;
}

export interface ClusterScanOptions {
  config: DrydockConfig;
  /** Lists in flight per cluster. */
  concurrency?: number;
  pageSize?: number;
  requester?: RequesterOptions;
  onProgress?: (p: ScanProgress) => void;
}

export interface ClusterScanResult {
  cluster: string;
  entries: SnapshotEntry[];
  errors: ScanError[];
  unreadable: UnreadableResource[];
  /** Set when the cluster could not be scanned at all (unreachable, bad credentials). */
  fatal: string | null;
  version: string | null;
  stats: { requests: number; retries: number; bytes: number; ms: number };
}

/** Which checks a missing resource leaves Unknown, for the error's `effect`. */
export function effectOf(k: ReadableKind, namespace: string | null): string {
  const where = namespace ? `in namespace ${namespace}` : 'in this cluster';
  if (k.role === 'workload') return `${k.kind}s ${where} are not scanned`;
  const checks = CHECKS.filter((c) => c.reads?.includes(k.resource)).map((c) => c.id);
  return checks.length ? `checks ${checks.join(', ')} are unknown for apps ${where}` : `${k.resource} ${where} are not shown`;
}

/**
 * List everything Drydock reads from one cluster, politely: paginated, bounded, retried; a kind
 * that cannot be listed cluster-wide is listed per namespace; whatever stays unreadable is an
 * error entry (and the checks that need it are Unknown), never a silent gap.
 */
export async function scanCluster(target: ClusterTarget, opts: ClusterScanOptions): Promise<ClusterScanResult> {
  const started = Date.now();
  const requester = new KubeRequester(target.name, target.kc, opts.requester);
  const result: ClusterScanResult = { cluster: target.name, entries: [], errors: [], unreadable: [], fatal: null, version: null, stats: { requests: 0, retries: 0, bytes: 0, ms: 0 } };
  const finish = () => {
    requester.close();
    result.stats = { ...requester.stats, ms: Date.now() - started };
    return result;
  };
  try {
    const v = await requester.getJson<{ gitVersion?: string }>('/version');
    result.version = v.gitVersion ?? null;
  } catch (e) {
    result.fatal = e instanceof KubeError ? e.message : `context ${target.name}: ${(e as Error).message}`;
    return finish();
  }
  const progress = (resource: string, state: ScanProgress['state'], items = 0, pages = 0) => opts.onProgress?.({ cluster: target.name, resource, state, items, pages });
  const addError = (k: ReadableKind, namespace: string | null, e: unknown) => {
    const err = e instanceof KubeError ? e : new KubeError(String((e as Error)?.message ?? e), null, 'Error');
    result.errors.push({ cluster: target.name, resource: k.resource, namespace, code: err.code, message: err.message, effect: effectOf(k, namespace) });
    result.unreadable.push({ cluster: target.name, resource: k.resource, namespace });
  };
  const list = (k: ReadableKind, namespace: string | null) =>
    listAllPaged(requester, listPath(k, namespace), k.kind, apiVersionOf(k), { limit: opts.pageSize ?? 500, map: slimObject, onPage: (n, p) => progress(k.resource, 'listing', n, p) });
  const push = (items: KubeObject[]) => {
    for (const o of items) result.entries.push({ cluster: target.name, object: o }); // slimmed by list()
  };

  // Namespaces first: they are the fallback when a kind cannot be listed cluster-wide.
  const nsKind = READABLE_KINDS.find((k) => k.resource === 'namespaces')!;
  let namespaces: string[] = opts.config.namespaces;
  try {
    const ns = await list(nsKind, null);
    push(ns);
    if (!namespaces.length) namespaces = ns.map((n) => n.metadata.name);
    progress('namespaces', 'done', ns.length);
  } catch (e) {
    addError(nsKind, null, e);
    progress('namespaces', 'failed');
  }

  await mapBounded(
    READABLE_KINDS.filter((k) => k !== nsKind),
    opts.concurrency ?? 4,
    async (k) => {
      const restricted = opts.config.namespaces.length > 0 && k.namespaced;
      if (!restricted) {
        try {
          const items = await list(k, null);
          push(items);
          progress(k.resource, 'done', items.length);
          return;
        } catch (e) {
          if (!(e instanceof KubeError && e.code === 403 && k.namespaced && namespaces.length)) {
            addError(k, null, e);
            progress(k.resource, 'failed');
            return;
          }
        }
      }
      // Forbidden cluster-wide (or restricted by config): list namespace by namespace.
      let count = 0;
      let failed = 0;
      await mapBounded(namespaces, 2, async (ns) => {
        try {
          const items = await list(k, ns);
          push(items);
          count += items.length;
        } catch (e) {
          failed++;
          addError(k, ns, e);
        }
      });
      progress(k.resource, failed === namespaces.length && namespaces.length > 0 ? 'failed' : 'done', count);
    },
  );
  return finish();
}
