import { CHANGE_ME_PREFIX } from '../checks/helpers/fix';
import { isPlainObject } from './deep';
import { escapePointerToken } from './json-pointer';

/**
 * Input fixes mark each value the owner must choose with `<CHANGE-ME: what>` (report-schema.md),
 * so a tool can refuse to apply a patch that still holds one.
 */
export interface ChangeMe {
  /** JSON pointer to the value (inside whatever was searched). */
  path: string;
  /** The placeholder as written, e.g. `<CHANGE-ME: memory limit, e.g. 512Mi>`. */
  placeholder: string;
  /** What to fill in: the text after the prefix. */
  what: string;
}


/** Every placeholder in a JSON value (strings and member names), with its JSON pointer. */
export function findChangeMe(value: unknown, basePath = ''): ChangeMe[] {
  const out: ChangeMe[] = [];
  walk(value, basePath, out);
  return out;
}

function walk(v: unknown, path: string, out: ChangeMe[]): void {
  if (typeof v === 'string') {
    for (const p of placeholdersIn(v)) out.push({ path, ...p });
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => walk(x, `${path}/${i}`, out));
  } else if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      const p = `${path}/${escapePointerToken(k)}`;
      if (k.includes(CHANGE_ME_PREFIX)) walk(k, p, out);
      walk(x, p, out);
    }
  }
}

/** True when a value, or a text (a rendered patch, a file), still holds a placeholder. */
export function containsChangeMe(v: unknown): boolean {
  return (typeof v === 'string' ? v : JSON.stringify(v ?? null)).includes(CHANGE_ME_PREFIX);
}

/**
 * The placeholders of a string. The text may itself hold angle brackets
 * (`<CHANGE-ME: a directory, e.g. /var/cache/<app>>`), so a placeholder ends at the `>` that
 * balances its `<`; an unterminated one runs to the end of the string (and still blocks).
 */
export function placeholdersIn(s: string): { placeholder: string; what: string }[] {
  const out: { placeholder: string; what: string }[] = [];
  let from = s.indexOf(CHANGE_ME_PREFIX);
  while (from >= 0) {
    let depth = 1;
    let end = s.length;
    for (let i = from + CHANGE_ME_PREFIX.length; i < s.length; i++) {
      if (s[i] === '<') depth++;
      else if (s[i] === '>' && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    const placeholder = s.slice(from, end);
    out.push({ placeholder, what: placeholder.slice(CHANGE_ME_PREFIX.length, placeholder.endsWith('>') && depth === 0 ? -1 : undefined) });
    from = s.indexOf(CHANGE_ME_PREFIX, end);
  }
  return out;
}
