import type { ClusterCapacity, FleetApp } from './types';

/**
 * What the fleet checks read besides the app (CheckContext.fleet): built once per report by
 * buildFleetStage, present only when the scan covered ≥ 2 clusters.
 */
export interface FleetContext {
  clusters: ClusterCapacity[];
  /** The fleet app an app (by AppReport id) belongs to; undefined when it runs in one cluster only. */
  appOf(appId: string): FleetApp | undefined;
  /** The capacity of one cluster. */
  clusterOf(cluster: string): ClusterCapacity | undefined;
}
