import { deepClone, deepEqual, getOwn, hasOwn, isPlainObject, setOwn, type PlainObject } from './deep';
import { listStrategyFor } from './merge-keys';

/**
 * Applying a strategic merge patch the way the API server and `kubectl patch --type strategic`
 * do (k8s.io/apimachinery/pkg/util/strategicpatch, `StrategicMergeMapPatch` with
 * MergeParallelList and IgnoreUnmatchedNulls), including where list elements end up:
 * https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md
 * https://github.com/kubernetes/design-proposals-archive/blob/main/cli/preserve-order-in-strategic-merge-patch.md
 *
 * Element order, which the API server keeps and which matters (init containers run in order, the
 * first container is kubectl's default, env vars may reference earlier ones):
 * - a merged list is the patch's elements in patch order, interleaved with the elements only the
 *   object has in their own order; an element new to the object goes before the object's next one
 *   (so a new env var sent alone lands first, not last);
 * - `$setElementOrder/<list>` gives the order of every element it names, and wins.
 */

export const PATCH_DIRECTIVE = '$patch';
export const ORDER_PREFIX = '$setElementOrder/';
export const DELETE_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList/';
export const RETAIN_KEYS = '$retainKeys';

export class StrategicMergeError extends Error {}

/** Apply `patch` to a copy of `doc`; `kind` selects the merge keys (e.g. Service ports). */
export function applyStrategicMergePatch(doc: PlainObject, patch: PlainObject, kind: string): PlainObject {
  if (!isPlainObject(patch)) throw new StrategicMergeError('a strategic merge patch is an object');
  return mergeMap(deepClone(doc), deepClone(patch), [], kind);
}

function where(path: readonly string[]): string {
  return path.length ? path.join('.') : '(root)';
}

function mergeMap(original: PlainObject, patch: PlainObject, path: string[], kind: string): PlainObject {
  if (hasOwn(patch, PATCH_DIRECTIVE)) {
    const directive = patch[PATCH_DIRECTIVE];
    if (directive === 'replace') {
      const rest = { ...patch };
      delete rest[PATCH_DIRECTIVE];
      return rest;
    }
    // "$patch: delete" on a map leaves an empty map, as the API server does.
    if (directive === 'delete') return {};
    throw new StrategicMergeError(`${where(path)}: unknown $patch ${JSON.stringify(directive)}`);
  }
  applyRetainKeys(original, patch, path);
  applyElementOrders(original, patch, path, kind);
  const deleteLists: string[] = [];
  for (const key of Object.keys(patch)) {
    if (key.startsWith(DELETE_PRIMITIVE_PREFIX)) {
      deleteLists.push(key);
      continue;
    }
    const value = patch[key];
    if (value === null) {
      delete original[key];
      continue;
    }
    const current = getOwn(original, key);
    const childPath = [...path, key];
    if (isPlainObject(current) && isPlainObject(value)) setOwn(original, key, mergeMap(current, value, childPath, kind));
    else if (Array.isArray(current) && Array.isArray(value)) setOwn(original, key, mergeList(current, value, childPath, kind));
    else setOwn(original, key, fresh(value, childPath, kind));
  }
  for (const key of deleteLists) {
    const field = key.slice(DELETE_PRIMITIVE_PREFIX.length);
    const toDelete = patch[key];
    const current = getOwn(original, field);
    if (!Array.isArray(toDelete)) throw new StrategicMergeError(`${where(path)}: ${key} must be a list`);
    if (Array.isArray(current)) setOwn(original, field, current.filter((x) => !toDelete.some((d) => deepEqual(d, x))));
  }
  return original;
}

/** A patch value for a field the object lacks (or holds with another type): its directives resolved. */
function fresh(value: unknown, path: string[], kind: string): unknown {
  if (isPlainObject(value)) return mergeMap({}, value, path, kind);
  if (Array.isArray(value)) return mergeList([], value, path, kind);
  return value;
}

/** `$retainKeys`: drop every field of the object not listed (applied before the merge). */
function applyRetainKeys(original: PlainObject, patch: PlainObject, path: string[]): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const keep = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(keep)) throw new StrategicMergeError(`${where(path)}: $retainKeys must be a list`);
  const kept = new Set(keep.map((k) => String(k)));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(ORDER_PREFIX) || k.startsWith(DELETE_PRIMITIVE_PREFIX)) continue;
    if (!kept.has(k)) throw new StrategicMergeError(`${where(path)}: field ${k} is patched but not in $retainKeys`);
  }
  for (const k of Object.keys(original)) if (!kept.has(k)) delete original[k];
}

/** `$setElementOrder/<list>`: merge the list first, then order it (the list is then done). */
function applyElementOrders(original: PlainObject, patch: PlainObject, path: string[], kind: string): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(ORDER_PREFIX)) continue;
    const order = patch[key];
    delete patch[key];
    const field = key.slice(ORDER_PREFIX.length);
    if (!Array.isArray(order)) throw new StrategicMergeError(`${where(path)}: ${key} must be a list`);
    const childPath = [...path, field];
    const current = getOwn(original, field);
    const patchList = getOwn(patch, field);
    if (current !== undefined && !Array.isArray(current)) throw new StrategicMergeError(`${where(childPath)} is not a list`);
    if (patchList === null) continue; // the field is deleted by the main merge
    if (patchList !== undefined && !Array.isArray(patchList)) throw new StrategicMergeError(`${where(childPath)}: patch is not a list`);
    if (current === undefined && patchList === undefined) continue;
    const serverOrder = current ?? [];
    let merged = serverOrder;
    if (patchList !== undefined) {
      merged = mergeList(serverOrder, patchList, childPath, kind);
      delete patch[field];
    }
    const strategy = listStrategyFor(childPath, kind);
    const key2 = strategy.type === 'keyed' ? strategy.key : null;
    const [listed, serverOnly] = partitionByPresence(merged, order, key2);
    setOwn(original, field, normalizeElementOrder(listed, serverOnly, order, serverOrder, key2));
  }
}

function mergeList(current: unknown[], patch: unknown[], path: string[], kind: string): unknown[] {
  const strategy = listStrategyFor(path, kind);
  if (strategy.type === 'atomic') return deepClone(patch);
  if (current.length === 0 && patch.length === 0) return current;
  if (strategy.type === 'set') {
    const merged: unknown[] = [];
    for (const v of [...current, ...patch]) if (!merged.some((x) => deepEqual(x, v))) merged.push(v);
    const [inPatch, serverOnly] = partitionByPresence(merged, patch, null);
    return normalizeElementOrder(inPatch, serverOnly, patch, current, null);
  }
  const key = strategy.key;
  // "$patch: replace" as an element: the list is exactly the other elements.
  if (patch.some((x) => isPlainObject(x) && x[PATCH_DIRECTIVE] === 'replace')) {
    return deepClone(patch.filter((x) => !(isPlainObject(x) && hasOwn(x, PATCH_DIRECTIVE))));
  }
  let server = current;
  const items: PlainObject[] = [];
  for (const item of patch) {
    if (!isPlainObject(item)) throw new StrategicMergeError(`${where(path)}: list elements must be objects with "${key}"`);
    if (!hasOwn(item, PATCH_DIRECTIVE)) {
      if (getOwn(item, key) === undefined) throw new StrategicMergeError(`${where(path)}: element without merge key "${key}"`);
      items.push(item);
      continue;
    }
    const directive = item[PATCH_DIRECTIVE];
    if (directive === 'delete') {
      if (getOwn(item, key) === undefined) throw new StrategicMergeError(`${where(path)}: $patch: delete without merge key "${key}"`);
      // Every element with that key goes, duplicates included.
      server = server.filter((x) => !(isPlainObject(x) && deepEqual(getOwn(x, key), item[key])));
    } else throw new StrategicMergeError(`${where(path)}: unknown $patch ${JSON.stringify(directive)}`);
  }
  const merged = [...server];
  for (const item of items) {
    const idx = merged.findIndex((x) => isPlainObject(x) && deepEqual(getOwn(x, key), item[key]));
    if (idx >= 0) merged[idx] = mergeMap(merged[idx] as PlainObject, item, path, kind);
    else merged.push(fresh(item, path, kind));
  }
  const [inPatch, serverOnly] = partitionByPresence(merged, items, key);
  return normalizeElementOrder(inPatch, serverOnly, items, server, key);
}

function indexIn(list: readonly unknown[], item: unknown, key: string | null): number {
  if (key === null) return list.findIndex((x) => deepEqual(x, item));
  if (!isPlainObject(item)) return -1;
  const v = getOwn(item, key);
  return list.findIndex((x) => isPlainObject(x) && deepEqual(getOwn(x, key), v));
}

/** [elements present in `by`, the others], each in their current order. */
function partitionByPresence(list: readonly unknown[], by: readonly unknown[], key: string | null): [unknown[], unknown[]] {
  const inside: unknown[] = [];
  const outside: unknown[] = [];
  for (const x of list) (indexIn(by, x, key) >= 0 ? inside : outside).push(x);
  return [inside, outside];
}

/** Sort `patchItems` by `patchOrder` and `serverOnly` by `serverOrder`, then interleave them. */
function normalizeElementOrder(patchItems: unknown[], serverOnly: unknown[], patchOrder: readonly unknown[], serverOrder: readonly unknown[], key: string | null): unknown[] {
  return mergeSortedLists(sortByOrder(serverOnly, serverOrder, key), sortByOrder(patchItems, patchOrder, key), serverOrder, key);
}

function sortByOrder(list: unknown[], order: readonly unknown[], key: string | null): unknown[] {
  const [listed, unlisted] = partitionByPresence(list, order, key);
  // Array.prototype.sort is stable (ES2019), like Go's sort.SliceStable.
  listed.sort((a, b) => indexIn(order, a, key) - indexIn(order, b, key));
  return [...listed, ...unlisted];
}

/**
 * apimachinery's mergeSortedSlice: insert the server-only elements (`left`) among the patch's
 * (`right`); a left element goes first only when both are in the live list and it came earlier.
 */
function mergeSortedLists(left: unknown[], right: unknown[], serverOrder: readonly unknown[], key: string | null): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], key);
      const ri = indexIn(serverOrder, right[j], key);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}
