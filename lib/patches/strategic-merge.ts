import { deepClone, deepEqual, isPlainObject, type PlainObject } from './deep';
import { isMergedScalarList, mergeKeyFor } from './merge-keys';

/**
 * Strategic merge patches (`kubectl patch --type strategic`), as the API server computes and
 * applies them for the built-in types: maps merge, `null` deletes a key, lists with a merge key
 * merge element by element (`$patch: delete` removes one, `$setElementOrder/<list>` fixes the
 * order), every other list is replaced whole.
 * https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md
 */

const ORDER_PREFIX = '$setElementOrder/';

/** The strategic merge patch that turns `before` into `after` ({} when they are equal). */
export function diffStrategicMerge(before: PlainObject, after: PlainObject, kind = String(after.kind ?? before.kind ?? '')): PlainObject {
  return diffMaps(before, after, [], kind) ?? {};
}

function diffMaps(before: PlainObject, after: PlainObject, path: string[], kind: string): PlainObject | null {
  const out: PlainObject = {};
  for (const key of Object.keys(before)) {
    if (!(key in after)) out[key] = null;
  }
  for (const key of Object.keys(after)) {
    const a = after[key];
    if (!(key in before)) {
      out[key] = deepClone(a);
      continue;
    }
    const b = before[key];
    if (deepEqual(a, b)) continue;
    const childPath = [...path, key];
    if (isPlainObject(a) && isPlainObject(b)) {
      const sub = diffMaps(b, a, childPath, kind);
      if (sub) out[key] = sub;
    } else if (Array.isArray(a) && Array.isArray(b)) {
      const listPatch = diffList(b, a, childPath, kind);
      out[key] = listPatch.list;
      if (listPatch.order) out[`${ORDER_PREFIX}${key}`] = listPatch.order;
    } else {
      out[key] = deepClone(a);
    }
  }
  return Object.keys(out).length ? out : null;
}

function diffList(before: unknown[], after: unknown[], path: string[], kind: string): { list: unknown[]; order?: unknown[] } {
  const key = mergeKeyFor(path, kind);
  const keyed = (xs: unknown[]) => key !== null && xs.every((x) => isPlainObject(x) && x[key] !== undefined);
  if (!key || !keyed(before) || !keyed(after)) return { list: deepClone(after) };
  const beforeByKey = new Map(before.map((x) => [JSON.stringify((x as PlainObject)[key]), x as PlainObject]));
  const afterKeys = new Set(after.map((x) => JSON.stringify((x as PlainObject)[key])));
  const list: unknown[] = [];
  for (const item of after as PlainObject[]) {
    const old = beforeByKey.get(JSON.stringify(item[key]));
    if (!old) {
      list.push(deepClone(item));
      continue;
    }
    const sub = diffMaps(old, item, path, kind);
    if (sub) list.push({ [key]: item[key], ...sub });
  }
  for (const item of before as PlainObject[]) {
    if (!afterKeys.has(JSON.stringify(item[key]))) list.push({ [key]: item[key], $patch: 'delete' });
  }
  // kubectl sends the full order of a merged list whenever the list is part of the patch.
  const order = after.map((x) => ({ [key]: (x as PlainObject)[key] }));
  return { list, order };
}

/** Apply a strategic merge patch to a copy of `doc`. */
export function applyStrategicMerge<T extends PlainObject>(doc: T, patch: PlainObject, kind = String(doc.kind ?? '')): T {
  return mergeMap(deepClone(doc), patch, [], kind) as T;
}

function mergeMap(target: PlainObject, patch: PlainObject, path: string[], kind: string): PlainObject {
  if (patch.$patch === 'replace') {
    const rest = { ...patch };
    delete rest.$patch;
    return deepClone(rest);
  }
  if (patch.$patch === 'delete') return {};
  const orders: [string, unknown[]][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(ORDER_PREFIX)) {
      if (Array.isArray(value)) orders.push([key.slice(ORDER_PREFIX.length), value]);
      continue;
    }
    if (key === '$retainKeys' || key === '$patch') continue;
    if (value === null) {
      delete target[key];
      continue;
    }
    const current = target[key];
    const childPath = [...path, key];
    if (isPlainObject(value) && isPlainObject(current)) {
      target[key] = mergeMap(current, value, childPath, kind);
    } else if (Array.isArray(value) && Array.isArray(current)) {
      target[key] = mergeList(current, value, childPath, kind);
    } else if (isPlainObject(value)) {
      target[key] = mergeMap({}, value, childPath, kind);
    } else if (Array.isArray(value)) {
      target[key] = mergeList([], value, childPath, kind);
    } else {
      target[key] = deepClone(value);
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys.map(String));
    for (const k of Object.keys(target)) if (!keep.has(k)) delete target[k];
  }
  for (const [field, order] of orders) {
    const list = target[field];
    if (Array.isArray(list)) target[field] = reorder(list, order, [...path, field], kind);
  }
  return target;
}

function mergeList(current: unknown[], patch: unknown[], path: string[], kind: string): unknown[] {
  if (isMergedScalarList(path)) {
    const out = [...current];
    for (const v of patch) if (!out.some((x) => deepEqual(x, v))) out.push(deepClone(v));
    return out;
  }
  const key = mergeKeyFor(path, kind);
  if (!key) return patch.filter((x) => !(isPlainObject(x) && x.$patch)).map((x) => deepClone(x));
  const out = current.map((x) => deepClone(x));
  for (const item of patch) {
    if (!isPlainObject(item)) continue;
    const idx = out.findIndex((x) => isPlainObject(x) && deepEqual(x[key], item[key]));
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = mergeMap(out[idx] as PlainObject, item, path, kind);
    else out.push(mergeMap({}, item, path, kind));
  }
  return out;
}

function reorder(list: unknown[], order: unknown[], path: string[], kind: string): unknown[] {
  const key = mergeKeyFor(path, kind);
  if (!key) return list;
  const pos = (x: unknown) => order.findIndex((o) => isPlainObject(o) && isPlainObject(x) && deepEqual(o[key], x[key]));
  const listed = list.filter((x) => pos(x) >= 0).sort((a, b) => pos(a) - pos(b));
  const unlisted = list.filter((x) => pos(x) < 0);
  return [...listed, ...unlisted];
}
