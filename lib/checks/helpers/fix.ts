import type { App } from '../../apps/types';
import type { Json, KubeObject } from '../../snapshot/types';
import { editCopy, isJsonClean } from '../../patches/copy-on-write';
import { deepClone } from '../../patches/deep';
import { diffJsonPatch } from '../../patches/json-patch';
import { diffStrategicMerge } from '../../patches/strategic-merge';
import type { Fix, FixKind, ObjectRef } from '../types';

/** Marks a value the owner must choose. Nothing else in Drydock uses this prefix. */
export const CHANGE_ME_PREFIX = '<CHANGE-ME: ';
export function changeMe(what: string): string {
  return `${CHANGE_ME_PREFIX}${what}>`;
}
export function containsChangeMe(v: unknown): boolean {
  return JSON.stringify(v ?? null).includes(CHANGE_ME_PREFIX);
}

export function objectRef(obj: KubeObject): ObjectRef {
  return { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata?.namespace ?? null, name: obj.metadata?.name };
}

export interface FixSpec {
  kind: Exclude<FixKind, 'advice'>;
  summary: string;
  /**
   * Edit a deep copy of the target in place. For workloads, `podSpec` is the copy's pod spec
   * (at app.podSpecPath) so container edits need no path juggling.
   */
  mutate?: (target: Json, podSpec: Json) => void;
  /** New objects the fix creates. */
  resources?: KubeObject[];
}

/**
 * A fix expressed as the edited object: the JSON Patch and the strategic merge partial are both
 * derived from the same before/after pair, so the two forms can never disagree.
 */
export function workloadFix(app: App, spec: FixSpec): Fix {
  return objectFix(app.workload, spec, app.podSpecPath);
}

/** The same for another object than the workload (a PDB, an HPA). */
export function objectFix(target: KubeObject, spec: FixSpec, podSpecPath?: string): Fix {
  return lazyFix(
    { kind: spec.kind, summary: spec.summary, target: objectRef(target), ...(spec.resources?.length ? { resources: spec.resources } : {}) },
    () => {
      const mutate = (copy: Json) => {
        if (spec.mutate) spec.mutate(copy, podSpecPath ? ensurePath(copy, podSpecPath) : undefined);
      };
      // A copy-on-write draft instead of a deep copy: what mutate leaves alone stays the target's
      // own objects, so neither the copy nor the diffs below walk it. Equal to a JSON deep copy
      // for a JSON-clean target (anything else takes the deep copy).
      let after: KubeObject;
      if (isJsonCleanTarget(target)) after = editCopy(target, mutate);
      else {
        after = deepClone(target);
        mutate(after);
      }
      return {
        jsonPatch: diffJsonPatch(target, after),
        strategicMerge: diffStrategicMerge(target as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, target.kind),
      };
    },
  );
}

const cleanTargets = new WeakMap<object, boolean>();
/** isJsonClean, once per target (a workload has a dozen fixes; snapshots are never edited). */
export function isJsonCleanTarget(target: KubeObject): boolean {
  let c = cleanTargets.get(target);
  if (c === undefined) cleanTargets.set(target, (c = isJsonClean(target)));
  return c;
}

/**
 * A fix whose patches are derived later, in the report's patch stage (materializeFix): most
 * findings are read as scores and verdicts, and cloning and diffing every workload up front would
 * cost more than all the checks together. `derive` must be pure.
 */
export function lazyFix(base: Omit<Fix, 'jsonPatch' | 'strategicMerge'>, derive: () => Pick<Fix, 'jsonPatch' | 'strategicMerge'>): Fix {
  // Built in the report-schema field order (kind, summary, target, jsonPatch, strategicMerge,
  // resources…) with placeholders that materializeFix fills in place: no copy of `base`, and no
  // key deleted or re-added later. Undefined members do not appear in JSON.
  const fix: Fix = { kind: base.kind, summary: base.summary, target: base.target, jsonPatch: undefined, strategicMerge: undefined };
  for (const k in base) {
    if (k !== 'kind' && k !== 'summary' && k !== 'target') (fix as unknown as Record<string, unknown>)[k] = (base as Record<string, unknown>)[k];
  }
  Object.defineProperty(fix, PENDING, { enumerable: false, configurable: true, writable: true, value: derive });
  return fix;
}

const PENDING = Symbol('drydock.pendingPatch');

/** Derive a fix's JSON Patch and strategic merge partial (once); returns the same, now plain, object. */
export function materializeFix(fix: Fix): Fix {
  const f = fix as Fix & { [PENDING]?: (() => Pick<Fix, 'jsonPatch' | 'strategicMerge'>) | undefined };
  const pending = f[PENDING];
  if (pending) {
    const { jsonPatch, strategicMerge } = pending();
    // Cleared rather than deleted (a non-enumerable member: invisible to JSON, keys and spreads).
    f[PENDING] = undefined;
    f.jsonPatch = jsonPatch;
    f.strategicMerge = strategicMerge;
  }
  return fix;
}

export function adviceFix(summary: string): Fix {
  return { kind: 'advice', summary };
}

/** Walk (creating objects as needed) to a JSON pointer made of object keys. */
export function ensurePath(root: Json, ptr: string): Json {
  let cur = root;
  for (const tok of ptr.split('/').slice(1)) {
    if (cur[tok] === undefined || cur[tok] === null || typeof cur[tok] !== 'object') cur[tok] = {};
    cur = cur[tok];
  }
  return cur;
}
