import { deepEqual, getOwn, hasOwn, isPlainObject, setOwn, type PlainObject } from './deep';
import { isKustomizeAmbiguousList, listStrategyFor } from './merge-keys';
import { ORDER_PREFIX, PATCH_DIRECTIVE } from './strategic-apply';
import { applyStrategicMerge, diffStrategicMerge } from './strategic-merge';

/**
 * A strategic merge patch kustomize applies the way kubectl does.
 *
 * kustomize (kyaml, checked with kustomize v5.5) knows `null`, `$patch: delete` and
 * `$patch: replace` but not `$setElementOrder`, `$retainKeys` or `$deleteFromPrimitiveList`: it
 * copies them into the output as if they were fields. Both put the elements a patch names in the
 * patch's order, but place the elements it does not name differently. So `$setElementOrder/<list>`
 * becomes the list itself, naming every element in order — the unchanged ones by their bare merge
 * key (`- name: envoy`), which merges as a no-op.
 * kustomize also matches container/Service `ports` and `topologySpreadConstraints` on more keys
 * than the merge key, so a patch merging into such an existing list is not portable.
 *
 * Returns null when no such patch gives exactly `after` (the overlay then uses JSON 6902).
 */
export function portableStrategicMerge(before: PlainObject, after: PlainObject, kind: string): PlainObject | null {
  const patch = inlineElementOrder(diffStrategicMerge(before, after, kind), [], kind);
  if (!kustomizeCanApply(patch, before, [], kind)) return null;
  return deepEqual(applyStrategicMerge(before, patch, kind), after) ? patch : null;
}

function inlineElementOrder(patch: PlainObject, path: string[], kind: string): PlainObject {
  const out: PlainObject = {};
  const ordered = new Set(Object.keys(patch).filter((k) => k.startsWith(ORDER_PREFIX)).map((k) => k.slice(ORDER_PREFIX.length)));
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(ORDER_PREFIX) || ordered.has(key)) continue;
    const childPath = [...path, key];
    if (isPlainObject(value)) setOwn(out, key, inlineElementOrder(value, childPath, kind));
    else if (Array.isArray(value)) setOwn(out, key, value.map((x) => (isPlainObject(x) && !hasOwn(x, PATCH_DIRECTIVE) ? inlineElementOrder(x, childPath, kind) : x)));
    else setOwn(out, key, value);
  }
  for (const field of ordered) {
    const order = patch[`${ORDER_PREFIX}${field}`];
    const list = getOwn(patch, field);
    const childPath = [...path, field];
    const strategy = listStrategyFor(childPath, kind);
    if (!Array.isArray(order) || strategy.type !== 'keyed') {
      // Not representable without the directive: keep it (the patch is then not portable).
      setOwn(out, `${ORDER_PREFIX}${field}`, order);
      if (list !== undefined) setOwn(out, field, list);
      continue;
    }
    const key = strategy.key;
    const items = Array.isArray(list) ? list.filter(isPlainObject) : [];
    const listed = order.map((o) => {
      const item = items.find((x) => !hasOwn(x, PATCH_DIRECTIVE) && isPlainObject(o) && deepEqual(x[key], o[key]));
      return item ? inlineElementOrder(item, childPath, kind) : o;
    });
    setOwn(out, field, [...listed, ...items.filter((x) => x[PATCH_DIRECTIVE] === 'delete')]);
  }
  return out;
}

/** Whether kustomize applies `patch` to `before` as the API server would (see above). */
function kustomizeCanApply(patch: PlainObject, before: unknown, path: string[], kind: string): boolean {
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) return false;
    const childPath = [...path, key];
    const current = isPlainObject(before) ? getOwn(before, key) : undefined;
    if (isPlainObject(value) && !kustomizeCanApply(value, current, childPath, kind)) return false;
    if (!Array.isArray(value)) continue;
    const strategy = listStrategyFor(childPath, kind);
    if (strategy.type !== 'keyed') continue;
    if (Array.isArray(current) && isKustomizeAmbiguousList(childPath, kind)) return false;
    for (const item of value) {
      if (!isPlainObject(item)) return false;
      if (hasOwn(item, PATCH_DIRECTIVE)) {
        if (item[PATCH_DIRECTIVE] !== 'delete' && item[PATCH_DIRECTIVE] !== 'replace') return false;
        continue;
      }
      const old = Array.isArray(current) ? current.find((x) => isPlainObject(x) && deepEqual(x[strategy.key], item[strategy.key])) : undefined;
      if (!kustomizeCanApply(item, old, childPath, kind)) return false;
    }
  }
  return true;
}
