import type { Finding, Fix, ObjectRef } from '../checks/types';
import { findChangeMe } from '../patches/change-me';
import { applyJsonPatch } from '../patches/json-patch';
import type { PatchPlan, TargetPatch } from '../patches/plan-types';
import { renderPatches, renderStrategic } from '../patches/render';
import { withoutServerFields } from '../patches/server-fields';
import { toYaml, toYamlStream } from '../patches/yaml';
import type { KubeObject } from '../snapshot/types';
import { lineDiff, type DiffLine } from './line-diff';

/** A fixable finding's patch in every form the scorecard shows: plain strings, ready to render. */
export interface FindingPatchView {
  target: string;
  /** `kubectl patch --type strategic` body (YAML). */
  strategic: string;
  /** RFC 6902 operations (JSON). */
  json: string;
  /** The kustomize overlay for this fix alone, files concatenated with `# file:` headers. */
  kustomize: string;
  /** The object before and after the patch. */
  diff: DiffLine[];
  /** Objects the fix creates (a PDB, a ConfigMap…), as YAML; null when none. */
  newResources: string | null;
  placeholders: { path: string; what: string }[];
  /** Set when the patch could not be applied to the object as scanned. */
  error: string | null;
}

export function refLabelOf(ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export function refOf(obj: KubeObject): ObjectRef {
  return { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace ?? null, name: obj.metadata.name };
}

/**
 * A plan holding one fix alone: its JSON Patch against the target (as scanned) and the objects it
 * creates. The JSON Patch and the strategic merge partial come from the report.
 */
export function singleFixPlan(fix: Fix, target: KubeObject | null, app: { id: string; cluster: string; namespace: string }, check: string): { plan: PatchPlan; error: string | null; before: KubeObject | null; after: KubeObject | null } | null {
  if (fix.kind === 'advice' || (!fix.jsonPatch?.length && !fix.strategicMerge && !fix.resources?.length)) return null;
  const ref = fix.target ?? (target ? refOf(target) : null);
  let error: string | null = null;
  let before: KubeObject | null = null;
  let after: KubeObject | null = null;
  if (target && fix.jsonPatch?.length) {
    before = withoutServerFields(target);
    try {
      after = applyJsonPatch(before, fix.jsonPatch);
    } catch (e) {
      error = `the patch does not apply to the object as scanned: ${(e as Error).message}`;
    }
  } else if (fix.jsonPatch?.length) {
    error = `the object the patch targets (${ref ? refLabelOf(ref) : 'unknown'}) is not in the scan`;
  }
  const plan: PatchPlan = {
    cluster: app.cluster,
    namespace: app.namespace,
    apps: [app.id],
    targets: ref && before && after && fix.jsonPatch?.length ? [targetPatch(ref, fix, before, after, app.id, check)] : [],
    resources: (fix.resources ?? []).map((object) => ({ object, apps: [app.id], checks: [check], summaries: [fix.summary], changeMe: findChangeMe(object) })),
    unpatched: [],
    followUps: [],
    notes: [],
  };
  return { plan, error, before, after };
}

/** The patch view of one fix: the three formats, the diff of the object, the placeholders. */
export function findingPatchView(fix: Fix, target: KubeObject | null, app: { id: string; cluster: string; namespace: string }, check: string): FindingPatchView | null {
  const single = singleFixPlan(fix, target, app, check);
  if (!single) return null;
  const { plan, before, after } = single;
  const ref = fix.target ?? (target ? refOf(target) : null);
  const json = fix.jsonPatch?.length ? `${JSON.stringify(fix.jsonPatch, null, 2)}\n` : '';
  const placeholders = [
    ...findChangeMe(fix.jsonPatch ?? []).map((c) => ({ path: c.path, what: c.what })),
    ...findChangeMe(fix.resources ?? [], '/resources').map((c) => ({ path: c.path, what: c.what })),
  ];
  const diff: DiffLine[] = before && after ? lineDiff(toYaml(before), toYaml(after)) : [];
  const has = plan.targets.length > 0 || plan.resources.length > 0;
  let strategic = fix.strategicMerge ? toYaml(fix.strategicMerge) : '';
  let kustomize = '';
  try {
    if (has) strategic = renderStrategic(plan);
    kustomize = has ? renderPatches(plan, 'kustomize', { title: `Drydock: ${check} for ${app.id}` }).text : '';
  } catch (e) {
    kustomize = `# kustomize overlay unavailable: ${(e as Error).message}\n`;
  }
  const resources = fix.resources ?? [];
  return {
    target: ref ? refLabelOf(ref) : '',
    strategic,
    json,
    kustomize,
    diff,
    newResources: resources.length ? toYamlStream(resources.map((value) => ({ value }))) : null,
    placeholders,
    error: single.error,
  };
}

function targetPatch(ref: ObjectRef, fix: Fix, before: KubeObject, after: KubeObject, app: string, check: string): TargetPatch {
  return {
    target: ref,
    apps: [app],
    jsonPatch: fix.jsonPatch ?? [],
    strategicMerge: (fix.strategicMerge ?? {}) as TargetPatch['strategicMerge'],
    checks: [check],
    summaries: [fix.summary],
    before,
    after,
    changeMe: findChangeMe(after).filter((c) => !findChangeMe(before).some((b) => b.path === c.path)),
    ...(fix.whereToChange ? { whereToChange: fix.whereToChange } : {}),
  };
}

export type { Finding };
