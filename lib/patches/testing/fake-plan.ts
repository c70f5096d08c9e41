import { objectRef } from '../../checks/helpers/fix';
import type { KubeObject } from '../../snapshot/types';
import { findChangeMe } from '../change-me';
import type { PlainObject } from '../deep';
import { diffJsonPatch } from '../json-patch';
import { guardJsonPatch } from '../json-patch-guard';
import type { PatchPlan } from '../plan-types';
import { diffStrategicMerge } from '../strategic-merge';

/** A plan straight from before/after pairs (no checks involved), for rendering tests. */
export function planOfPairs(pairs: [KubeObject, KubeObject][], resources: KubeObject[] = []): PatchPlan {
  return {
    cluster: '-',
    namespace: pairs[0]?.[0].metadata.namespace ?? null,
    apps: pairs.map(([b]) => `-/${b.metadata.namespace ?? 'default'}/${b.kind}/${b.metadata.name}`),
    targets: pairs.map(([before, after]) => ({
      target: objectRef(before),
      apps: [],
      jsonPatch: guardJsonPatch(diffJsonPatch(before, after), before, before.kind),
      strategicMerge: diffStrategicMerge(before as unknown as PlainObject, after as unknown as PlainObject, before.kind),
      checks: ['test-check'],
      summaries: ['test change'],
      before,
      after,
      changeMe: findChangeMe(after),
    })),
    resources: resources.map((object) => ({ object, apps: [], checks: ['test-check'], summaries: ['new object'], changeMe: findChangeMe(object) })),
    unpatched: [],
    followUps: [],
    notes: [],
  };
}
