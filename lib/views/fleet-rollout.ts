import type { ImageSet } from '../fleet/types';
import { versionKey, versionLabel } from './fleet-view';

/**
 * The roll-out of one fleet app over the stored scans: per cluster, which version ran from when
 * to when, where it changed, and the order in which the clusters reached the newest version — the
 * order a roll-out across regions actually took (shared/domain.md: "Beijing first to validate").
 */
export interface RolloutObservation {
  scanId: string;
  /** When the scan finished (ISO). */
  at: string;
  cluster: string;
  images: ImageSet;
  revision: number | null;
}

export interface TimelineVersion {
  key: string;
  label: string;
  images: ImageSet;
  /** First time any cluster ran it (ms). */
  firstSeen: number;
  /** Palette slot, oldest first. */
  color: number;
  newest: boolean;
}

export interface LaneSegment {
  from: number;
  to: number;
  version: string;
  revision: number | null;
  scans: number;
}

export interface LaneChange {
  at: number;
  scanId: string;
  from: string | null;
  to: string;
  revision: number | null;
}

export interface TimelineLane {
  cluster: string;
  segments: LaneSegment[];
  /** Version changes seen between consecutive scans (the first observation is not a change). */
  changes: LaneChange[];
  current: string | null;
  /** When this cluster was first seen on the newest version; null when it is not there yet. */
  reachedNewestAt: number | null;
}

export interface RolloutTimelineData {
  start: number;
  end: number;
  scans: { id: string; at: number }[];
  versions: TimelineVersion[];
  lanes: TimelineLane[];
  newest: string | null;
  /** Clusters in the order they reached the newest version, then those still behind (at: null). */
  order: { cluster: string; at: number | null }[];
}

export const PALETTE_SIZE = 6;

export function rolloutTimeline(observations: readonly RolloutObservation[], opts: { clusters: readonly string[]; newest?: ImageSet | null }): RolloutTimelineData {
  const obs = observations.map((o) => ({ ...o, t: Date.parse(o.at), key: versionKey(o.images) })).filter((o) => Number.isFinite(o.t) && o.key);
  obs.sort((a, b) => a.t - b.t || (a.cluster < b.cluster ? -1 : 1));
  const scans = [...new Map(obs.map((o) => [o.scanId, o.t])).entries()].map(([id, at]) => ({ id, at })).sort((a, b) => a.at - b.at);
  const start = scans[0]?.at ?? 0;
  const end = scans[scans.length - 1]?.at ?? start;

  const versions = new Map<string, TimelineVersion>();
  for (const o of obs) if (!versions.has(o.key)) versions.set(o.key, { key: o.key, label: versionLabel(o.images), images: o.images, firstSeen: o.t, color: 0, newest: false });
  const newestKey = opts.newest ? versionKey(opts.newest) : ([...versions.values()].sort((a, b) => b.firstSeen - a.firstSeen)[0]?.key ?? null);
  if (newestKey && !versions.has(newestKey) && opts.newest) versions.set(newestKey, { key: newestKey, label: versionLabel(opts.newest), images: opts.newest, firstSeen: end, color: 0, newest: false });
  const ordered = [...versions.values()].sort((a, b) => a.firstSeen - b.firstSeen || (a.label < b.label ? -1 : 1));
  ordered.forEach((v, i) => {
    v.color = i % PALETTE_SIZE;
    v.newest = v.key === newestKey;
  });

  const clusters = [...new Set([...opts.clusters, ...obs.map((o) => o.cluster)])];
  const lanes = clusters.map((cluster): TimelineLane => {
    const mine = obs.filter((o) => o.cluster === cluster);
    const segments: LaneSegment[] = [];
    const changes: LaneChange[] = [];
    let reachedNewestAt: number | null = null;
    mine.forEach((o, i) => {
      const last = segments[segments.length - 1];
      const next = mine[i + 1];
      const to = next ? next.t : end;
      if (last && last.version === o.key) {
        last.to = to;
        last.scans++;
        last.revision = o.revision ?? last.revision;
      } else {
        if (last) changes.push({ at: o.t, scanId: o.scanId, from: last.version, to: o.key, revision: o.revision });
        segments.push({ from: o.t, to, version: o.key, revision: o.revision, scans: 1 });
      }
      if (o.key === newestKey && reachedNewestAt === null) reachedNewestAt = o.t;
    });
    // Left the newest again (a rollback): it has not "reached" it any more.
    const current = segments[segments.length - 1]?.version ?? null;
    if (current !== newestKey) reachedNewestAt = null;
    return { cluster, segments, changes, current, reachedNewestAt };
  });
  const order = [...lanes]
    .sort((a, b) => (a.reachedNewestAt ?? Infinity) - (b.reachedNewestAt ?? Infinity) || (a.cluster < b.cluster ? -1 : 1))
    .map((l) => ({ cluster: l.cluster, at: l.reachedNewestAt }));
  return { start, end, scans, versions: ordered, lanes, newest: newestKey, order };
}

/** "2026-11-26 10:00 UTC": the same on server and client (no locale, no time zone). */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
