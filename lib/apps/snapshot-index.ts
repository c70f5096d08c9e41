import type { KubeObject, Snapshot, SnapshotEntry } from '../snapshot/types';

/** Kinds without a namespace; every other kind written without one lives in "default". */
const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'VolumeAttachment', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService']);

/** The namespace an object lives in, as the API server would default it. */
export function namespaceOf(o: KubeObject): string {
  return CLUSTER_SCOPED.has(o.kind) ? '' : (o.metadata.namespace ?? 'default');
}

/** Objects of one cluster, indexed by kind and namespace; built once per scan. */
export class ClusterIndex {
  private readonly byKind = new Map<string, SnapshotEntry[]>();
  private readonly byKindNs = new Map<string, KubeObject[]>();
  private readonly byUid = new Map<string, KubeObject>();
  private readonly byKindNsName = new Map<string, KubeObject>();

  constructor(readonly cluster: string, entries: SnapshotEntry[]) {
    for (const e of entries) {
      const o = e.object;
      push(this.byKind, o.kind, e);
      push(this.byKindNs, `${o.kind}\u0000${namespaceOf(o)}`, o);
      if (o.metadata.uid) this.byUid.set(o.metadata.uid, o);
      this.byKindNsName.set(`${o.kind}\u0000${namespaceOf(o)}\u0000${o.metadata.name}`, o);
    }
  }

  entries(kind: string): SnapshotEntry[] {
    return this.byKind.get(kind) ?? [];
  }
  private readonly allCache = new Map<string, KubeObject[]>();
  all(kind: string): KubeObject[] {
    let list = this.allCache.get(kind);
    if (!list) {
      list = this.entries(kind).map((e) => e.object);
      this.allCache.set(kind, list);
    }
    return list;
  }
  inNamespace(kind: string, namespace: string): KubeObject[] {
    return this.byKindNs.get(`${kind}\u0000${namespace}`) ?? [];
  }
  /** `namespace` undefined means cluster-scoped. */
  private readonly serviceNameCache = new Map<string, string[]>();
  /** Names of the Services of a namespace (shared by every app there: treat as read-only). */
  serviceNames(namespace: string): string[] {
    let names = this.serviceNameCache.get(namespace);
    if (!names) {
      names = this.inNamespace('Service', namespace).map((s) => s.metadata.name);
      this.serviceNameCache.set(namespace, names);
    }
    return names;
  }
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byKindNsName.get(`${kind}\u0000${namespace ?? ''}\u0000${name}`);
  }
  byUidOrName(kind: string, namespace: string | undefined, name: string, uid: string | undefined): KubeObject | undefined {
    const byUid = uid ? this.byUid.get(uid) : undefined;
    if (byUid && byUid.kind === kind) return byUid;
    return this.get(kind, namespace, name);
  }
  kinds(): string[] {
    return [...this.byKind.keys()];
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function indexSnapshot(snapshot: Snapshot): Map<string, ClusterIndex> {
  const perCluster = new Map<string, SnapshotEntry[]>();
  for (const e of snapshot.objects) push(perCluster, e.cluster, e);
  const out = new Map<string, ClusterIndex>();
  for (const [cluster, entries] of perCluster) out.set(cluster, new ClusterIndex(cluster, entries));
  return out;
}
