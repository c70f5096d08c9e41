import type { Fix } from '../checks/types';
import { DEFAULT_CONFIG } from '../config/defaults';
import type { DrydockConfig } from '../config/types';
import { applyJsonPatch } from '../patches/json-patch';
import { buildReport } from '../report/build-report';
import type { Report } from '../report/types';
import { parseManifestText } from '../snapshot/parse-manifests';
import type { KubeObject, Snapshot, SnapshotEntry, SourceType } from '../snapshot/types';
import { MANIFEST_CLUSTER } from '../snapshot/types';
import { sanitizeObject } from '../snapshot/sanitize';

/** The cluster name fixtures use when they pretend to come from a live cluster. */
export const FIXTURE_CLUSTER = 'fixture';

export interface TextScanOptions {
  sourceType?: SourceType;
  config?: DrydockConfig;
  now?: Date;
}

/**
 * Test fixtures only: an object annotated `drydock.dev/fixture-cluster: east` belongs to cluster
 * "east" of a live-cluster snapshot (fleet checks need several clusters; lib/checks/fixture-support.ts).
 */
export const FIXTURE_CLUSTER_ANNOTATION = 'drydock.dev/fixture-cluster';

/** Snapshot of plain objects, as manifests (cluster "-") or as a live cluster. */
export function snapshotOfObjects(objects: KubeObject[], sourceType: SourceType = 'manifests', file = 'input.yaml'): Snapshot {
  const cluster = sourceType === 'cluster' ? FIXTURE_CLUSTER : MANIFEST_CLUSTER;
  const clusterOf = (o: KubeObject) => (sourceType === 'cluster' ? o.metadata?.annotations?.[FIXTURE_CLUSTER_ANNOTATION] : undefined) ?? cluster;
  const entries: SnapshotEntry[] = objects.map((object, document) => ({ cluster: clusterOf(object), object, source: { file, line: 1, document } }));
  const clusters = [...new Set(entries.map((e) => e.cluster))];
  return { source: { type: sourceType, clusters: clusters.length ? clusters : [cluster], paths: sourceType === 'manifests' ? [file] : [] }, objects: entries, notes: [], errors: [], unreadable: [] };
}

export function scanObjects(objects: KubeObject[], opts: TextScanOptions = {}): Report {
  return buildReport(snapshotOfObjects(objects, opts.sourceType), { config: opts.config ?? DEFAULT_CONFIG, now: opts.now ?? new Date('2026-01-01T00:00:00Z'), scanId: 'test' });
}

export function objectsOfText(text: string, file = 'input.yaml'): KubeObject[] {
  const parsed = parseManifestText(text, file);
  const errors = parsed.notes.filter((n) => n.level === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.message).join('\n'));
  return parsed.entries.map((e) => e.object);
}

function sameRef(o: KubeObject, ref: { kind: string; name: string; namespace: string | null }): boolean {
  return o.kind === ref.kind && o.metadata.name === ref.name && (o.metadata.namespace ?? null) === (ref.namespace ?? null);
}

/**
 * Apply a fix to a set of objects: its JSON Patch to the target and its new resources added
 * (replacing an object of the same kind/namespace/name).
 */
export function applyFixToObjects(objects: KubeObject[], fix: Fix, defaultTarget: KubeObject): KubeObject[] {
  const target = fix.target ?? { kind: defaultTarget.kind, name: defaultTarget.metadata.name, namespace: defaultTarget.metadata.namespace ?? null, apiVersion: defaultTarget.apiVersion };
  let out = objects.map((o) => (sameRef(o, target) && fix.jsonPatch?.length ? applyJsonPatch(o, fix.jsonPatch) : o));
  // New objects enter the world the way a rescan would read them (a Secret keeps only its keys).
  for (const r0 of fix.resources ?? []) {
    const r = sanitizeObject(r0);
    const ref = { kind: r.kind, name: r.metadata.name, namespace: r.metadata.namespace ?? null };
    out = [...out.filter((o) => !sameRef(o, ref)), r];
  }
  return out;
}
