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

/** A deep copy through JSON: drops `undefined` members and keeps `__proto__` as an own member. */
export function deepClone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}
