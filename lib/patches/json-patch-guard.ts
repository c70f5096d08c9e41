import type { JsonPatchOp } from '../checks/types';
import { getOwn, isPlainObject } from './deep';
import { arrayIndexOf, escapePointerToken, parsePointer } from './json-pointer';
import { mergeKeyFor } from './merge-keys';

/**
 * JSON Patch addresses list elements by index. Applied to a live object whose containers (or env,
 * volumes…) are not in the order the scan saw — a sidecar injected in front, a base that changed
 * under a kustomize overlay — `/containers/0` is another container. A `test` op on the element's
 * merge key (`name`, `mountPath`…) before the patch makes it fail instead of editing the wrong
 * element (RFC 6902 §4.6).
 *
 * The tests all come first and check `before`, so `ops` must be a patch computed against `before`
 * whose ops never address an element after an earlier op shifted its list — what
 * `diffJsonPatch` emits (in-place edits first, then inserts and removals past them).
 */
export function guardJsonPatch(ops: readonly JsonPatchOp[], before: unknown, kind: string): JsonPatchOp[] {
  const tests = new Map<string, JsonPatchOp>();
  for (const op of ops) {
    addGuards(tests, op.path, op.op === 'add' || op.op === 'copy' || op.op === 'move', before, kind);
    if (op.op === 'move') addGuards(tests, op.from, false, before, kind);
  }
  return [...tests.values(), ...ops];
}

function addGuards(tests: Map<string, JsonPatchOp>, path: string, insertsAtEnd: boolean, before: unknown, kind: string): void {
  const tokens = parsePointer(path);
  let cur: unknown = before;
  const keys: string[] = [];
  let ptr = '';
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const last = i === tokens.length - 1;
    if (Array.isArray(cur)) {
      const idx = arrayIndexOf(tok);
      // The last token of an add is an insertion point, not an element.
      if (idx === null || (last && insertsAtEnd)) return;
      const el = cur[idx];
      const key = mergeKeyFor(keys, kind);
      if (key && isPlainObject(el) && el[key] !== undefined) {
        const p = `${ptr}/${idx}/${escapePointerToken(key)}`;
        if (!tests.has(p)) tests.set(p, { op: 'test', path: p, value: el[key] });
      }
      cur = el;
    } else if (isPlainObject(cur)) {
      keys.push(tok);
      cur = getOwn(cur, tok);
    } else return;
    ptr += `/${escapePointerToken(tok)}`;
  }
}
