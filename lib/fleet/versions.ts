import { isNativeSidecar } from '../checks/helpers/containers';
import type { App } from '../apps/types';
import type { Json, KubeObject, Snapshot } from '../snapshot/types';
import { cmp } from './match';
import type { AppVersion, ImageSet } from './types';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** One revision of a workload: what its pods ran. */
export interface Revision {
  revision: number;
  images: ImageSet;
}

/** Images of the app containers (native sidecars included; init containers are set-up, not the version). */
export function imagesOf(podSpec: Json): ImageSet {
  const out: ImageSet = {};
  for (const c of Array.isArray(podSpec?.initContainers) ? podSpec.initContainers : []) if (isNativeSidecar(c) && typeof c?.name === 'string') out[c.name] = String(c.image ?? '');
  for (const c of Array.isArray(podSpec?.containers) ? podSpec.containers : []) if (typeof c?.name === 'string') out[c.name] = String(c.image ?? '');
  return out;
}

/** ReplicaSets by their owning Deployment (cluster/namespace/name), read once per snapshot. */
export type ReplicaSetIndex = Map<string, KubeObject[]>;

const ownerKey = (cluster: string, namespace: string, name: string) => `${cluster}\u0000${namespace}\u0000${name}`;

export function replicaSetIndex(snapshot: Snapshot): ReplicaSetIndex {
  const idx: ReplicaSetIndex = new Map();
  for (const e of snapshot.objects) {
    if (e.object.kind !== 'ReplicaSet') continue;
    for (const o of e.object.metadata.ownerReferences ?? []) {
      if (o.kind !== 'Deployment' || o.controller === false) continue;
      const k = ownerKey(e.cluster, e.object.metadata.namespace ?? 'default', o.name);
      const l = idx.get(k);
      if (l) l.push(e.object);
      else idx.set(k, [e.object]);
    }
  }
  return idx;
}

/** The ReplicaSets a Deployment owns (same uid when both carry one), as revisions, oldest first. */
export function deploymentHistory(app: App, idx: ReplicaSetIndex): Revision[] {
  const uid = app.workload.metadata.uid;
  const owned = (idx.get(ownerKey(app.cluster, app.namespace, app.name)) ?? []).filter((rs) =>
    (rs.metadata.ownerReferences ?? []).some((o) => o.kind === 'Deployment' && o.name === app.name && (!uid || !o.uid || o.uid === uid)),
  );
  return owned
    .map((rs) => ({ revision: revisionOf(rs), images: imagesOf(rs.spec?.template?.spec) }))
    .filter((r): r is Revision => r.revision !== null)
    .sort((a, b) => a.revision - b.revision);
}

function revisionOf(o: KubeObject): number | null {
  const raw = o.metadata.annotations?.[REVISION_ANNOTATION];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * Images, revision and rollback target of one workload.
 * Deployment: revision from `deployment.kubernetes.io/revision`; the rollback target is the owned
 * ReplicaSet with the next-lower revision — what `kubectl rollout undo` goes back to. None when
 * `revisionHistoryLimit: 0` (old ReplicaSets are deleted) or no older ReplicaSet is kept.
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-back-a-deployment
 * StatefulSet/DaemonSet: their history lives in ControllerRevisions, which the scan does not read.
 */
export function appVersion(app: App, idx: ReplicaSetIndex, replicaSetsUnreadable: boolean): { version: AppVersion; history: Revision[] } {
  const images = imagesOf(app.podSpec);
  if (app.kind === 'Deployment') {
    const history = deploymentHistory(app, idx);
    const revision = revisionOf(app.workload) ?? history.at(-1)?.revision ?? null;
    const base = { images, revision };
    if (app.workload.spec?.revisionHistoryLimit === 0) return { version: { ...base, rollback: null, rollbackReason: 'revisionHistoryLimit is 0: old ReplicaSets are deleted, there is nothing to roll back to' }, history };
    if (replicaSetsUnreadable) return { version: { ...base, rollback: null, rollbackReason: 'ReplicaSets could not be read' }, history };
    if (!history.length) return { version: { ...base, rollback: null, rollbackReason: 'No ReplicaSets of this Deployment in the scan' }, history };
    const older = revision === null ? [] : history.filter((r) => r.revision < revision);
    const target = older.at(-1);
    if (!target) return { version: { ...base, rollback: null, rollbackReason: 'No older revision is kept (first roll-out, or history already pruned)' }, history };
    return { version: { ...base, rollback: { revision: target.revision, images: target.images } }, history };
  }
  if (app.kind === 'StatefulSet' || app.kind === 'DaemonSet') {
    const name = app.workload.status?.updateRevision ?? app.workload.status?.currentRevision;
    return {
      version: { images, revision: null, revisionName: typeof name === 'string' ? name : null, rollback: null, rollbackReason: `${app.kind} history is kept in ControllerRevisions, which the scan does not read` },
      history: [],
    };
  }
  return { version: { images, revision: null, rollback: null, rollbackReason: `A ${app.kind} has no roll-out history` }, history: [] };
}

/** Stable key of an image set (container order does not matter). */
export function imageSetKey(images: ImageSet): string {
  return JSON.stringify(Object.entries(images).sort(([a], [b]) => cmp(a, b)));
}

export interface VersionInput {
  cluster: string;
  images: ImageSet;
  /** Revisions oldest first (may include the current one). */
  history: Revision[];
}

export interface VersionOrder {
  /** Per input (same order): distinct versions behind the newest; null when the order is unknown. */
  behindBy: (number | null)[];
  newest: { images: ImageSet; clusters: string[] } | null;
  versionsDiffer: boolean;
}

/**
 * Order the versions the members run. Revision numbers are per cluster (every cluster counts its
 * own roll-outs), so they are never compared across clusters. Instead: a cluster's ReplicaSet
 * history says version A came before B; failing that, image tags that parse as versions
 * (`1.4.2` < `1.10.0`) order two versions when every differing image agrees. `behindBy` is the
 * longest chain of known versions from a member's version to the newest.
 */
export function orderVersions(inputs: readonly VersionInput[]): VersionOrder {
  const keys = inputs.map((i) => imageSetKey(i.images));
  const distinct = [...new Set(keys)];
  if (distinct.length <= 1) {
    const first = inputs[0];
    return { behindBy: inputs.map(() => 0), newest: first ? { images: first.images, clusters: inputs.map((i) => i.cluster).sort(cmp) } : null, versionsDiffer: false };
  }
  const edges = new Map<string, Set<string>>();
  const addEdge = (a: string, b: string) => {
    if (a === b) return;
    let s = edges.get(a);
    if (!s) edges.set(a, (s = new Set()));
    s.add(b);
  };
  inputs.forEach((inp, i) => {
    const seq = inp.history.map((r) => imageSetKey(r.images));
    if (seq.at(-1) !== keys[i]) seq.push(keys[i]!);
    for (let j = 1; j < seq.length; j++) addEdge(seq[j - 1]!, seq[j]!);
  });
  const byKey = new Map(inputs.map((inp, i) => [keys[i]!, inp.images]));
  const longest = longestPaths(edges);
  if (!longest) return { behindBy: inputs.map(() => null), newest: null, versionsDiffer: true };
  for (const a of distinct)
    for (const b of distinct) {
      if (a === b || longest(a, b) !== null || longest(b, a) !== null) continue;
      if (compareImageSets(byKey.get(a)!, byKey.get(b)!) === -1) addEdge(a, b);
    }
  const dist = longestPaths(edges);
  if (!dist) return { behindBy: inputs.map(() => null), newest: null, versionsDiffer: true };
  const maximal = distinct.filter((k) => !distinct.some((o) => o !== k && dist(k, o) !== null));
  // Several versions nobody is known to be behind: which one is newest is not known.
  if (maximal.length !== 1) return { behindBy: inputs.map(() => null), newest: null, versionsDiffer: true };
  const top = maximal[0]!;
  return {
    behindBy: keys.map((k) => (k === top ? 0 : dist(k, top))),
    newest: { images: byKey.get(top)!, clusters: inputs.filter((_, i) => keys[i] === top).map((i) => i.cluster).sort(cmp) },
    versionsDiffer: true,
  };
}

/** Longest path length between two versions (null = no path); null overall when the graph has a cycle. */
function longestPaths(edges: Map<string, Set<string>>): ((from: string, to: string) => number | null) | null {
  const memo = new Map<string, Map<string, number>>();
  const state = new Map<string, 1 | 2>();
  let cyclic = false;
  const visit = (v: string): Map<string, number> => {
    const done = memo.get(v);
    if (done) return done;
    if (state.get(v) === 1) {
      cyclic = true;
      return new Map();
    }
    state.set(v, 1);
    const out = new Map<string, number>();
    for (const w of edges.get(v) ?? []) {
      out.set(w, Math.max(out.get(w) ?? 0, 1));
      for (const [x, d] of visit(w)) out.set(x, Math.max(out.get(x) ?? 0, d + 1));
    }
    state.set(v, 2);
    memo.set(v, out);
    return out;
  };
  for (const v of edges.keys()) visit(v);
  if (cyclic) return null;
  return (from, to) => visit(from).get(to) ?? null;
}

/** -1: a older than b, 1: newer, 0: unknown/equal. Every differing image of the same repository must agree. */
export function compareImageSets(a: ImageSet, b: ImageSet): -1 | 0 | 1 {
  let dir: -1 | 0 | 1 = 0;
  for (const [name, ia] of Object.entries(a)) {
    const ib = b[name];
    if (ib === undefined || ib === ia) continue;
    const pa = splitImage(ia);
    const pb = splitImage(ib);
    if (pa.repo !== pb.repo) return 0;
    const c = compareTags(pa.tag, pb.tag);
    if (c === 0 || (dir !== 0 && c !== dir)) return 0;
    dir = c;
  }
  return dir;
}

function splitImage(image: string): { repo: string; tag: string } {
  const noDigest = image.split('@')[0] ?? image;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? { repo: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) } : { repo: noDigest, tag: '' };
}

/** Tags like `1.4.2`, `v2.10`, `1.4.2-alpine` (same suffix) compare numerically; anything else is unknown (0). */
export function compareTags(a: string, b: string): -1 | 0 | 1 {
  const re = /^v?(\d+(?:\.\d+)*)(.*)$/;
  const ma = re.exec(a);
  const mb = re.exec(b);
  if (!ma || !mb || ma[2] !== mb[2]) return 0;
  const na = ma[1]!.split('.').map(Number);
  const nb = mb[1]!.split('.').map(Number);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const x = na[i] ?? 0;
    const y = nb[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
