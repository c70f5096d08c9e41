/** RFC 6901 JSON pointers. */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${escapePointerToken(t)}`).join('');
}

export function parsePointer(ptr: string): string[] {
  if (ptr === '') return [];
  if (!ptr.startsWith('/')) throw new Error(`Invalid JSON pointer "${ptr}": must start with "/"`);
  return ptr
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value a pointer designates, or undefined. */
export function getAtPointer(doc: unknown, ptr: string): unknown {
  let cur: unknown = doc;
  for (const tok of parsePointer(ptr)) {
    if (Array.isArray(cur)) cur = cur[Number(tok)];
    else if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[tok];
    else return undefined;
  }
  return cur;
}
