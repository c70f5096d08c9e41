import type { FleetReport } from '../fleet/types';

/** The fleet apps as the apps list folds them: one group per app, its member app IDs per cluster. */
export interface FleetGroup {
  key: string;
  name: string;
  members: { cluster: string; appId: string }[];
}

export interface FleetGroups {
  /** Clusters in the scan's fleet section (0 when the scan saw fewer than two). */
  clusters: number;
  groups: FleetGroup[];
}

export function fleetGroupsOf(fleet: FleetReport | undefined): FleetGroups {
  if (!fleet) return { clusters: 0, groups: [] };
  return { clusters: fleet.clusters.length, groups: fleet.apps.map((a) => ({ key: a.key, name: a.name, members: a.members.map((m) => ({ cluster: m.cluster, appId: m.appId })) })) };
}
