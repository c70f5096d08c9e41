import 'server-only';
import { rolloutHistory } from '@/lib/store';
import { getScanService } from '@/lib/server/scan-service';
import type { RolloutObservation } from '@/lib/views/fleet-rollout';

/**
 * The stored versions of some apps (the members of one fleet app), one observation per scan and
 * app, from the store's app_versions table. null when no history store is configured.
 */
export async function rolloutObservations(appIds: string[]): Promise<RolloutObservation[] | null> {
  const store = await getScanService().historyStore();
  if (!store || !appIds.length) return null;
  const history = await rolloutHistory(store, { appIds });
  return Object.entries(history).flatMap(([appId, points]) =>
    points.map((p) => ({ scanId: p.scanId, at: p.finishedAt, cluster: appId.slice(0, appId.indexOf('/')), images: p.images, revision: p.revision })),
  );
}
