import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonPatchOp } from '../checks/types';
import { applyJsonPatch, diffJsonPatch, JsonPatchError } from './json-patch';
import { getAtPointer, parsePointer, pointer } from './json-pointer';

/** Ops as untrusted input (what a user file holds), not as the typed union. */
const ops = (x: unknown) => x as JsonPatchOp[];

describe('RFC 6902 appendix A', () => {
  const ok: [string, unknown, unknown[], unknown][] = [
    ['A.1 add an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { baz: 'qux', foo: 'bar' }],
    ['A.2 add an array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
    ['A.3 remove an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
    ['A.4 remove an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
    ['A.5 replace a value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
    [
      'A.6 move a value',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    ['A.7 move an array element', { foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }], { foo: ['all', 'cows', 'eat', 'grass'] }],
    ['A.8 test a value', { baz: 'qux', foo: ['a', 2, 'c'] }, [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }], { baz: 'qux', foo: ['a', 2, 'c'] }],
    ['A.10 add a nested member object', { foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
    ['A.11 ignore unrecognized elements', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], { foo: 'bar', baz: 'qux' }],
    ['A.14 ~ escape ordering', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
    ['A.16 add an array value', { foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], { foo: ['bar', ['abc', 'def']] }],
    ['add replaces an existing member', { a: 1 }, [{ op: 'add', path: '/a', value: 2 }], { a: 2 }],
    ['add at the end index', { a: [1] }, [{ op: 'add', path: '/a/1', value: 2 }], { a: [1, 2] }],
    ['add replaces the root', { a: 1 }, [{ op: 'add', path: '', value: [1] }], [1]],
    ['replace the root', { a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }], { b: 2 }],
    ['replace with null', { a: 1 }, [{ op: 'replace', path: '/a', value: null }], { a: null }],
    ['test a null value', { a: null }, [{ op: 'test', path: '/a', value: null }], { a: null }],
    ['test the whole document', { a: [1, { b: 2 }] }, [{ op: 'test', path: '', value: { a: [1, { b: 2 }] } }], { a: [1, { b: 2 }] }],
    ['copy an object', { a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }], { a: { b: 1 }, c: { b: 1 } }],
    ['copy into an array', { a: [1, 2] }, [{ op: 'copy', from: '/a/0', path: '/a/-' }], { a: [1, 2, 1] }],
    ['move to the same place', { a: 1 }, [{ op: 'move', from: '/a', path: '/a' }], { a: 1 }],
    ['move up a level', { a: { b: { c: 1 } } }, [{ op: 'move', from: '/a/b', path: '/a' }], { a: { c: 1 } }],
    ['keys with / and ~', {}, [{ op: 'add', path: '/a~1b~0c', value: 1 }], { 'a/b~c': 1 }],
    ['empty-string key', {}, [{ op: 'add', path: '/', value: 1 }], { '': 1 }],
    ['inherited names are ordinary members', {}, [{ op: 'add', path: '/__proto__', value: { x: 1 } }, { op: 'add', path: '/constructor', value: 2 }], JSON.parse('{"__proto__":{"x":1},"constructor":2}')],
  ];
  it.each(ok)('%s', (_name, doc, patch, expected) => {
    const copy = JSON.parse(JSON.stringify(doc));
    expect(applyJsonPatch(doc, ops(patch))).toStrictEqual(expected);
    expect(doc).toStrictEqual(copy); // the input is not modified
  });

  it('__proto__ stays a member, not the prototype', () => {
    const out = applyJsonPatch({}, ops([{ op: 'add', path: '/__proto__', value: { polluted: true } }])) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const bad: [string, unknown, unknown[]][] = [
    ['A.9 test error', { baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }]],
    ['A.12 adding to a nonexistent target', { foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }]],
    ['A.15 strings and numbers differ', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }]],
    ['remove a missing member', { a: 1 }, [{ op: 'remove', path: '/b' }]],
    ['remove an inherited name', { a: 1 }, [{ op: 'remove', path: '/toString' }]],
    ['remove past the end', { a: [1] }, [{ op: 'remove', path: '/a/1' }]],
    ['remove with "-"', { a: [1] }, [{ op: 'remove', path: '/a/-' }]],
    ['remove the root', { a: 1 }, [{ op: 'remove', path: '' }]],
    ['replace a missing member', { a: 1 }, [{ op: 'replace', path: '/b', value: 1 }]],
    ['replace an inherited name', {}, [{ op: 'replace', path: '/constructor', value: 1 }]],
    ['add past the end', { a: [1] }, [{ op: 'add', path: '/a/2', value: 1 }]],
    ['leading zero index', { a: [1, 2] }, [{ op: 'add', path: '/a/01', value: 1 }]],
    ['negative index', { a: [1, 2] }, [{ op: 'add', path: '/a/-1', value: 1 }]],
    ['non-numeric index', { a: [1, 2] }, [{ op: 'replace', path: '/a/x', value: 1 }]],
    ['add into a scalar', { a: 1 }, [{ op: 'add', path: '/a/b', value: 1 }]],
    ['test a missing value', { a: 1 }, [{ op: 'test', path: '/b', value: null }]],
    ['test array length', { a: [1, 2] }, [{ op: 'test', path: '/a', value: [1] }]],
    ['move from a missing value', { a: 1 }, [{ op: 'move', from: '/b', path: '/c' }]],
    ['move into its own child', { a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/b/c' }]],
    ['copy from a missing value', { a: 1 }, [{ op: 'copy', from: '/b', path: '/c' }]],
    ['unknown op', { a: 1 }, [{ op: 'merge', path: '/a', value: 1 }]],
    ['missing op', { a: 1 }, [{ path: '/a', value: 1 }]],
    ['missing value', { a: 1 }, [{ op: 'add', path: '/b' }]],
    ['missing from', { a: 1 }, [{ op: 'copy', path: '/b' }]],
    ['path not a pointer', { a: 1 }, [{ op: 'add', path: 'a', value: 1 }]],
    ['bad escape', { a: 1 }, [{ op: 'add', path: '/a~2', value: 1 }]],
    ['a later op fails', { a: 1 }, [{ op: 'add', path: '/b', value: 2 }, { op: 'remove', path: '/c' }]],
  ];
  it.each(bad)('%s', (_name, doc, patch) => {
    const copy = JSON.parse(JSON.stringify(doc));
    expect(() => applyJsonPatch(doc, ops(patch))).toThrow(JsonPatchError);
    expect(doc).toStrictEqual(copy);
  });

  it('rejects a patch that is not an array', () => {
    expect(() => applyJsonPatch({}, ops({ op: 'add', path: '/a', value: 1 }))).toThrow(JsonPatchError);
  });
});

describe('RFC 6901 pointers', () => {
  const doc = { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'c%d': 2, 'e^f': 3, 'g|h': 4, 'i\\j': 5, 'k"l': 6, ' ': 7, 'm~n': 8 };
  it.each([
    ['', doc],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
  ] as const)('%s', (ptr, value) => {
    expect(getAtPointer(doc, ptr)).toStrictEqual(value);
  });
  it('round-trips tokens', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (tokens) => {
        expect(parsePointer(pointer(...tokens))).toEqual(tokens);
      }),
    );
  });
  it('rejects malformed pointers', () => {
    for (const p of ['foo', '/~', '/a~2b', '/~x']) expect(() => parsePointer(p)).toThrow();
  });
});

describe('diffJsonPatch', () => {
  it('emits one op for one element inserted or removed mid-list', () => {
    const before = { env: [{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }] };
    expect(diffJsonPatch(before, { env: [{ name: 'A' }, { name: 'X' }, { name: 'B' }, { name: 'C' }, { name: 'D' }] })).toEqual([{ op: 'add', path: '/env/1', value: { name: 'X' } }]);
    expect(diffJsonPatch(before, { env: [{ name: 'A' }, { name: 'C' }, { name: 'D' }] })).toEqual([{ op: 'remove', path: '/env/1' }]);
  });
  it('diffs a changed element in place', () => {
    expect(diffJsonPatch({ c: [{ name: 'a', image: 'x:1' }] }, { c: [{ name: 'a', image: 'x:2' }] })).toEqual([{ op: 'replace', path: '/c/0/image', value: 'x:2' }]);
  });
  it('replaces a list that changed everywhere', () => {
    expect(diffJsonPatch({ a: [1, 2, 3] }, { a: [4, 5] })).toEqual([{ op: 'replace', path: '/a', value: [4, 5] }]);
  });
  it('escapes member names', () => {
    expect(diffJsonPatch({}, { 'a/b': 1, '~': 2 })).toEqual([
      { op: 'add', path: '/a~1b', value: 1 },
      { op: 'add', path: '/~0', value: 2 },
    ]);
  });
  it('sees inherited names as absent', () => {
    const after = JSON.parse('{"toString":1,"__proto__":2}');
    expect(applyJsonPatch({}, diffJsonPatch({}, after))).toStrictEqual(after);
    expect(applyJsonPatch(after, diffJsonPatch(after, {}))).toStrictEqual({});
  });
  it('is empty for equal documents', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(diffJsonPatch(v, norm(v))).toEqual([]);
      }),
    );
  });
  it('applyJsonPatch(a, diffJsonPatch(a, b)) equals b', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 }), (a, b) => {
        expect(applyJsonPatch(a, diffJsonPatch(a, b))).toStrictEqual(norm(b));
      }),
      { numRuns: 400 },
    );
  });
  it('round-trips small edits of one document (the common case)', () => {
    const edited = fc.jsonValue({ maxDepth: 4 }).chain((a) => fc.tuple(fc.constant(a), mutate(a)));
    fc.assert(
      fc.property(edited, ([a, b]) => {
        const patch = diffJsonPatch(a, b);
        expect(applyJsonPatch(a, patch)).toStrictEqual(norm(b));
      }),
      { numRuns: 400 },
    );
  });
});

/** JSON's view of a value (-0 is 0). */
const norm = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/** An arbitrary edit of `v`: insert, delete or change somewhere inside it. */
function mutate(v: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(v)) {
    return fc.oneof(
      fc.tuple(fc.nat(v.length), fc.jsonValue({ maxDepth: 2 })).map(([i, x]) => [...v.slice(0, i), x, ...v.slice(i)]),
      ...(v.length ? [fc.nat(v.length - 1).map((i) => v.filter((_, j) => j !== i))] : []),
      ...(v.length ? [fc.nat(v.length - 1).chain((i) => mutate(v[i]).map((x) => v.map((y, j) => (j === i ? x : y))))] : []),
    );
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    return fc.oneof(
      fc.tuple(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })).map(([k, x]) => ({ ...o, [k]: x })),
      ...(keys.length ? [fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(o).filter(([kk]) => kk !== k)))] : []),
      ...(keys.length ? [fc.constantFrom(...keys).chain((k) => mutate(o[k]).map((x) => ({ ...o, [k]: x })))] : []),
    );
  }
  return fc.jsonValue({ maxDepth: 2 });
}
