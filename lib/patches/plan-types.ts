import type { Check, JsonPatchOp, ObjectRef } from '../checks/types';
import type { DrydockConfig, ExemptionRecord } from '../config/types';
import type { KubeObject } from '../snapshot/types';
import type { ChangeMe } from './change-me';
import type { PlainObject } from './deep';
import type { FleetContext } from '../fleet/context';

export interface PlanOptions {
  /** Only `safe` fixes (default: `safe` and `input`). */
  safeOnly?: boolean;
  /**
   * How the report was built: the rescans between fixes must judge (and exempt) the same way.
   * Default: the default config, no store exemptions, all checks.
   */
  config?: DrydockConfig;
  extraExemptions?: ExemptionRecord[];
  checks?: readonly Check[];
  now?: Date;
  /**
   * Also apply the safe fixes of findings that only start failing because of the plan's own
   * fixes (default true): raising replicas to 2 makes the PDB and spread checks apply. Listed in
   * `followUps` and the notes.
   */
  followUp?: boolean;
  /** Prefix each JSON Patch with `test` ops on the merge keys of the list elements it edits (default true). */
  guardIndexes?: boolean;
  /**
   * The fleet the report saw (what fleet-capacity-skew and fleet-version-skew read). Default: built
   * from the input when it is a snapshot of ≥ 2 clusters, so a plan carries the replica change
   * the app's fleet finding asks of this cluster; null: none.
   */
  fleet?: FleetContext | null;
}

/** One patch per object: every fix of the plan that touches it, combined. */
export interface TargetPatch {
  target: ObjectRef;
  /** App IDs whose fixes are in this patch. */
  apps: string[];
  /** RFC 6902 ops against the object as scanned (`kubectl patch --type json`). */
  jsonPatch: JsonPatchOp[];
  /** Strategic merge patch (`kubectl patch --type strategic`), `$setElementOrder` included. */
  strategicMerge: PlainObject;
  /** Check IDs whose fixes this patch carries, in the order they were applied. */
  checks: string[];
  summaries: string[];
  /** The object as scanned and as patched, server-managed fields removed. */
  before: KubeObject;
  after: KubeObject;
  /** Placeholders still to fill, with their JSON pointer inside `after`. */
  changeMe: ChangeMe[];
  /** For Helm/Argo CD/Flux managed apps: where the change must really be made. */
  whereToChange?: string;
}

/** A new object some fix creates (a PodDisruptionBudget, a ConfigMap, a Secret skeleton). */
export interface PlannedResource {
  object: KubeObject;
  apps: string[];
  checks: string[];
  summaries: string[];
  changeMe: ChangeMe[];
}

/** A failing finding the plan does not patch, and why. */
export interface UnpatchedFinding {
  app: string;
  check: string;
  container: string | null;
  message: string;
  /** `advice` (text only), `exempt` (accepted risk), `input` (left out by safeOnly), `failed` (the fix did not apply). */
  why: 'advice' | 'exempt' | 'input' | 'failed';
  /** The fix summary (advice text), the exemption reason, or the error. */
  detail: string;
}

export interface PatchPlan {
  cluster: string;
  /** The namespace every app of the plan is in (null when they span several). */
  namespace: string | null;
  apps: string[];
  targets: TargetPatch[];
  resources: PlannedResource[];
  unpatched: UnpatchedFinding[];
  /**
   * Findings the report had no patch for, fixed because the other fixes made them fail (or made
   * their fix safe).
   */
  followUps: { app: string; check: string; container: string | null }[];
  /** Things a reader of the patch should know (a placeholder overwritten by a later fix…). */
  notes: string[];
}
