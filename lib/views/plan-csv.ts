import { csvField } from '../report/render-csv';
import { checkPlanInput, type ImportRow, type PlanEntry } from '../store/plan';

/**
 * The migration plan as CSV: the import parser (what a spreadsheet saves: BOM, CRLF, quoted fields
 * with commas, quotes and line breaks) and the plan export, which the import reads back.
 *
 * Columns: `subject,owner,wave,target_date,note`. A subject is an app id
 * (cluster/namespace/kind/name, `app:` optional) or `group:<name>`; instead of `subject` a file may
 * have an `app` column (app ids) and/or a `group` column (group names). Line numbers in errors are
 * the file's lines (the header is line 1), so they match what an editor shows.
 */

export interface LineError {
  line: number;
  message: string;
}

export interface ParsedPlanCsv {
  rows: ImportRow[];
  errors: LineError[];
}

export const PLAN_CSV_COLUMNS = ['subject', 'owner', 'wave', 'target_date', 'note'] as const;

type Column = 'subject' | 'app' | 'group' | 'owner' | 'wave' | 'target_date' | 'note';
const ALIASES: Record<string, Column> = {
  subject: 'subject',
  app: 'app',
  app_id: 'app',
  application: 'app',
  group: 'group',
  owner: 'owner',
  wave: 'wave',
  target_date: 'target_date',
  targetdate: 'target_date',
  target: 'target_date',
  date: 'target_date',
  due: 'target_date',
  note: 'note',
  notes: 'note',
  comment: 'note',
};

/** RFC 4180 records with the line each starts on; an unterminated quote is reported, not guessed around. */
export function csvRecords(text: string): { records: { line: number; fields: string[] }[]; error: LineError | null } {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record (spreadsheets leave them at the end).
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && s[i + 1] !== '\n')) line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
    i++;
  }
  if (quoted) return { records, error: { line: quoteLine, message: 'a quoted field is never closed (a " is missing)' } };
  if (field !== '' || fields.length) endRecord();
  return { records, error: null };
}

const headerKey = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** A cell as typed: without the apostrophe CSV exports put before "-…" to keep spreadsheets from reading a formula. */
const unguard = (v: string | undefined) => v?.trim().replace(/^'(?=[=+\-@])/, '');

function subjectOf(cells: Partial<Record<Column, string>>): { subject: string } | { error: string } {
  const found: string[] = [];
  const subject = unguard(cells.subject);
  if (subject) {
    if (subject.startsWith('group:') || subject.startsWith('app:')) found.push(subject);
    else if (subject.split('/').length === 4) found.push(`app:${subject}`);
    else return { error: `subject "${subject.slice(0, 120)}" is neither an app id (cluster/namespace/kind/name) nor group:<name>` };
  }
  const app = unguard(cells.app);
  if (app) found.push(app.startsWith('app:') ? app : `app:${app}`);
  const group = unguard(cells.group);
  if (group) found.push(group.startsWith('group:') ? group : `group:${group}`);
  const distinct = [...new Set(found)];
  if (!distinct.length) return { error: 'no subject: give an app id or a group' };
  if (distinct.length > 1) return { error: `give one subject per line, not ${distinct.join(' and ')}` };
  return { subject: distinct[0]! };
}

/** Parse a plan CSV: the rows to import and every problem, by line (each row is validated as the store would). */
export function parsePlanCsv(text: string): ParsedPlanCsv {
  const { records, error } = csvRecords(text);
  const errors: LineError[] = error ? [error] : [];
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: errors.length ? errors : [{ line: 1, message: 'the file is empty: it needs a header line subject,owner,wave,target_date,note' }] };
  const columns: (Column | null)[] = header.fields.map((h) => ALIASES[headerKey(h)] ?? null);
  const unknown = header.fields.filter((_, i) => columns[i] === null && header.fields[i]!.trim() !== '');
  if (unknown.length) errors.push({ line: header.line, message: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u.trim()}"`).join(', ')} (expected ${PLAN_CSV_COLUMNS.join(', ')}; or app / group instead of subject)` });
  const dup = columns.filter((c, i) => c !== null && columns.indexOf(c) !== i);
  if (dup.length) errors.push({ line: header.line, message: `column ${dup[0]} appears twice` });
  const missing: string[] = (['owner', 'wave'] as const).filter((c) => !columns.includes(c));
  if (!columns.some((c) => c === 'subject' || c === 'app' || c === 'group')) missing.unshift('subject');
  if (missing.length) errors.push({ line: header.line, message: `the header needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (got: ${header.fields.join(',')})` });
  if (errors.some((e) => e.line === header.line)) return { rows: [], errors };
  if (!body.length) errors.push({ line: header.line + 1, message: 'no rows after the header' });

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (const r of body) {
    if (r.fields.every((f) => f.trim() === '')) continue;
    if (r.fields.length > columns.length) {
      errors.push({ line: r.line, message: `${r.fields.length} fields but the header has ${columns.length} (quote a value that holds a comma)` });
      continue;
    }
    const cells: Partial<Record<Column, string>> = {};
    columns.forEach((c, i) => {
      if (c) cells[c] = r.fields[i] ?? '';
    });
    const s = subjectOf(cells);
    if ('error' in s) {
      errors.push({ line: r.line, message: s.error });
      continue;
    }
    const input = { subject: s.subject, owner: cells.owner ?? '', wave: cells.wave ?? '', targetDate: cells.target_date ?? '', note: cells.note ?? '' };
    const { problems, value } = checkPlanInput(input);
    for (const p of problems) errors.push({ line: r.line, message: p });
    if (!value) continue;
    const first = seen.get(value.subject);
    if (first !== undefined) {
      errors.push({ line: r.line, message: `${value.subject} is already planned on line ${first}` });
      continue;
    }
    seen.set(value.subject, r.line);
    rows.push({ line: r.line, input });
  }
  return { rows, errors };
}

/** `line 4: target_date 2026-13-01 is not a date` — one per line, for messages and the API. */
export function formatLineErrors(errors: LineError[]): string[] {
  return errors.map((e) => `line ${e.line}: ${e.message}`);
}

/** The stored plan as CSV in the import's own format (so an export edited in a spreadsheet imports back). */
export function renderPlanCsv(entries: PlanEntry[]): string {
  const rows = [[...PLAN_CSV_COLUMNS], ...entries.map((e) => [e.subject, e.owner, e.wave, e.targetDate ?? '', e.note])];
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
