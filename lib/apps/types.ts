import type { Json, KubeObject, SnapshotEntry, SourceRef } from '../snapshot/types';

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export type ManagedBy = 'helm' | 'argocd' | 'flux' | 'kubectl' | null;

/**
 * One application: a top-level workload with the objects the checks need around it.
 * Plain data, built once per scan by `buildApps`.
 */
export interface App {
  /** cluster/namespace/kind/name; cluster is "-" for manifests. */
  id: string;
  cluster: string;
  namespace: string;
  kind: WorkloadKind;
  name: string;
  group: string;
  team: string | null;
  managedBy: ManagedBy;
  /** The workload object as read (server-managed fields already stripped for live scans). */
  workload: KubeObject;
  source?: SourceRef;
  /** The pod template's metadata (labels, annotations); for a bare Pod, its own metadata. */
  podMeta: { labels: Record<string, string>; annotations: Record<string, string> };
  /** The pod spec (never undefined: an empty object when the manifest has none). */
  podSpec: Json;
  /** JSON pointer to the pod spec inside the workload, e.g. `/spec/template/spec`. */
  podSpecPath: string;
  /** JSON pointer to the pod template metadata, e.g. `/spec/template/metadata`. */
  podMetaPath: string;
  /** `spec.replicas` as written (undefined when unset), for kinds that have it. */
  specReplicas: number | undefined;
  /**
   * Replicas the checks reason about: the HPA's minReplicas when an HPA targets the workload,
   * else spec.replicas (unset = 1). DaemonSets: number of nodes when known, else null.
   * Jobs: parallelism. Bare pods: 1.
   */
  replicas: number | null;
  longRunning: boolean;
  related: RelatedObjects;
}

export interface RelatedObjects {
  services: KubeObject[];
  pdbs: KubeObject[];
  hpas: KubeObject[];
  limitRanges: KubeObject[];
  /** Claims the pod template references by name (present in the snapshot), plus StatefulSet volumeClaimTemplates. */
  pvcs: KubeObject[];
  /** PersistentVolumes bound to those claims (cluster scans, or manifests that include them). */
  pvs: KubeObject[];
  storageClasses: KubeObject[];
  /** ConfigMaps the pod references (env, envFrom, volumes, projected) that are present. */
  configMaps: KubeObject[];
  /** Live pods owned by the workload (cluster scans only). */
  pods: KubeObject[];
  namespace: KubeObject | null;
  /** The ServiceAccount the pod runs as (serviceAccountName, else "default"), when in the snapshot. */
  serviceAccount: KubeObject | null;
  /** Every Service name in the app's namespace (for DNS in-cluster references). */
  serviceNamesInNamespace: string[];
}

export type { SnapshotEntry };
