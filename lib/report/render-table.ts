import { TOPICS } from '../checks/types';
import type { Severity } from '../checks/types';
import { fleetCapacityText, fleetSummaryRows } from '../fleet/summary';
import type { Verdict } from '../scoring/score';
import { appLabel, appsWorstFirst, failingFindings, formatScore, oneLine, plural, VERDICT_LABELS, VERDICT_ORDER } from './render-support';
import { displayWidth, padEnd, truncate } from './text-width';
import type { AppReport, Report } from './types';

export interface TableOptions {
  /** ANSI colours (the CLI turns them on for a TTY without NO_COLOR). */
  color?: boolean;
  /** Columns to fit; default 100. */
  width?: number;
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', magenta: '\x1b[35m', cyan: '\x1b[36m' };
const VERDICT_COLOR: Record<Verdict, string> = { notReady: ANSI.red + ANSI.bold, unknown: ANSI.magenta, readyWithConditions: ANSI.yellow, ready: ANSI.green };
const SEVERITY_COLOR: Record<Severity, string> = { critical: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };
const SHORT_VERDICT_LABELS: Record<Verdict, string> = { notReady: 'not ready', unknown: 'unknown', readyWithConditions: 'ready (cond.)', ready: 'ready' };
const MIN_MESSAGE = 20;

type Paint = (code: string, text: string) => string;

/**
 * The terminal view: per app (worst first) one line — verdict, grade, score, id — then its failing
 * findings (severity, check, container, message), and a summary at the end, fitted to `width`.
 * Text from manifests is stripped of control characters, so a crafted name cannot drive the terminal.
 */
export function renderTable(report: Report, opts: TableOptions = {}): string {
  const width = Math.max(40, Math.floor(opts.width ?? 100));
  const paint = (code: string, text: string) => (opts.color && code && text ? `${code}${text}${ANSI.reset}` : text);
  const out: string[] = [];
  const apps = appsWorstFirst(report.apps);
  for (const app of apps) out.push(...appBlock(app, width, paint));
  if (!apps.length) out.push('No workloads found in the input.');
  if (report.fleet) out.push('', ...fleetLines(report.fleet, width, paint));
  out.push('', ...summaryLines(report, width, paint));
  return `${out.join('\n')}\n`;
}

function appBlock(app: AppReport, width: number, paint: Paint): string[] {
  const exempt = app.findings.filter((f) => f.status === 'exempt').length;
  // Below 80 columns "ready with conditions" costs too much room: the short labels keep the id readable.
  const labels = width < 80 ? SHORT_VERDICT_LABELS : VERDICT_LABELS;
  const verdictWidth = Math.max(...Object.values(labels).map((l) => l.length));
  const head = `${padEnd(app.grade ?? '-', 1)}  ${formatScore(app.score).padStart(5)}  `;
  const room = width - verdictWidth - 2 - head.length;
  const tail = exempt && room - `  (${exempt} exempt)`.length >= 10 ? `  (${exempt} exempt)` : '';
  const label = truncate(oneLine(appLabel(app)), room - tail.length);
  const lines = [`${paint(VERDICT_COLOR[app.verdict], padEnd(labels[app.verdict], verdictWidth))}  ${head}${paint(ANSI.bold, label)}${paint(ANSI.dim, tail)}`];
  const failing = failingFindings(app);
  if (!failing.length) {
    if (app.verdict === 'unknown') lines.push(`  ${paint(ANSI.dim, truncate(oneLine(app.verdictReason), width - 2))}`);
    return lines;
  }
  let checkWidth = Math.min(Math.max(...failing.map((f) => f.check.length)), Math.max(12, Math.floor(width * 0.3)));
  let containerWidth = Math.min(Math.max(0, ...failing.map((f) => displayWidth(oneLine(f.container ?? '')))), 16);
  // 2 indent + 8 severity + separators; the message gets the rest. When that is less than
  // MIN_MESSAGE, the container and check columns give up room first (down to 6 and 12).
  const fixed = () => 2 + 8 + 1 + checkWidth + 1 + (containerWidth ? containerWidth + 1 : 0);
  while (width - fixed() < MIN_MESSAGE && (containerWidth > 6 || checkWidth > 12)) {
    if (containerWidth > 6) containerWidth--;
    else checkWidth--;
  }
  const messageWidth = Math.max(8, width - fixed());
  for (const f of failing) {
    const container = containerWidth ? `${padEnd(truncate(oneLine(f.container ?? ''), containerWidth), containerWidth)} ` : '';
    const message = truncate(oneLine(f.message), messageWidth);
    lines.push(`  ${paint(SEVERITY_COLOR[f.severity], padEnd(f.severity, 8))} ${padEnd(truncate(f.check, checkWidth), checkWidth)} ${container}${message}`.trimEnd());
  }
  return lines;
}

/** The same apps across clusters: capacity, then per app its replicas (→ recommended), skew and versions. */
function fleetLines(fleet: NonNullable<Report['fleet']>, width: number, paint: Paint): string[] {
  const lines = [paint(ANSI.bold, truncate(`Fleet: ${plural(fleet.apps.length, 'app')} in several clusters`, width)), `  ${truncate(oneLine(`capacity: ${fleetCapacityText(fleet)}`), width - 2)}`];
  for (const r of fleetSummaryRows(fleet)) {
    lines.push(`  ${paint(ANSI.bold, truncate(oneLine(r.app), width - 2))}`);
    lines.push(`    ${truncate(oneLine(`replicas ${r.replicas} · skew ${r.skew}`), width - 4)}`);
    lines.push(`    ${paint(ANSI.dim, truncate(oneLine(`versions ${r.versions}`), width - 4))}`);
  }
  return lines;
}

function summaryLines(report: Report, width: number, paint: Paint): string[] {
  const s = report.summary;
  const lines: string[] = [];
  const score = `score ${formatScore(s.score)}${s.grade ? ` (${s.grade})` : ''}`;
  const verdicts: Item[] = VERDICT_ORDER.map((v) => ({ text: `${s.verdicts[v]} ${VERDICT_LABELS[v]}`, color: s.verdicts[v] ? VERDICT_COLOR[v] : '' }));
  lines.push(...wrapItems('', [{ text: `${plural(s.apps, 'app')}, ${score}`, color: ANSI.bold }, ...verdicts], ' · ', width, paint));
  const topics = TOPICS.filter((t) => s.topics[t] !== null).map((t) => ({ text: `${t} ${formatScore(s.topics[t])}` }));
  if (topics.length) lines.push(...wrapItems('Topics: ', topics, ' · ', width, paint));
  for (const n of report.notes) {
    const label = n.level === 'info' ? 'note' : n.level;
    lines.push(`${paint(n.level === 'error' ? ANSI.red : n.level === 'warning' ? ANSI.yellow : ANSI.dim, `${label}:`)} ${truncate(oneLine(n.message), width - label.length - 2)}`);
  }
  for (const e of report.errors) {
    const text = `could not read ${e.resource} in ${e.cluster}${e.namespace ? `/${e.namespace}` : ''}${e.code ? ` (${e.code})` : ''}: ${e.effect}`;
    lines.push(`${paint(ANSI.red, 'error:')} ${truncate(oneLine(text), width - 7)}`);
  }
  const unread = Object.entries(report.unreadKinds).map(([k, n]) => ({ text: `${oneLine(k)} ×${n}`, color: ANSI.dim }));
  if (unread.length) lines.push(...wrapItems('Not read by any check: ', unread, ', ', width, paint));
  return lines;
}

interface Item {
  text: string;
  color?: string;
}

/**
 * Items joined by `sep`, wrapped at `width`, continuation lines indented (at most 8 columns); an
 * item wider than a line is truncated. Colour is applied after measuring, so it never shifts a wrap.
 */
function wrapItems(prefix: string, items: Item[], sep: string, width: number, paint: Paint): string[] {
  const lines: string[] = [];
  const indent = ' '.repeat(Math.min(displayWidth(prefix), 8));
  let cur = prefix;
  let curWidth = displayWidth(prefix);
  if (items.length && curWidth + Math.min(10, displayWidth(items[0]!.text)) > width) {
    lines.push(truncate(prefix.trimEnd(), width));
    cur = indent;
    curWidth = indent.length;
  }
  for (const [i, item] of items.entries()) {
    const first = i === 0;
    let text = truncate(item.text, width - (first ? curWidth : indent.length));
    if (!first && curWidth + sep.length + displayWidth(text) > width) {
      lines.push(cur);
      cur = indent;
      curWidth = indent.length;
      text = truncate(item.text, width - curWidth);
    } else if (!first) {
      cur += sep;
      curWidth += sep.length;
    }
    cur += paint(item.color ?? '', text);
    curWidth += displayWidth(text);
  }
  lines.push(cur);
  return lines;
}
