import { deepClone, deepEqual, getOwn, hasOwn, isPlainObject, setOwn, type PlainObject } from './deep';
import { listStrategyFor } from './merge-keys';
import { applyStrategicMergePatch, DELETE_PRIMITIVE_PREFIX, ORDER_PREFIX, PATCH_DIRECTIVE } from './strategic-apply';

/**
 * Strategic merge patches (`kubectl patch --type strategic`) for the built-in types: maps merge,
 * `null` deletes a key, lists with a merge key merge element by element (`$patch: delete` removes
 * one, `$setElementOrder/<list>` fixes the order), `metadata.finalizers` merges as a set
 * (`$deleteFromPrimitiveList/finalizers` removes), every other list is replaced whole.
 * https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md
 *
 * Limits, shared with kubectl's own diff: an explicit `null` in `after` means "absent", and
 * member names starting with `$` are directives. Custom resources do not support strategic merge
 * at all (use the JSON Patch).
 */

export { StrategicMergeError } from './strategic-apply';

/** The strategic merge patch that turns `before` into `after` ({} when they are equal). */
export function diffStrategicMerge(before: PlainObject, after: PlainObject, kind = String(after.kind ?? before.kind ?? '')): PlainObject {
  return diffMaps(before, after, [], kind) ?? {};
}

/** Apply a strategic merge patch to a copy of `doc`, as the API server would. */
export function applyStrategicMerge<T extends PlainObject>(doc: T, patch: PlainObject, kind = String(doc.kind ?? '')): T {
  return applyStrategicMergePatch(doc, patch, kind) as T;
}

function diffMaps(before: PlainObject, after: PlainObject, path: string[], kind: string): PlainObject | null {
  const out: PlainObject = {};
  for (const key of Object.keys(before)) {
    if (!hasOwn(after, key)) setOwn(out, key, null);
  }
  for (const key of Object.keys(after)) {
    const a = after[key];
    if (!hasOwn(before, key)) {
      setOwn(out, key, deepClone(a));
      continue;
    }
    const b = before[key];
    if (a === b) continue;
    // Maps recurse straight away (an equal map yields no patch); comparing whole subtrees at
    // every level first would walk each node once per ancestor.
    if (isPlainObject(a) && isPlainObject(b)) {
      const sub = diffMaps(b, a, [...path, key], kind);
      if (sub) setOwn(out, key, sub);
      continue;
    }
    if (deepEqual(a, b)) continue;
    const childPath = [...path, key];
    if (Array.isArray(a) && Array.isArray(b)) {
      for (const [k, v] of Object.entries(diffList(b, a, key, childPath, kind))) setOwn(out, k, v);
    } else {
      setOwn(out, key, deepClone(a));
    }
  }
  return Object.keys(out).length ? out : null;
}

/** The members of the parent's patch that change list `field` (the list, and its directives). */
function diffList(before: unknown[], after: unknown[], field: string, path: string[], kind: string): PlainObject {
  const strategy = listStrategyFor(path, kind);
  if (strategy.type === 'atomic') return { [field]: deepClone(after) };
  if (strategy.type === 'set') {
    const added = after.filter((x) => !before.some((y) => deepEqual(x, y)));
    const removed = before.filter((x) => !after.some((y) => deepEqual(x, y)));
    return {
      ...(added.length ? { [field]: deepClone(added) } : {}),
      ...(removed.length ? { [`${DELETE_PRIMITIVE_PREFIX}${field}`]: deepClone(removed) } : {}),
      [`${ORDER_PREFIX}${field}`]: deepClone(after),
    };
  }
  const key = strategy.key;
  // Elements that cannot be told apart by their merge key (missing or repeated, e.g. a duplicated
  // env var): the list is sent whole with "$patch: replace".
  if (!uniquelyKeyed(before, key) || !uniquelyKeyed(after, key)) return { [field]: [...deepClone(after), { [PATCH_DIRECTIVE]: 'replace' }] };
  const id = (x: unknown) => JSON.stringify((x as PlainObject)[key]);
  const beforeById = new Map(before.map((x) => [id(x), x as PlainObject]));
  const afterIds = new Set(after.map(id));
  const list: unknown[] = [];
  for (const item of after as PlainObject[]) {
    const old = beforeById.get(id(item));
    if (!old) {
      list.push(deepClone(item));
      continue;
    }
    const sub = diffMaps(old, item, path, kind);
    if (sub) list.push({ [key]: deepClone(item[key]), ...sub });
  }
  for (const item of before as PlainObject[]) {
    if (!afterIds.has(id(item))) list.push({ [key]: deepClone(item[key]), [PATCH_DIRECTIVE]: 'delete' });
  }
  // Like kubectl, send the full order of a merged list whenever it changes: without it, an
  // element new to the object would be inserted before the existing ones.
  const order = after.map((x) => ({ [key]: deepClone((x as PlainObject)[key]) }));
  return { ...(list.length ? { [field]: list } : {}), [`${ORDER_PREFIX}${field}`]: order };
}

function uniquelyKeyed(list: unknown[], key: string): boolean {
  const seen = new Set<string>();
  for (const x of list) {
    if (!isPlainObject(x)) return false;
    const v = getOwn(x, key);
    if (v === undefined || v === null || isPlainObject(v) || Array.isArray(v)) return false;
    const id = JSON.stringify(v);
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}
