import type { ColumnType, Generated } from 'kysely';

/**
 * The history store's tables (Kysely types). Only lib/store touches them.
 *
 * Compactness: a scan keeps its whole report once, Brotli-compressed (node:zlib) (`scans.report`); the rows the
 * progress queries read are small integers. Apps and checks are interned (`app_refs`, `check_refs`),
 * `scan_apps` holds one row per app per scan (verdict, score, topic scores), and `findings` holds
 * only the results that are not a pass or N/A (fail and exempt) — passes live in the report.
 */

export type Dialect = 'sqlite' | 'postgres';

/** Verdicts and statuses are stored as small integers; these are the codes. */
export const VERDICT_CODES = { ready: 0, readyWithConditions: 1, notReady: 2, unknown: 3 } as const;
export const STATUS_CODES = { fail: 1, exempt: 2 } as const;
export const SEVERITY_CODES = { critical: 0, warning: 1, info: 2 } as const;

type Blob = ColumnType<Buffer, Buffer, Buffer>;

export interface ScansTable {
  id: Generated<number>;
  scan_id: string;
  started_at: string;
  finished_at: string;
  source_type: string;
  /** JSON array of cluster names. */
  clusters: string;
  apps: number;
  /** Scores are kept in tenths (scores have one decimal): 72.5 → 725. */
  score_x10: number | null;
  grade: string | null;
  ready: number;
  ready_with_conditions: number;
  not_ready: number;
  unknown: number;
  /** JSON object: topic → fleet score. */
  topics: string;
  critical_failed: number;
  /** The report JSON, compressed (see report_encoding). */
  report: Blob;
  /** 'br' (Brotli) or 'deflate'; 'none' once report retention dropped it (report is then empty). */
  report_encoding: string;
  report_bytes: number;
}

export interface AppRefsTable {
  id: Generated<number>;
  /** cluster/namespace/kind/name — the report's app id. */
  app_id: string;
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  grp: string;
  /** '' when the app has no team. */
  team: string;
}

export interface CheckRefsTable {
  id: Generated<number>;
  check_id: string;
  topic: string;
}

export interface ScanAppsTable {
  scan: number;
  app: number;
  score_x10: number | null;
  verdict: number;
  /** Topic scores in tenths, in TOPICS order, comma-separated ('' for null): "400,805,,1000,…". */
  topic_scores: string;
  /** Per topic "failed.passed.notApplicable.exempt", in TOPICS order, comma-separated. */
  topic_counts: string;
}

export interface FindingsTable {
  scan: number;
  app: number;
  check_ref: number;
  /** '' for pod- or workload-level findings. */
  container: string;
  status: number;
  severity: number;
}

export interface ExemptionsTable {
  id: string;
  scope: string;
  /** JSON array of check IDs ("*" = every check). */
  checks: string;
  cluster: string | null;
  namespace: string | null;
  app: string | null;
  container: string | null;
  reason: string;
  owner: string;
  expires: string;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject: string;
  /** JSON. */
  detail: string;
}

export interface PlanEntriesTable {
  /** "app:<app id>" or "group:<group name>" — what the entry plans. */
  subject: string;
  subject_type: 'app' | 'group';
  owner: string;
  wave: string;
  /** ISO date (YYYY-MM-DD) or null. */
  target_date: string | null;
  note: string;
  updated_at: string;
  updated_by: string;
}

export interface SettingsTable {
  key: string;
  /** JSON. */
  value: string;
  updated_at: string;
  updated_by: string;
}

export interface AppVersionsTable {
  scan: number;
  app: number;
  /** JSON object: container name → image, app containers in spec order. */
  images: string;
  /** The controller's revision (Deployment `deployment.kubernetes.io/revision`, StatefulSet/DaemonSet revision), or null. */
  revision: number | null;
  /** JSON `{ revision, images }` of the previous revision still kept (rollback target), or null when none is known. */
  rollback: string | null;
}

export interface Database {
  scans: ScansTable;
  app_refs: AppRefsTable;
  check_refs: CheckRefsTable;
  scan_apps: ScanAppsTable;
  findings: FindingsTable;
  exemptions: ExemptionsTable;
  audit_log: AuditLogTable;
  plan_entries: PlanEntriesTable;
  settings: SettingsTable;
  app_versions: AppVersionsTable;
}
