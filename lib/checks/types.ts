import type { App } from '../apps/types';
import type { KubeObject, SourceType } from '../snapshot/types';
import type { DrydockConfig } from '../config/types';
import type { FleetContext } from '../fleet/context';

export const TOPICS = ['probes', 'resources', 'storage', 'config', 'dns', 'availability', 'security', 'images'] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_TITLES: Record<Topic, string> = {
  probes: 'Probes and processes',
  resources: 'Requests, limits and QoS class',
  storage: 'Where data lives',
  config: 'Configuration kept apart from code',
  dns: 'DNS policy',
  availability: 'HA spread, roll-out and rollback',
  security: 'Privileges and shared namespaces',
  images: 'Images and pull policy',
};

export type Severity = 'critical' | 'warning' | 'info';
export type FixKind = 'safe' | 'input' | 'advice';
/** What a check reads: plain manifests, cluster objects, live pod status, several clusters. */
export type Needs = 'spec' | 'cluster' | 'observed' | 'fleet';
export type FindingStatus = 'pass' | 'fail' | 'notApplicable' | 'exempt';

/** RFC 6902 operation. */
export type JsonPatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
}

/** What a check proposes. Patches are data: the patch layer turns them into files. */
export interface Fix {
  kind: FixKind;
  summary: string;
  /** The object the patches apply to; the app's workload unless said otherwise (e.g. a PDB or HPA). */
  target?: ObjectRef;
  /** RFC 6902 ops against `target` (safe/input fixes). May be empty when the fix only creates objects. */
  jsonPatch?: JsonPatchOp[];
  /** Partial object for `kubectl patch --type strategic` against `target`. */
  strategicMerge?: Record<string, unknown>;
  /** New objects the fix creates (a PDB, a ConfigMap, a Secret with a placeholder). */
  resources?: KubeObject[];
  /** For Helm / Argo CD / Flux managed apps: where the change must really be made. */
  whereToChange?: string;
}

export interface Evidence {
  source: Needs;
  [key: string]: unknown;
}

/** A finding as the report carries it (report-schema.md). */
export interface Finding {
  check: string;
  topic: Topic;
  status: FindingStatus;
  severity: Severity;
  container: string | null;
  path: string | null;
  message: string;
  reason: string | null;
  evidence: Evidence;
  fix: Fix | null;
}

/** What a check's `evaluate` returns for one subject (the pod or one container). */
export type CheckResult =
  | {
      status: 'pass';
      container?: string | null;
      path?: string | null;
      message: string;
      evidence?: Record<string, unknown>;
    }
  | {
      status: 'fail';
      container?: string | null;
      path?: string | null;
      /** Overrides the check's default severity (e.g. critical when a Service selects the pod). */
      severity?: Severity;
      message: string;
      evidence?: Record<string, unknown>;
      fix?: Fix | null;
    }
  | {
      status: 'notApplicable';
      container?: string | null;
      path?: string | null;
      reason: string;
      /** True when the check could not be evaluated because the scan could not read what it needs. */
      unknown?: boolean;
    };

/** Everything a check may read besides the app itself. */
export interface CheckContext {
  config: DrydockConfig;
  sourceType: SourceType;
  /** Nodes of the app's cluster (empty for manifest scans). */
  nodes: KubeObject[];
  /** True when live pod status is available (cluster scans). */
  observed: boolean;
  /** Whether a resource (plural API name) could not be read for the app's cluster/namespace. */
  isUnreadable(resource: string): boolean;
  /** The same apps across clusters (lib/fleet); absent unless the scan covered ≥ 2 clusters (fleet checks are N/A then). */
  fleet?: FleetContext;
}

export interface CheckMeta {
  id: string;
  title: string;
  topic: Topic;
  /** Default severity; `evaluate` may raise or lower it per result as checks.md says. */
  severity: Severity;
  /** Possible severities (for docs and SARIF), default `[severity]`. */
  severities?: Severity[];
  fixKind: FixKind;
  needs: Needs;
  /** One sentence: when the check fires (checks.md "fires when"). */
  summary: string;
  /** Markdown: why it matters, from the domain (shown on /checks/[id] and in docs). */
  rationale: string;
  /** Links to the Kubernetes docs (and issues) the check rests on. */
  docs: string[];
  /**
   * API resources (plural names, e.g. `poddisruptionbudgets`) the check needs besides the workload.
   * When a live scan could not read one of them, the check is Unknown for the apps it affects.
   */
  reads?: string[];
}

export interface Check extends CheckMeta {
  /**
   * Whether the check applies to this app at all. Return a reason string when it does not
   * (the whole app is N/A), or null to evaluate.
   */
  appliesTo(app: App, ctx: CheckContext): string | null;
  /** Pure evaluation: one result per subject (pod-level: one; container-level: one per container in scope). */
  evaluate(app: App, ctx: CheckContext): CheckResult[];
}
