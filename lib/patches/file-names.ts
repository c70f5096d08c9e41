import type { ObjectRef } from '../checks/types';
import type { PatchPlan } from './plan-types';

/** `kind-name`, lower-case and file-system safe. */
function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'object';
}

export function refLabel(ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/**
 * A file stem per patched or created object: `deployment-web`; `deployment-web-shop` when two
 * objects of the plan would share one (same kind and name in two namespaces).
 */
export function fileStems(plan: PatchPlan): { targets: string[]; resources: string[] } {
  const refs: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>[] = [
    ...plan.targets.map((t) => t.target),
    ...plan.resources.map((r) => ({ kind: r.object.kind, namespace: r.object.metadata.namespace ?? null, name: r.object.metadata.name })),
  ];
  const base = refs.map((r) => slug(`${r.kind}-${r.name}`));
  const used = new Set<string>();
  const stems = refs.map((r, i) => {
    const b = base[i]!;
    let stem = base.filter((x) => x === b).length > 1 ? `${b}-${slug(r.namespace ?? 'cluster')}` : b;
    for (let n = 2; used.has(stem); n++) stem = `${b}-${n}`;
    used.add(stem);
    return stem;
  });
  return { targets: stems.slice(0, plan.targets.length), resources: stems.slice(plan.targets.length) };
}
