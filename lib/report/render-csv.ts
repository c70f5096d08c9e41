import type { Finding } from '../checks/types';
import { formatScore, SEVERITY_RANK, STATUS_RANK } from './render-support';
import type { AppReport, Report } from './types';

export const CSV_COLUMNS = [
  'cluster', 'namespace', 'kind', 'name', 'group', 'team', 'verdict', 'grade', 'score',
  'check', 'topic', 'status', 'severity', 'containers', 'message', 'fix kind',
] as const;

/**
 * One row per app × check, for spreadsheets (RFC 4180: CRLF line breaks, fields quoted when they
 * hold a comma, quote or line break, quotes doubled).
 *
 * A container-level check yields one finding per container; its row carries the worst status
 * (fail > exempt > pass > not applicable), the worst severity among the findings with that status,
 * the containers those findings are about (`;`-separated, empty for pod-level checks), their
 * distinct messages (` | `-separated) and fix kinds. So "status = fail" filters exactly the
 * app × check pairs that need work, and the containers column says where.
 */
export function renderCsv(report: Report): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const app of report.apps) {
    for (const findings of byCheck(app.findings).values()) rows.push(rowOf(app, findings));
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function byCheck(findings: Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.check);
    if (list) list.push(f);
    else out.set(f.check, [f]);
  }
  return out;
}

function rowOf(app: AppReport, findings: Finding[]): string[] {
  const worstStatus = findings.reduce((w, f) => (STATUS_RANK[f.status] < STATUS_RANK[w] ? f.status : w), findings[0]!.status);
  const worst = findings.filter((f) => f.status === worstStatus);
  const severity = worst.reduce((s, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[s] ? f.severity : s), worst[0]!.severity);
  const containers = distinct(worst.map((f) => f.container).filter((c): c is string => c !== null));
  const messages = distinct(worst.map((f) => f.message));
  const fixKinds = distinct(worst.map((f) => f.fix?.kind).filter((k): k is NonNullable<typeof k> => k !== undefined));
  const first = findings[0]!;
  return [
    app.cluster, app.namespace, app.kind, app.name, app.group, app.team ?? '', app.verdict, app.grade ?? '',
    app.score === null ? '' : formatScore(app.score),
    first.check, first.topic, worstStatus, severity, containers.join(';'), messages.join(' | '), fixKinds.join(';'),
  ];
}

function distinct<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/**
 * One RFC 4180 field. A cell a spreadsheet would read as a formula (=, +, -, @, or a leading tab or
 * carriage return) gets a leading apostrophe, the OWASP advice against CSV injection: names and
 * messages come from manifests anyone can write. A lone "-" (the cluster of a manifest scan) and
 * plain numbers are not formulas and stay as they are.
 */
export function csvField(value: string): string {
  const formula = /^[=@\t\r]/.test(value) || (/^[+-]./s.test(value) && !/^[+-]?\d+(\.\d+)?$/.test(value));
  const safe = formula ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
