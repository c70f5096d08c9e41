/**
 * A small, conservative reader of POSIX shell command strings — enough to tell what an
 * `sh -c "…"` script runs last, whether it `exec`s it, and what an exec probe's script calls.
 * It never evaluates anything: expansions (`$VAR`, `$(…)`, backquotes) are kept as written and flagged.
 * Input it does not understand (here-documents, unbalanced quotes) yields null, and callers then
 * make no claim. Grammar: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html
 */

export interface ShellWord {
  /** The word with quotes removed (expansions kept verbatim). */
  value: string;
  /** Offsets of the word in the script. */
  start: number;
  end: number;
  /** Any part of the word was quoted. */
  quoted: boolean;
  /** The word contains an unquoted or double-quoted `$…` or a backquote: its value is only known at run time. */
  expands: boolean;
  /** The word starts with an unquoted `NAME=` (an assignment when it comes before the command name). */
  assigns: boolean;
}

export type ShellToken = ({ kind: 'word' } & ShellWord) | { kind: 'op'; value: string; start: number; end: number };

const OPERATORS = ['&&', '||', ';;', '|&', '&>>', '&>', '>>', '<<', '>&', '<&', '>|', '<>', ';', '&', '|', '(', ')', '<', '>', '\n'];
const REDIRECTIONS = new Set(['>', '>>', '<', '>&', '<&', '>|', '<>', '&>', '&>>']);

/** Split a script into words and operators, or null for what this reader does not support. */
export function tokenizeShell(script: string): ShellToken[] | null {
  const out: ShellToken[] = [];
  let i = 0;
  const n = script.length;
  while (i < n) {
    const ch = script[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '\\' && script[i + 1] === '\n') {
      i += 2; // line continuation
      continue;
    }
    if (ch === '#') {
      while (i < n && script[i] !== '\n') i++;
      continue;
    }
    // An fd number directly before a redirection (`2>&1`) belongs to the operator.
    const fd = /^\d+(?=[<>])/.exec(script.slice(i));
    const opAt = fd ? i + fd[0].length : i;
    const op = OPERATORS.find((o) => script.startsWith(o, opAt));
    if (op && (fd === null || REDIRECTIONS.has(op) || op === '<<')) {
      if (op === '<<') return null; // here-documents: not supported
      out.push({ kind: 'op', value: op, start: i, end: opAt + op.length });
      i = opAt + op.length;
      continue;
    }
    const word = readWord(script, i);
    if (!word) return null;
    out.push({ kind: 'word', ...word });
    i = word.end;
  }
  return out;
}

function readWord(s: string, start: number): ShellWord | null {
  let i = start;
  let value = '';
  let quoted = false;
  let expands = false;
  const assigns = /^[A-Za-z_][A-Za-z0-9_]*=/.test(s.slice(start, start + 256));
  while (i < s.length) {
    const ch = s[i]!;
    if (' \t\r\n;&|()<>'.includes(ch)) break;
    if (ch === '\\') {
      if (i + 1 >= s.length) return null;
      value += s[i + 1];
      quoted = true;
      i += 2;
    } else if (ch === "'") {
      const close = s.indexOf("'", i + 1);
      if (close < 0) return null;
      value += s.slice(i + 1, close);
      quoted = true;
      i = close + 1;
    } else if (ch === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= s.length) return null;
        const c = s[i]!;
        if (c === '"') {
          i++;
          break;
        }
        if (c === '\\' && i + 1 < s.length && '$`"\\\n'.includes(s[i + 1]!)) {
          if (s[i + 1] !== '\n') value += s[i + 1];
          i += 2;
          continue;
        }
        if (c === '$' || c === '`') {
          const end = skipExpansion(s, i);
          if (end === null) return null;
          if (end > i + 1) expands = true;
          value += s.slice(i, end);
          i = end;
          continue;
        }
        value += c;
        i++;
      }
    } else if (ch === '$' || ch === '`') {
      const end = skipExpansion(s, i);
      if (end === null) return null;
      if (end > i + 1) expands = true;
      value += s.slice(i, end);
      i = end;
    } else {
      value += ch;
      i++;
    }
  }
  return { value, start, end: i, quoted, expands, assigns };
}

/** End offset of the expansion starting at `i` (`$x`, `${…}`, `$(…)`, `$((…))`, `` `…` ``); a lone `$` is literal. */
function skipExpansion(s: string, i: number): number | null {
  if (s[i] === '`') {
    const close = s.indexOf('`', i + 1);
    return close < 0 ? null : close + 1;
  }
  const next = s[i + 1];
  if (next === '{' || next === '(') {
    const open = next;
    const close = open === '{' ? '}' : ')';
    let depth = 0;
    for (let j = i + 1; j < s.length; j++) {
      const c = s[j];
      if (c === "'" && open === '(') {
        const q = s.indexOf("'", j + 1);
        if (q < 0) return null;
        j = q;
      } else if (c === open) depth++;
      else if (c === close && --depth === 0) return j + 1;
    }
    return null;
  }
  if (next !== undefined && /[A-Za-z_]/.test(next)) {
    let j = i + 1;
    while (j < s.length && /[A-Za-z0-9_]/.test(s[j]!)) j++;
    return j;
  }
  if (next !== undefined && /[0-9@*#?$!-]/.test(next)) return i + 2;
  return i + 1;
}

/** One simple command: assignments, words and redirections. */
export interface SimpleCommand {
  assignments: ShellWord[];
  words: ShellWord[];
  redirects: { op: string; target: ShellWord | null }[];
  start: number;
  end: number;
}

/**
 * One element of the top-level list, with the operator that follows it (`;`, newline, `&&`, `||`, `&`,
 * or null for the last one). A pipeline holds several commands; a compound command (if/while/for/case,
 * `{ …; }`, `( … )`, a function definition) is opaque.
 */
export interface ListItem {
  kind: 'simple' | 'pipeline' | 'compound';
  commands: SimpleCommand[];
  /** The operator after this item. */
  next: string | null;
  start: number;
  end: number;
}

const OPENERS = new Map([
  ['if', 'fi'],
  ['case', 'esac'],
  ['while', 'done'],
  ['until', 'done'],
  ['for', 'done'],
  ['select', 'done'],
  ['{', '}'],
]);
const COMMAND_POSITION_AFTER = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '{', '!', 'time']);

/** The top-level list of a script, or null when it cannot be read. */
export function parseShellList(script: string): ListItem[] | null {
  const tokens = tokenizeShell(script);
  if (!tokens) return null;
  const items: ListItem[] = [];
  let i = 0;
  const skipNewlines = () => {
    while (i < tokens.length && tokens[i]!.kind === 'op' && tokens[i]!.value === '\n') i++;
  };
  skipNewlines();
  while (i < tokens.length) {
    const first = tokens[i]!;
    let item: ListItem;
    const body = compoundBody(tokens, i);
    if (body !== null) {
      const end = compoundEnd(tokens, body);
      if (end === null) return null;
      item = { kind: 'compound', commands: [], next: null, start: first.start, end: tokens[end - 1]!.end };
      i = end;
      // Redirections after a compound command belong to it.
      while (i < tokens.length && tokens[i]!.kind === 'op' && REDIRECTIONS.has(tokens[i]!.value)) i += 2;
    } else {
      const commands: SimpleCommand[] = [];
      for (;;) {
        const r = readSimple(tokens, i);
        if (!r) return null;
        commands.push(r.cmd);
        i = r.next;
        const t = tokens[i];
        if (t?.kind === 'op' && (t.value === '|' || t.value === '|&')) {
          i++;
          skipNewlines();
          if (compoundBody(tokens, i) !== null) return null; // `… | while read …`: not modelled
          continue;
        }
        break;
      }
      item = { kind: commands.length > 1 ? 'pipeline' : 'simple', commands, next: null, start: first.start, end: commands[commands.length - 1]!.end };
    }
    const t = tokens[i];
    if (t && t.kind === 'op') {
      if (![';', '\n', '&&', '||', '&'].includes(t.value)) return null;
      item.next = t.value;
      i++;
      skipNewlines();
    } else if (t) return null;
    items.push(item);
  }
  // A trailing `;` or newline ends the list like nothing at all.
  const last = items[items.length - 1];
  if (last && (last.next === ';' || last.next === '\n')) last.next = null;
  return items;
}

/**
 * Where the compound command starting at `i` begins its body (`i` itself for if/while/for/case/`{`/`(`,
 * after the name for a function definition), or null when `i` starts a simple command.
 */
function compoundBody(tokens: ShellToken[], i: number): number | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.kind === 'op') return t.value === '(' ? i : null;
  if (t.quoted) return null;
  if (OPENERS.has(t.value)) return i;
  let body: number | null = null;
  const a = tokens[i + 1];
  const b = tokens[i + 2];
  if (t.value === 'function' && a?.kind === 'word') {
    body = i + 2; // `function name { …; }` (bash), optionally `function name() { …; }`
    const c = tokens[body];
    if (c?.kind === 'op' && c.value === '(' && tokens[body + 1]?.value === ')') body += 2;
  } else if (a?.kind === 'op' && a.value === '(' && b?.kind === 'op' && b.value === ')') {
    body = i + 3; // `name() { …; }`
  }
  if (body === null) return null;
  while (tokens[body]?.kind === 'op' && tokens[body]!.value === '\n') body++;
  return body < tokens.length ? body : null;
}

/** Index after the compound command starting at `i`, matching reserved words in command position. */
function compoundEnd(tokens: ShellToken[], i: number): number | null {
  const stack: string[] = [];
  let commandPos = true;
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!;
    const top = stack[stack.length - 1];
    if (t.kind === 'op') {
      // Parentheses inside `case` are pattern syntax, not subshells.
      if (top !== 'esac') {
        if (t.value === '(') stack.push(')');
        else if (t.value === ')') {
          if (top !== ')') return null;
          stack.pop();
        }
      }
      commandPos = !REDIRECTIONS.has(t.value);
      if (stack.length === 0) return j + 1;
      continue;
    }
    const w = t.quoted ? '' : t.value;
    const closer = OPENERS.get(w);
    if (commandPos && closer) stack.push(closer);
    else if (commandPos && top === w) {
      stack.pop();
      if (stack.length === 0) return j + 1;
    }
    commandPos = COMMAND_POSITION_AFTER.has(w);
  }
  return null;
}

function readSimple(tokens: ShellToken[], i: number): { cmd: SimpleCommand; next: number } | null {
  const cmd: SimpleCommand = { assignments: [], words: [], redirects: [], start: tokens[i]?.start ?? 0, end: tokens[i]?.end ?? 0 };
  let j = i;
  while (j < tokens.length) {
    const t = tokens[j]!;
    if (t.kind === 'op') {
      if (!REDIRECTIONS.has(t.value)) break;
      const target = tokens[j + 1];
      if (!target || target.kind !== 'word') return null;
      const { kind: _k, ...word } = target;
      cmd.redirects.push({ op: t.value, target: word });
      cmd.end = target.end;
      j += 2;
      continue;
    }
    const { kind: _k, ...word } = t;
    if (cmd.words.length === 0 && t.assigns) cmd.assignments.push(word);
    else cmd.words.push(word);
    cmd.end = t.end;
    j++;
  }
  if (j === i) return null;
  return { cmd, next: j };
}

/** The argv after `exec` (and its options `-a name`, `-c`, `-l`), or null when the command is not an exec of a program. */
export function execTarget(cmd: SimpleCommand): ShellWord[] | null {
  const w = cmd.words;
  if (w[0]?.value !== 'exec' || w[0].quoted) return null;
  let k = 1;
  while (k < w.length && w[k]!.value.startsWith('-')) {
    if (w[k]!.value === '--') {
      k++;
      break;
    }
    if (w[k]!.value === '-a') k++;
    k++;
  }
  return k < w.length ? w.slice(k) : null;
}
