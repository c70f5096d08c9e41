/** Structural helpers for plain JSON values. */
export type PlainObject = Record<string, unknown>;

export function isPlainObject(v: unknown): v is PlainObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Own-property test. `key in obj` also sees inherited names (`toString`, `constructor`,
 * `__proto__`), which are perfectly valid JSON member names in untrusted input.
 */
export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Read an own member only (never an inherited one). */
export function getOwn(obj: PlainObject, key: string): unknown {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * Set a member as an own data property. Plain assignment of `__proto__` would replace the
 * prototype instead of creating the member JSON.parse would have created.
 */
export function setOwn(obj: PlainObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * A deep copy with the semantics of a JSON round trip (`JSON.parse(JSON.stringify(v))`): drops
 * `undefined` (and function, symbol) members, turns them into null in arrays, non-finite numbers
 * into null and -0 into 0, and keeps `__proto__` as an own member. Plain objects and arrays are
 * copied directly (several times faster than the round trip); anything else (a Date, a class
 * instance, a `toJSON` method, a bigint, very deep nesting or a cycle) takes the round trip itself.
 */
export function deepClone<T>(v: T): T {
  if (v === undefined) return v;
  try {
    return cloneValue(v, 0) as T;
  } catch (e) {
    if (e !== BAIL) throw e;
    return JSON.parse(JSON.stringify(v)) as T;
  }
}

const BAIL = Symbol('deepClone.bail');
const OMIT = Symbol('deepClone.omit');
const objectProto = Object.prototype;
const arrayProto = Array.prototype;

/** The copy of one value; `OMIT` where JSON would leave the member out. */
function cloneValue(v: unknown, depth: number): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return OMIT;
    case 'object': {
      if (v === null) return null;
      if (depth > 1000) throw BAIL;
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== arrayProto || typeof (v as { toJSON?: unknown }).toJSON === 'function') throw BAIL;
        const n = v.length;
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) {
          const c = cloneValue(v[i], depth + 1);
          out.push(c === OMIT ? null : c);
        }
        return out;
      }
      if (Object.getPrototypeOf(v) !== objectProto || typeof (v as { toJSON?: unknown }).toJSON === 'function') throw BAIL;
      const out: PlainObject = {};
      for (const k of Object.keys(v)) {
        const c = cloneValue((v as PlainObject)[k], depth + 1);
        if (c === OMIT) continue;
        if (k === '__proto__') setOwn(out, k, c);
        else out[k] = c;
      }
      return out;
    }
    default:
      throw BAIL; // bigint: the round trip throws its own TypeError
  }
}

