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

/** One `schedule:` entry: scan these contexts every `everyMs`. */
export interface ScanScheduleEntry {
  /** The interval as written (`6h`, `1d`), for labels. */
  every: string;
  everyMs: number;
  /** Context names; `["*"]` = every context of the kubeconfig; null (omitted) = the server's contexts (DRYDOCK_CONTEXTS, else every one). */
  contexts: string[] | null;
}

/** `fleet:` — how the same app is recognised across clusters (lib/fleet/match.ts). */
export interface FleetConfig {
  /**
   * Explicit groups: each names one fleet app and lists its members as app IDs
   * (cluster/namespace/kind/name) or globs over them (`*` matches within one segment, e.g. `prod-*` as the cluster segment).
   * These win over the automatic rules.
   */
  match: { name: string; apps: string[] }[];
  /** Label that names the app when namespaces differ (default `app.kubernetes.io/name`; `app.kubernetes.io/part-of` is added when set). */
  labelKey?: string;
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
  /** Scans the dashboard server starts on its own (`schedule:`); absent = none. The CLI ignores it. */
  schedule?: ScanScheduleEntry[];
  /** Fleet matching (`fleet:`); absent = the automatic rules only. */
  fleet?: FleetConfig;
}
