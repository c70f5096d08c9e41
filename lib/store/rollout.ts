import type { ImageSet, RollbackTarget } from '../fleet/types';
import { imageSetKey } from '../fleet/versions';
import type { Store } from './open-store';

/** What one app ran at one scan (a row of `app_versions`). */
export interface RolloutPoint {
  scanId: string;
  finishedAt: string;
  images: ImageSet;
  revision: number | null;
  rollback: RollbackTarget | null;
}

export interface RolloutQuery {
  /** App IDs (cluster/namespace/kind/name), e.g. the members of one fleet app. */
  appIds: string[];
  /** Only scans finished at or after this ISO time. */
  since?: string;
}

const CHUNK = 500;

/**
 * Per app ID, what it ran at every stored scan, oldest first. Apps without rows (scans saved before
 * version data existed, or never scanned) map to an empty list. Reads `app_versions` only, never a
 * stored report, so it stays cheap across many scans.
 */
export async function rolloutHistory(store: Store, query: RolloutQuery): Promise<Record<string, RolloutPoint[]>> {
  const out: Record<string, RolloutPoint[]> = {};
  const ids = [...new Set(query.appIds)];
  for (const id of ids) out[id] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    let q = store.db
      .selectFrom('app_versions')
      .innerJoin('app_refs', 'app_refs.id', 'app_versions.app')
      .innerJoin('scans', 'scans.id', 'app_versions.scan')
      .select(['app_refs.app_id as app_id', 'scans.id as scan', 'scans.scan_id as scan_id', 'scans.finished_at as finished_at', 'app_versions.images as images', 'app_versions.revision as revision', 'app_versions.rollback as rollback'])
      .where('app_refs.app_id', 'in', ids.slice(i, i + CHUNK))
      .orderBy('scans.finished_at', 'asc')
      .orderBy('scans.id', 'asc');
    if (query.since) q = q.where('scans.finished_at', '>=', query.since);
    const seen = new Set<string>();
    for (const r of await q.execute()) {
      // An app whose group or team changed has two refs; one point per scan is enough.
      const k = `${r.app_id}\u0000${r.scan}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out[r.app_id]!.push({
        scanId: r.scan_id,
        finishedAt: r.finished_at,
        images: parseJson<ImageSet>(r.images, {}),
        revision: r.revision === null ? null : Number(r.revision),
        rollback: r.rollback === null ? null : parseJson<RollbackTarget | null>(r.rollback, null),
      });
    }
  }
  return out;
}

/** One version's arrival in one app (cluster), as seen by the scans. */
export interface RolloutStep {
  appId: string;
  images: ImageSet;
  /** The first scan that saw this app run this version (after running another, or its first scan). */
  firstSeen: string;
  scanId: string;
}

/**
 * The observed roll-out order: for each app, every change of version between consecutive scans
 * (plus the version of its first scan), sorted by when it was first seen. For the members of a
 * fleet app this reads as "1.4.2 reached bj on Mon, sh on Wed". Pure: takes rolloutHistory's result.
 * The times are scan times, so a change is known to within one scan interval.
 */
export function rolloutSteps(history: Record<string, RolloutPoint[]>): RolloutStep[] {
  const steps: RolloutStep[] = [];
  for (const [appId, points] of Object.entries(history)) {
    let prev: string | null = null;
    for (const p of points) {
      const key = imageSetKey(p.images);
      if (key !== prev) steps.push({ appId, images: p.images, firstSeen: p.finishedAt, scanId: p.scanId });
      prev = key;
    }
  }
  return steps.sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.appId < b.appId ? -1 : a.appId > b.appId ? 1 : 0));
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
