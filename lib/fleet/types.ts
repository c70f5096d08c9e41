/**
 * The fleet contract: the same app across several clusters (issue 6). Plain JSON, stable —
 * the dashboard's fleet page and the report's optional `fleet` section read exactly this.
 * Built by `buildFleet` (lib/fleet/build-fleet.ts) only when a snapshot holds ≥ 2 clusters.
 *
 * Why capacity matters: with 100 machines in one region and 1,000 in another, replicas (and the
 * traffic sent to each cluster) should follow 1:10, or the small cluster overloads first
 * (shared/domain.md, high availability).
 */

/** How members of a fleet app were matched (lib/fleet/match.ts). */
export type FleetMatchedBy = 'namespace-kind-name' | 'app-label' | 'config';

/** CPU in millicores, memory in bytes. */
export interface ResourceAmount {
  cpuMillis: number;
  memoryBytes: number;
}

/**
 * One cluster's capacity. Counted nodes are Ready (condition Ready=True) and schedulable
 * (`spec.unschedulable` not true, no NoSchedule/NoExecute taint other than the node-lifecycle ones
 * Kubernetes adds transiently). `requested` sums the effective requests of pods bound to those nodes
 * that are not Succeeded/Failed (init containers: max rule, native sidecars added, pod overhead).
 */
export interface ClusterCapacity {
  cluster: string;
  /** Every Node object seen. */
  nodes: number;
  readyNodes: number;
  /** Ready and schedulable: the nodes whose allocatable is counted. */
  schedulableNodes: number;
  allocatable: ResourceAmount;
  requested: ResourceAmount;
  /** allocatable − requested, never below 0. */
  free: ResourceAmount;
  /**
   * This cluster's share (0..1) of the fleet's allocatable CPU — the capacity share the
   * fleet-capacity-skew check and the recommendation use (checks.md: "allocatable-CPU shares").
   * null when this or any other cluster's capacity is unknown.
   */
  cpuShare: number | null;
  /** Share of the fleet's allocatable memory (shown, not used by the check). */
  memoryShare: number | null;
  /** Share of the fleet's free CPU (allocatable − requests already placed): headroom. */
  freeCpuShare: number | null;
  /** Why the capacity could not be read (e.g. "nodes could not be read (403)"); absent when known. */
  unknown?: string;
  /** Why `requested` is incomplete (pods unreadable): requested is then 0 and free = allocatable. Shares are unaffected. */
  requestsUnknown?: string;
}

/** Images per container name (app containers, incl. native sidecars; init containers excluded). */
export type ImageSet = Record<string, string>;

export interface RollbackTarget {
  revision: number;
  images: ImageSet;
}

/** Version data of one workload (also on AppReport.version). */
export interface AppVersion {
  images: ImageSet;
  /** Deployment: `deployment.kubernetes.io/revision`; StatefulSet/DaemonSet: null (see revisionName). */
  revision: number | null;
  /** StatefulSet/DaemonSet: status.currentRevision / updateRevision (ControllerRevision names), when known. */
  revisionName?: string | null;
  /** The revision `kubectl rollout undo` would go back to; null when there is none or it is unknown. */
  rollback: RollbackTarget | null;
  /** Why rollback is null (e.g. "revisionHistoryLimit is 0", "no ReplicaSets in the snapshot"). */
  rollbackReason?: string;
}

export interface FleetMember {
  cluster: string;
  /** AppReport id (cluster/namespace/kind/name). */
  appId: string;
  namespace: string;
  kind: string;
  name: string;
  /** app.replicas (the HPA's minReplicas when an HPA governs it). */
  replicas: number | null;
  /** status.readyReplicas (status.numberReady for DaemonSets) from the live object; null offline. */
  readyReplicas: number | null;
  /** The HPA that governs the replica count, if any: the capacity fix patches its minReplicas. */
  hpa: { name: string; minReplicas: number | null; maxReplicas: number | null } | null;
  images: ImageSet;
  revision: number | null;
  rollback: RollbackTarget | null;
  rollbackReason?: string;
  /**
   * Distinct versions (image sets) this member is behind the fleet's newest: 0 = runs the newest,
   * null = the order could not be established (no shared ReplicaSet history, tags not comparable).
   */
  behindBy: number | null;
  /** replicas / totalReplicas (0..1), null when unknown. */
  replicaShare: number | null;
  /**
   * This cluster's share of the allocatable CPU of the clusters that run the app (0..1) — what
   * replicaShare is compared against; null when a member cluster's capacity is unknown.
   */
  capacityShare: number | null;
}

export interface FleetRecommendation {
  cluster: string;
  appId: string;
  /** Recommended replicas (largest-remainder apportionment of the total by cpuShare, min 1). */
  replicas: number;
  /** Current replicas. */
  current: number;
}

export interface FleetApp {
  /** Stable key of the match, e.g. "nk:shop/Deployment/checkout", "label:shop/checkout", "config:checkout". */
  key: string;
  /** Display name. */
  name: string;
  matchedBy: FleetMatchedBy;
  /** Sorted by cluster name. Always ≥ 2 members in distinct clusters. */
  members: FleetMember[];
  /** Sum of members' replicas; null when any member's count is unknown (e.g. a DaemonSet offline). */
  totalReplicas: number | null;
  /** null when capacity is unknown or the kind has no replica count to move (DaemonSet, Job, CronJob, Pod). */
  recommended: FleetRecommendation[] | null;
  /** Max over members of max(replicaShare/cpuShare, cpuShare/replicaShare); null when not computable. */
  skew: number | null;
  /** Why recommended/skew are null. */
  skewReason?: string;
  /** The newest version in the fleet and where it runs; null when the order is unknown. */
  newest: { images: ImageSet; clusters: string[] } | null;
  /** True when members run different image sets. */
  versionsDiffer: boolean;
}

export interface FleetReport {
  /** Sorted by cluster name. */
  clusters: ClusterCapacity[];
  /** Apps that run in ≥ 2 clusters, sorted by key. */
  apps: FleetApp[];
}
