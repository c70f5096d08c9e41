import { setOwn, type PlainObject } from './deep';

/**
 * Copy-on-write editing of a plain JSON tree: `editCopy(base, edit)` hands `edit` a draft that
 * behaves like a deep copy of `base` (reads see base's values; every write, delete or array method
 * lands on a private shallow copy of the node written and of its ancestors), and returns the
 * edited tree. Untouched subtrees are base's own objects, so a diff of base against the result
 * stops at `===` instead of walking (and the copy costs nothing for what the edit never reads).
 *
 * The result equals `edit(JSON.parse(JSON.stringify(base)))` only for a JSON-clean base (plain
 * objects and arrays, strings, finite numbers, booleans, null; no `undefined` member, no shared
 * node): `isJsonClean` tells; callers fall back to the JSON copy otherwise.
 *
 * Like a deep copy, the draft is independent of base: an edit never modifies base (unless it
 * writes into base's objects it got from elsewhere than the draft, which would have modified
 * base with a deep copy too). Values the edit creates are kept as they are; drafts it stores in
 * them are replaced by their results.
 */

interface State {
  base: Draftable;
  /** Shallow copy of base, made on the first write to this node or below; its slots hold drafts or base's values. */
  copy: Draftable | null;
  /** Drafts of base's children by key, until the copy exists (then they live in its slots). */
  children: Map<string, Draftable> | null;
  modified: boolean;
  parent: State | null;
  done: boolean;
  result: unknown;
}

type Draftable = PlainObject | unknown[];

const hasOwnProp = Object.prototype.hasOwnProperty;
/**
 * A draft's state: stored on its proxy target (a stand-in: an empty array for arrays, so
 * Array.isArray sees an array), and read through the proxy with the same symbol (a plain object
 * has no such member). No WeakMaps: a scan makes a million drafts, and weak tables are costly to GC.
 */
const STATE = Symbol('drydock.draftState');
function stateOf(v: object): State | undefined {
  return (v as { [STATE]?: State })[STATE];
}
function targetState(target: Draftable): State {
  return (target as { [STATE]?: State })[STATE]!;
}

function source(s: State): Draftable {
  return s.copy ?? s.base;
}
function prepare(s: State): Draftable {
  if (!s.copy) {
    s.copy = Array.isArray(s.base) ? s.base.slice() : { ...s.base };
    if (s.children) for (const [k, child] of s.children) setOwn(s.copy as PlainObject, k, child);
    s.children = null;
  }
  return s.copy;
}
function markModified(s: State | null): void {
  for (let cur = s; cur && !cur.modified; cur = cur.parent) {
    prepare(cur);
    cur.modified = true;
  }
}

function getValue(target: Draftable, key: string | symbol): unknown {
  const s = targetState(target);
  if (key === STATE) return s;
  const src = source(s) as PlainObject;
  const v = src[key as string];
  if (typeof key !== 'string' || typeof v !== 'object' || v === null || !hasOwnProp.call(src, key)) return v;
  if (stateOf(v)) return v; // already a draft
  // A base child seen for the first time: give it its own draft, kept so the same draft is
  // returned next time. Until this node is written, base's slots are where they were: keep it by
  // key; after that, in the copy's slot (so it moves when an array method shifts it).
  if (!s.copy) {
    let child = s.children?.get(key);
    if (!child) {
      child = draft(v as Draftable, s);
      (s.children ??= new Map()).set(key, child);
    }
    return child;
  }
  if (v === (s.base as PlainObject)[key] && hasOwnProp.call(s.base, key)) {
    const child = draft(v as Draftable, s);
    setOwn(s.copy as PlainObject, key, child);
    return child;
  }
  return v; // a value the edit created
}

const handler: ProxyHandler<Draftable> = {
  get: getValue,
  set(target, key, value) {
    const s = targetState(target);
    markModified(s);
    (s.copy as PlainObject)[key as string] = value;
    return true;
  },
  deleteProperty(target, key) {
    const s = targetState(target);
    markModified(s);
    return delete (s.copy as PlainObject)[key as string];
  },
  defineProperty(target, key, desc) {
    const s = targetState(target);
    markModified(s);
    return Reflect.defineProperty(s.copy!, key, desc);
  },
  has(target, key) {
    return key in source(targetState(target));
  },
  ownKeys(target) {
    return Reflect.ownKeys(source(targetState(target)));
  },
  getOwnPropertyDescriptor(target, key) {
    const d = Reflect.getOwnPropertyDescriptor(source(targetState(target)), key);
    if (d && 'value' in d) d.value = getValue(target, key);
    return d;
  },
  getPrototypeOf(target) {
    return Reflect.getPrototypeOf(targetState(target).base);
  },
  setPrototypeOf() {
    return false;
  },
  preventExtensions() {
    return false;
  },
};

function draft(base: Draftable, parent: State | null): Draftable {
  const target: Draftable = Array.isArray(base) ? [] : {};
  const s: State = { base, copy: null, children: null, modified: false, parent, done: false, result: undefined };
  Object.defineProperty(target, STATE, { value: s, configurable: true });
  return new Proxy(target, handler);
}

function finalize(s: State, walked: Set<object>): unknown {
  if (s.done) return s.result;
  s.done = true;
  if (!s.modified) {
    s.result = s.base;
    return s.result;
  }
  const copy = s.copy!;
  s.result = copy;
  fixSlots(copy, s.base, walked);
  return copy;
}

/** Replace drafts in `node`'s slots by their results; walk values the edit created. */
function fixSlots(node: Draftable, base: Draftable | null, walked: Set<object>): void {
  for (const k of Object.keys(node)) {
    const v = (node as PlainObject)[k];
    if (typeof v !== 'object' || v === null) continue;
    const st = stateOf(v);
    if (st) {
      const r = finalize(st, walked);
      if (r !== v) setOwn(node as PlainObject, k, r);
    } else if (base && v === (base as PlainObject)[k] && hasOwnProp.call(base, k)) {
      // base's own child, untouched
    } else if (!walked.has(v)) {
      walked.add(v);
      fixSlots(v as Draftable, null, walked);
    }
  }
}

export function editCopy<T>(base: T, edit: (draft: T) => void): T {
  if (typeof base !== 'object' || base === null) {
    edit(base);
    return base;
  }
  const root = draft(base as Draftable, null);
  edit(root as T);
  return finalize(stateOf(root)!, new Set()) as T;
}

/**
 * A tree equals its JSON copy: plain objects and arrays only (no other prototype, no holes, no
 * symbol-keyed or non-enumerable members), strings, finite numbers, booleans and null (no
 * `undefined` member, no -0), nested at most 1,000 deep (so no cycle).
 */
export function isJsonClean(v: unknown): boolean {
  return clean(v, 0);
}

function clean(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object': {
      if (v === null) return true;
      if (depth > 1000) return false;
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype) return false;
        const n = v.length;
        if (Reflect.ownKeys(v).length !== n + 1) return false;
        for (let i = 0; i < n; i++) if (!clean(v[i], depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      const keys = Object.keys(v);
      if (Reflect.ownKeys(v).length !== keys.length) return false;
      for (const k of keys) if (!clean((v as PlainObject)[k], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}
