/** RFC 6901 JSON pointers (https://www.rfc-editor.org/rfc/rfc6901). */
import { getOwn, isPlainObject } from './deep';

export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${escapePointerToken(t)}`).join('');
}

export class JsonPointerError extends Error {}

/** Split a pointer into unescaped tokens. `~` must be followed by 0 or 1 (RFC 6901 §3). */
export function parsePointer(ptr: string): string[] {
  if (typeof ptr !== 'string') throw new JsonPointerError(`Invalid JSON pointer: ${JSON.stringify(ptr)} is not a string`);
  if (ptr === '') return [];
  if (!ptr.startsWith('/')) throw new JsonPointerError(`Invalid JSON pointer "${ptr}": must start with "/"`);
  if (/~(?![01])/.test(ptr)) throw new JsonPointerError(`Invalid JSON pointer "${ptr}": "~" must be followed by 0 or 1`);
  return ptr
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** An array index token: "0" or a number without leading zeros (RFC 6901 §4), else null. */
export function arrayIndexOf(token: string): number | null {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : null;
}

/** The value the tokens designate (own members only), or undefined. */
export function getAtTokens(doc: unknown, tokens: readonly string[]): unknown {
  let cur: unknown = doc;
  for (const tok of tokens) {
    if (Array.isArray(cur)) {
      const i = arrayIndexOf(tok);
      cur = i === null ? undefined : cur[i];
    } else if (isPlainObject(cur)) cur = getOwn(cur, tok);
    else return undefined;
  }
  return cur;
}

/** The value a pointer designates, or undefined. */
export function getAtPointer(doc: unknown, ptr: string): unknown {
  return getAtTokens(doc, parsePointer(ptr));
}
