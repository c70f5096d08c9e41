import 'server-only';
import type { KubeObject } from '../snapshot/types';
import { KubeError } from './errors';
import type { KubeRequester } from './request';

export interface ListPage {
  kind?: string;
  apiVersion?: string;
  metadata?: { continue?: string; resourceVersion?: string; remainingItemCount?: number };
  items?: Record<string, unknown>[];
}

export interface ListOptions {
  /** Page size (the API server builds each page in memory: keep it moderate). */
  limit?: number;
  labelSelector?: string;
  /** How many times a list may start over after its continue token expired (410). */
  maxRestarts?: number;
  onPage?: (itemsSoFar: number, pages: number) => void;
  /**
   * Applied to each item as its page arrives (kind and apiVersion set): a scan slims objects here,
   * so a kind's full list is never held unslimmed (50,000 pods are ~100 MB of parsed JSON).
   */
  map?: (item: KubeObject) => KubeObject;
}

/**
 * Every item of a list, page by page (`limit` + `continue`), starting over when the continue token
 * has expired (410 Gone) — https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks.
 * Items come back without kind/apiVersion on a real API server; they are set from the list.
 */
export async function listAllPaged(requester: KubeRequester, path: string, kind: string, apiVersion: string, opts: ListOptions = {}): Promise<KubeObject[]> {
  const limit = opts.limit ?? 500;
  const maxRestarts = opts.maxRestarts ?? 3;
  for (let restart = 0; ; restart++) {
    const items: KubeObject[] = [];
    let cont: string | undefined;
    let pages = 0;
    try {
      do {
        const q = new URLSearchParams({ limit: String(limit) });
        if (cont) q.set('continue', cont);
        if (opts.labelSelector) q.set('labelSelector', opts.labelSelector);
        const page = await requester.getJson<ListPage>(`${path}?${q.toString()}`);
        pages++;
        for (const it of page.items ?? []) {
          // In place: the page is ours, and slimObject copies what it keeps anyway.
          const o = it as unknown as KubeObject;
          o.kind = kind;
          o.apiVersion = apiVersion;
          items.push(opts.map ? opts.map(o) : o);
        }
        cont = page.metadata?.continue || undefined;
        opts.onPage?.(items.length, pages);
      } while (cont);
      return items;
    } catch (e) {
      if (e instanceof KubeError && e.code === 410 && restart < maxRestarts) continue;
      throw e;
    }
  }
}

/** Run tasks with at most `limit` in flight. */
export async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}
