import type { ManagedBy, WorkloadKind } from '../apps/types';
import type { Finding, Topic } from '../checks/types';
import type { DataPlacementRow } from '../facts/data-placement';
import type { AppVersion, FleetReport } from '../fleet/types';
import type { QosClass } from '../facts/qos';
import type { Grade, TopicScore, Verdict } from '../scoring/score';
import type { InputNote, ScanError, SourceType } from '../snapshot/types';

/** report-schema.md, version 1. A superset is fine; nothing there may be renamed. */
export const SCHEMA_VERSION = 1;

export interface ReportTopicScore {
  score: number | null;
  failed: number;
  passed: number;
  notApplicable: number;
  exempt: number;
}

export interface AppReport {
  id: string;
  cluster: string;
  namespace: string;
  kind: WorkloadKind;
  name: string;
  group: string;
  team: string | null;
  managedBy: ManagedBy;
  replicas: number | null;
  qosClass: QosClass;
  /** What live pods report (status.qosClass), when the scan saw pods. */
  observedQosClass?: QosClass | null;
  dataPlacement: DataPlacementRow[];
  score: number | null;
  grade: Grade | null;
  verdict: Verdict;
  verdictReason: string;
  topics: Record<Topic, ReportTopicScore>;
  findings: Finding[];
  /** Where the workload was read from (manifest scans). */
  source?: { file: string; line: number };
  /** Images, revision and rollback target (lib/fleet/versions.ts); absent when not computed. */
  version?: AppVersion;
}

export interface RollupRow {
  key: string;
  apps: number;
  score: number | null;
  grade: Grade | null;
  verdicts: Record<Verdict, number>;
}

export interface Report {
  schemaVersion: number;
  scanId: string;
  startedAt: string;
  finishedAt: string;
  source: { type: SourceType; clusters: string[]; paths: string[] };
  summary: {
    apps: number;
    score: number | null;
    grade: Grade | null;
    verdicts: Record<Verdict, number>;
    topics: Record<Topic, number | null>;
  };
  apps: AppReport[];
  errors: ScanError[];
  /** Input problems that did not stop the scan (broken documents, skipped files). */
  notes: InputNote[];
  /** Kinds present in the input that no check reads, with counts. */
  unreadKinds: Record<string, number>;
  rollups: { clusters: RollupRow[]; namespaces: RollupRow[]; teams: RollupRow[]; groups: RollupRow[] };
  /** The same apps across clusters (lib/fleet/types.ts); present only when ≥ 2 clusters were scanned. */
  fleet?: FleetReport;
}

export type { TopicScore };
