import type { Severity } from '../checks/types';

export type ExemptionScope = 'cluster' | 'namespace' | 'app' | 'container' | 'check';

/** An exemption record from the config file (or, later, the store). */
export interface ExemptionRecord {
  id?: string;
  /** Check IDs this record exempts; `["*"]` means every check. */
  checks: string[];
  scope: ExemptionScope;
  cluster?: string;
  namespace?: string;
  /** App ID (cluster/namespace/kind/name) or `kind/name` for scope app/container. */
  app?: string;
  container?: string;
  reason: string;
  owner: string;
  /** ISO date; the exemption no longer applies after it. */
  expires?: string;
}

export interface DrydockConfig {
  weights: Record<Severity, number>;
  /** Label keys that name an owning team, tried in order on the workload, then on its namespace. */
  teamLabelKeys: string[];
  /** Node label used as the rack topology for spread checks (zone is topology.kubernetes.io/zone). */
  rackLabelKey: string;
  exemptions: ExemptionRecord[];
  ignoreAnnotationExemptions: boolean;
  /** Namespaces to restrict a scan to (empty = all). */
  namespaces: string[];
}
