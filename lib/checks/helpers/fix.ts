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

/**
 * The `target` of a fix: a workload has a dozen fixes, and the report keeps every one; they share one
 * frozen reference per target object (snapshots are never edited) instead of a copy each.
 */
const targetRefs = new WeakMap<KubeObject, ObjectRef>();
export function targetRef(obj: KubeObject): ObjectRef {
  let ref = targetRefs.get(obj);
  if (!ref) targetRefs.set(obj, (ref = Object.freeze(objectRef(obj))));
  return ref;
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
    { kind: spec.kind, summary: spec.summary, target: targetRef(target), ...(spec.resources?.length ? { resources: spec.resources } : {}) },
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
 * A fix whose patches are derived when first read: most findings are read as scores and verdicts
 * (a table, a gate, the dashboard's lists), and cloning and diffing every workload up front costs
 * more than all the checks together — and the patches of 10,000 apps take ≈ 120 MB. `jsonPatch`
 * and `strategicMerge` are own enumerable accessors that derive both once, on first access (a
 * renderer, JSON.stringify, a spread, `toEqual`), and then become plain data properties; until
 * then the fix holds only `derive` (the target is the snapshot's own object). `derive` must be pure.
 */
export function lazyFix(base: Omit<Fix, 'jsonPatch' | 'strategicMerge'>, derive: () => Pick<Fix, 'jsonPatch' | 'strategicMerge'>): Fix {
  // Built in the report-schema field order (kind, summary, target, jsonPatch, strategicMerge,
  // resources…). The two accessors are added (never redefined from data properties, which would
  // turn every fix into a slow dictionary-mode object) with shared functions: fixes keep one shape.
  const fix = { kind: base.kind, summary: base.summary, target: base.target } as Fix;
  Object.defineProperties(fix, LAZY_PATCHES);
  for (const k in base) {
    if (k !== 'kind' && k !== 'summary' && k !== 'target') (fix as unknown as Record<string, unknown>)[k] = (base as Record<string, unknown>)[k];
  }
  Object.defineProperty(fix, STATE, { enumerable: false, configurable: false, writable: true, value: derive });
  return fix;
}

type Patches = Pick<Fix, 'jsonPatch' | 'strategicMerge'>;
/** A lazy fix's state: `derive` until first read, then the derived patches. */
const STATE = Symbol('drydock.fixPatches');
type LazyFix = Fix & { [STATE]: (() => Patches) | Patches };

/** The patches of a lazy fix, derived on first call (a derive that throws stays pending). */
function patchesOf(fix: LazyFix): Patches {
  const s = fix[STATE];
  if (typeof s !== 'function') return s;
  const derived = s();
  fix[STATE] = { jsonPatch: derived.jsonPatch, strategicMerge: derived.strategicMerge };
  return fix[STATE] as Patches;
}

/** One pair of accessors shared by every lazy fix (no closures per fix). */
const LAZY_PATCHES: PropertyDescriptorMap = {
  jsonPatch: {
    enumerable: true,
    configurable: true,
    get(this: LazyFix) {
      return patchesOf(this).jsonPatch;
    },
    set(this: LazyFix, v: Fix['jsonPatch']) {
      patchesOf(this).jsonPatch = v;
    },
  },
  strategicMerge: {
    enumerable: true,
    configurable: true,
    get(this: LazyFix) {
      return patchesOf(this).strategicMerge;
    },
    set(this: LazyFix, v: Fix['strategicMerge']) {
      patchesOf(this).strategicMerge = v;
    },
  },
};

/** Derive a fix's JSON Patch and strategic merge partial now (once); returns the same object. */
export function materializeFix(fix: Fix): Fix {
  if (STATE in fix) patchesOf(fix as LazyFix);
  return fix;
}

/** Whether a fix's patches are still to be derived (tests, benchmarks). */
export function isPendingFix(fix: Fix): boolean {
  return STATE in fix && typeof (fix as LazyFix)[STATE] === 'function';
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
