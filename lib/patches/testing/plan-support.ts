import type { ObjectRef } from '../../checks/types';
import type { KubeObject } from '../../snapshot/types';
import { applyJsonPatch } from '../json-patch';
import type { PatchPlan } from '../plan-types';

export function sameRef(ref: Pick<ObjectRef, 'kind' | 'name' | 'namespace'>, o: KubeObject): boolean {
  return o.kind === ref.kind && o.metadata.name === ref.name && (o.metadata.namespace ?? null) === (ref.namespace ?? null);
}

/** What a user gets by applying the plan's JSON Patches and creating its new objects. */
export function applyPlanJson(objects: readonly KubeObject[], plan: PatchPlan): KubeObject[] {
  const patched = objects.map((o) => {
    const t = plan.targets.find((x) => sameRef(x.target, o));
    return t ? applyJsonPatch(o, t.jsonPatch) : o;
  });
  return [...patched, ...plan.resources.map((r) => r.object)];
}
