import type { JsonPatchOp } from '../checks/types';
import { deepClone, deepEqual, isPlainObject } from './deep';
import { escapePointerToken, parsePointer } from './json-pointer';

/**
 * The smallest practical RFC 6902 patch that turns `before` into `after`:
 * objects are diffed key by key, arrays element-wise when their length is unchanged or they only
 * grew or shrank at the end; anything else is replaced whole.
 */
export function diffJsonPatch(before: unknown, after: unknown, basePath = ''): JsonPatchOp[] {
  if (deepEqual(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const ops: JsonPatchOp[] = [];
    for (const key of Object.keys(before)) {
      if (!(key in after)) ops.push({ op: 'remove', path: `${basePath}/${escapePointerToken(key)}` });
    }
    for (const key of Object.keys(after)) {
      const p = `${basePath}/${escapePointerToken(key)}`;
      if (!(key in before)) ops.push({ op: 'add', path: p, value: deepClone(after[key]) });
      else ops.push(...diffJsonPatch(before[key], after[key], p));
    }
    return ops;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const common = Math.min(before.length, after.length);
    const prefixOps: JsonPatchOp[] = [];
    let changedInCommon = 0;
    for (let i = 0; i < common; i++) {
      const sub = diffJsonPatch(before[i], after[i], `${basePath}/${i}`);
      if (sub.length) changedInCommon++;
      prefixOps.push(...sub);
    }
    // A list that changed everywhere is clearer (and no larger) as one replace.
    if (common > 0 && changedInCommon === common && before.length !== after.length) {
      return [{ op: 'replace', path: basePath, value: deepClone(after) }];
    }
    const ops = [...prefixOps];
    for (let i = common; i < after.length; i++) ops.push({ op: 'add', path: `${basePath}/${i}`, value: deepClone(after[i]) });
    for (let i = before.length - 1; i >= common; i--) ops.push({ op: 'remove', path: `${basePath}/${i}` });
    return ops;
  }
  if (basePath === '') return [{ op: 'replace', path: '', value: deepClone(after) }];
  return [{ op: 'replace', path: basePath, value: deepClone(after) }];
}

export class JsonPatchError extends Error {}

/** Apply an RFC 6902 patch to a copy of `doc` and return it. Throws JsonPatchError on a bad op. */
export function applyJsonPatch<T>(doc: T, ops: readonly JsonPatchOp[]): T {
  let root: unknown = deepClone(doc);
  for (const op of ops) {
    root = applyOp(root, op);
  }
  return root as T;
}

function applyOp(root: unknown, op: JsonPatchOp): unknown {
  const tokens = parsePointer(op.path);
  switch (op.op) {
    case 'add':
      return write(root, tokens, deepClone(op.value), 'add', op.path);
    case 'replace':
      if (tokens.length && readAt(root, tokens) === undefined) throw new JsonPatchError(`replace: no value at ${op.path}`);
      return write(root, tokens, deepClone(op.value), 'replace', op.path);
    case 'remove':
      return remove(root, tokens, op.path);
    case 'test':
      if (!deepEqual(readAt(root, tokens), op.value)) throw new JsonPatchError(`test failed at ${op.path}`);
      return root;
    case 'copy':
    case 'move': {
      const from = parsePointer(op.from);
      const value = readAt(root, from);
      if (value === undefined) throw new JsonPatchError(`${op.op}: no value at ${op.from}`);
      const next = op.op === 'move' ? remove(root, from, op.from) : root;
      return write(next, tokens, deepClone(value), 'add', op.path);
    }
  }
}

function readAt(root: unknown, tokens: string[]): unknown {
  let cur = root;
  for (const t of tokens) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t];
    else return undefined;
  }
  return cur;
}

function parentOf(root: unknown, tokens: string[], path: string): unknown {
  const parent = readAt(root, tokens.slice(0, -1));
  if (!Array.isArray(parent) && !isPlainObject(parent)) throw new JsonPatchError(`no parent container for ${path}`);
  return parent;
}

function write(root: unknown, tokens: string[], value: unknown, mode: 'add' | 'replace', path: string): unknown {
  if (tokens.length === 0) return value;
  const parent = parentOf(root, tokens, path);
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const idx = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(idx) || idx < 0 || idx > parent.length) throw new JsonPatchError(`bad array index in ${path}`);
    if (mode === 'add') parent.splice(idx, 0, value);
    else parent[idx] = value;
  } else {
    (parent as Record<string, unknown>)[last] = value;
  }
  return root;
}

function remove(root: unknown, tokens: string[], path: string): unknown {
  if (tokens.length === 0) throw new JsonPatchError('cannot remove the document root');
  const parent = parentOf(root, tokens, path);
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const idx = Number(last);
    if (!Number.isInteger(idx) || idx < 0 || idx >= parent.length) throw new JsonPatchError(`remove: no element at ${path}`);
    parent.splice(idx, 1);
  } else {
    if (!(last in (parent as object))) throw new JsonPatchError(`remove: no value at ${path}`);
    delete (parent as Record<string, unknown>)[last];
  }
  return root;
}
