import 'server-only';
import type { Snapshot } from '../snapshot/types';
import type { ClusterTarget } from './contexts';
import { mapBounded } from './list';
import { scanCluster, type ClusterScanOptions, type ClusterScanResult } from './scan-cluster';

export interface ClustersScan {
  snapshot: Snapshot;
  results: ClusterScanResult[];
}

/** Clusters scanned at once by default: each runs its own bounded lists (`concurrency`) on top. */
export const DEFAULT_CLUSTER_CONCURRENCY = 3;

/**
 * Scan several clusters at once (bounded); each has its own errors, and one that cannot be
 * reached never spoils the others' results — not even one whose scan throws unexpectedly: that
 * cluster becomes a fatal error of its own and the rest still count.
 */
export async function scanClusters(targets: ClusterTarget[], opts: ClusterScanOptions & { clusterConcurrency?: number }): Promise<ClustersScan> {
  const limit = Math.max(1, opts.clusterConcurrency ?? DEFAULT_CLUSTER_CONCURRENCY);
  const results = await mapBounded(targets, limit, (t) =>
    t.problem ? Promise.resolve(unusable(t.name, t.problem.message)) : scanCluster(t, opts).catch((e: unknown): ClusterScanResult => failed(t.name, e)),
  );
  const snapshot: Snapshot = {
    source: { type: 'cluster', clusters: targets.map((t) => t.name), paths: [] },
    objects: results.flatMap((r) => r.entries),
    notes: [],
    errors: results.flatMap((r) =>
      r.fatal ? [{ cluster: r.cluster, resource: '*', namespace: null, code: null, message: r.fatal, effect: 'the cluster was not scanned' }] : r.errors,
    ),
    unreadable: results.flatMap((r) => r.unreadable),
  };
  return { snapshot, results };
}

function failed(cluster: string, e: unknown): ClusterScanResult {
  const message = e instanceof Error ? e.message : String(e);
  return unusable(cluster, `context ${cluster}: the scan failed: ${message}`);
}

/** A cluster that was not scanned, with the one-line reason (resolveTargets' `problem` names the context already). */
function unusable(cluster: string, fatal: string): ClusterScanResult {
  return { cluster, entries: [], errors: [], unreadable: [], fatal, version: null, stats: { requests: 0, retries: 0, bytes: 0, ms: 0 } };
}
