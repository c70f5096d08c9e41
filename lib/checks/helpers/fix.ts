import type { App } from '../../apps/types';
import type { Json, KubeObject } from '../../snapshot/types';
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
  const before = target;
  const after = deepClone(target);
  if (spec.mutate) {
    const podSpec = podSpecPath ? ensurePath(after, podSpecPath) : undefined;
    spec.mutate(after, podSpec);
  }
  return {
    kind: spec.kind,
    summary: spec.summary,
    target: objectRef(target),
    jsonPatch: diffJsonPatch(before, after),
    strategicMerge: diffStrategicMerge(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, target.kind),
    ...(spec.resources?.length ? { resources: spec.resources } : {}),
  };
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
