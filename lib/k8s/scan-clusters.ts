import 'server-only';
import type { Snapshot } from '../snapshot/types';
import type { ClusterTarget } from './contexts';
import { mapBounded } from './list';
import { scanCluster, type ClusterScanOptions, type ClusterScanResult } from './scan-cluster';

export interface ClustersScan {
  snapshot: Snapshot;
  results: ClusterScanResult[];
}

/**
 * Scan several clusters at once (bounded); each has its own errors, and one that cannot be
 * reached never spoils the others' results.
 */
export async function scanClusters(targets: ClusterTarget[], opts: ClusterScanOptions & { clusterConcurrency?: number }): Promise<ClustersScan> {
  const results = await mapBounded(targets, opts.clusterConcurrency ?? 3, (t) => scanCluster(t, opts));
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
