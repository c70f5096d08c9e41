import type { JsonPatchOp } from '../checks/types';
import { deepClone, deepEqual, hasOwn, isPlainObject, setOwn, type PlainObject } from './deep';
import { arrayIndexOf, escapePointerToken, getAtTokens, JsonPointerError, parsePointer } from './json-pointer';

/**
 * JSON Patch (RFC 6902, https://www.rfc-editor.org/rfc/rfc6902): the diff Drydock emits for
 * `kubectl patch --type json` and kustomize `patches:` with a target, and a strict applier.
 */

/**
 * The smallest practical RFC 6902 patch that turns `before` into `after`: objects are diffed key
 * by key; arrays keep their common head and tail and diff the middle element-wise (so one element
 * inserted or removed anywhere is one op); a list of scalars (args, command) whose edit costs
 * more than replacing it is replaced whole.
 */
export function diffJsonPatch(before: unknown, after: unknown, basePath = ''): JsonPatchOp[] {
  if (before === after) return [];
  // Objects recurse without a whole-subtree comparison first (that would walk each node once per
  // ancestor); arrays and scalars are compared once.
  if (!(isPlainObject(before) && isPlainObject(after)) && deepEqual(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const ops: JsonPatchOp[] = [];
    for (const key of Object.keys(before)) {
      if (!hasOwn(after, key)) ops.push({ op: 'remove', path: `${basePath}/${escapePointerToken(key)}` });
    }
    for (const key of Object.keys(after)) {
      const a = after[key];
      const inBefore = hasOwn(before, key);
      // Shared (copy-on-write) and equal scalar members: no op, and no path to build.
      if (inBefore && before[key] === a) continue;
      const p = `${basePath}/${escapePointerToken(key)}`;
      if (!inBefore) ops.push({ op: 'add', path: p, value: deepClone(a) });
      else ops.push(...diffJsonPatch(before[key], a, p));
    }
    return ops;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const ops = diffArrays(before, after, basePath);
    // Lists of objects (containers, env, volumes) are edited in place: replacing one whole would
    // also drop what the live object holds beyond the scan (defaults, an injected sidecar).
    if ([...before, ...after].every(isPlainObject)) return ops;
    const whole: JsonPatchOp[] = [{ op: 'replace', path: basePath, value: deepClone(after) }];
    return JSON.stringify(ops).length > JSON.stringify(whole).length ? whole : ops;
  }
  return [{ op: 'replace', path: basePath, value: deepClone(after) }];
}

function diffArrays(before: unknown[], after: unknown[], basePath: string): JsonPatchOp[] {
  let head = 0;
  while (head < before.length && head < after.length && deepEqual(before[head], after[head])) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && deepEqual(before[before.length - 1 - tail], after[after.length - 1 - tail])) tail++;
  const oldMid = before.length - head - tail;
  const newMid = after.length - head - tail;
  const ops: JsonPatchOp[] = [];
  const common = Math.min(oldMid, newMid);
  for (let i = head; i < head + common; i++) ops.push(...diffJsonPatch(before[i], after[i], `${basePath}/${i}`));
  // Indexes stay valid because the ops run in order: adds after the common part ascend,
  // removes descend from the end of the old middle.
  for (let i = head + common; i < head + newMid; i++) ops.push({ op: 'add', path: `${basePath}/${i}`, value: deepClone(after[i]) });
  for (let i = head + oldMid - 1; i >= head + common; i--) ops.push({ op: 'remove', path: `${basePath}/${i}` });
  return ops;
}

export class JsonPatchError extends Error {}

/**
 * Apply an RFC 6902 patch to a copy of `doc` and return it. Throws JsonPatchError on a malformed
 * op or one that cannot apply (the input is never modified: a patch applies entirely or not at all).
 */
export function applyJsonPatch<T>(doc: T, ops: readonly JsonPatchOp[]): T {
  if (!Array.isArray(ops)) throw new JsonPatchError('a JSON Patch is an array of operations');
  let root: unknown = deepClone(doc);
  ops.forEach((op, i) => {
    try {
      root = applyOp(root, op);
    } catch (e) {
      if (e instanceof JsonPointerError) throw new JsonPatchError(`op ${i}: ${e.message}`);
      if (e instanceof JsonPatchError) throw new JsonPatchError(`op ${i} (${describe(op)}): ${e.message}`);
      throw e;
    }
  });
  return root as T;
}

function describe(op: unknown): string {
  return isPlainObject(op) ? `${String(op.op)} ${String(op.path)}` : 'not an object';
}

function applyOp(root: unknown, raw: JsonPatchOp): unknown {
  if (!isPlainObject(raw)) throw new JsonPatchError('an operation is an object');
  const op = raw as unknown as PlainObject;
  if (typeof op.path !== 'string') throw new JsonPatchError('"path" must be a string');
  const tokens = parsePointer(op.path);
  const needValue = () => {
    if (!hasOwn(op, 'value')) throw new JsonPatchError(`"${String(op.op)}" needs a "value"`);
    return op.value;
  };
  const needFrom = () => {
    if (typeof op.from !== 'string') throw new JsonPatchError(`"${String(op.op)}" needs a "from" string`);
    return parsePointer(op.from);
  };
  switch (op.op) {
    case 'add':
      return add(root, tokens, deepClone(needValue()));
    case 'replace': {
      const value = needValue();
      if (getAtTokens(root, tokens) === undefined) throw new JsonPatchError('no value to replace');
      return set(root, tokens, deepClone(value));
    }
    case 'remove':
      return remove(root, tokens);
    case 'test': {
      const value = needValue();
      const actual = getAtTokens(root, tokens);
      if (actual === undefined) throw new JsonPatchError('test: no value at the path');
      if (!deepEqual(actual, value)) throw new JsonPatchError(`test failed: found ${JSON.stringify(actual)}`);
      return root;
    }
    case 'copy':
    case 'move': {
      const from = needFrom();
      const value = getAtTokens(root, from);
      if (value === undefined) throw new JsonPatchError(`no value at "from" ${String(op.from)}`);
      if (op.op === 'copy') return add(root, tokens, deepClone(value));
      if (from.length < tokens.length && from.every((t, i) => t === tokens[i])) throw new JsonPatchError('cannot move a value into one of its children');
      if (from.length === tokens.length && from.every((t, i) => t === tokens[i])) return root;
      return add(remove(root, from), tokens, value);
    }
    default:
      throw new JsonPatchError(`unknown op ${JSON.stringify(op.op)}`);
  }
}

function parentOf(root: unknown, tokens: string[]): PlainObject | unknown[] {
  const parent = getAtTokens(root, tokens.slice(0, -1));
  if (!Array.isArray(parent) && !isPlainObject(parent)) throw new JsonPatchError('the parent of the path does not exist or is not a container');
  return parent;
}

function add(root: unknown, tokens: string[], value: unknown): unknown {
  if (tokens.length === 0) return value;
  const parent = parentOf(root, tokens);
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const idx = last === '-' ? parent.length : arrayIndexOf(last);
    if (idx === null || idx > parent.length) throw new JsonPatchError(`bad array index "${last}" (length ${parent.length})`);
    parent.splice(idx, 0, value);
  } else {
    setOwn(parent, last, value);
  }
  return root;
}

/** Replace an existing value (checked by the caller). */
function set(root: unknown, tokens: string[], value: unknown): unknown {
  if (tokens.length === 0) return value;
  const parent = parentOf(root, tokens);
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) parent[arrayIndexOf(last)!] = value;
  else setOwn(parent, last, value);
  return root;
}

function remove(root: unknown, tokens: string[]): unknown {
  if (tokens.length === 0) throw new JsonPatchError('cannot remove the document root');
  const parent = parentOf(root, tokens);
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const idx = arrayIndexOf(last);
    if (idx === null || idx >= parent.length) throw new JsonPatchError(`no array element "${last}" to remove (length ${parent.length})`);
    parent.splice(idx, 1);
  } else {
    if (!hasOwn(parent, last)) throw new JsonPatchError('no value to remove');
    delete parent[last];
  }
  return root;
}
