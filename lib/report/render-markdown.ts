import { stringify } from 'yaml';
import { TOPICS, TOPIC_TITLES, type Finding } from '../checks/types';
import { fleetCapacityText, fleetSummaryRows } from '../fleet/summary';
import type { Verdict } from '../scoring/score';
import { appLabel, appsWorstFirst, failingFindings, formatScore, oneLine, plural, VERDICT_LABELS, VERDICT_ORDER } from './render-support';
import type { AppReport, Report } from './types';

export interface MarkdownOptions {
  /** Rows of the app table (worst first); the rest are counted. GitHub comments stop at 65,536 characters. */
  maxApps?: number;
  /** Failing critical findings listed with their fixes. */
  maxCriticals?: number;
  /** Lines of a patch shown before it is cut. */
  maxPatchLines?: number;
}

const VERDICT_ICON: Record<Verdict, string> = { notReady: '🔴', unknown: '⚪', readyWithConditions: '🟡', ready: '🟢' };

/** A summary for pull-request comments: totals, verdicts, topics, apps worst first, criticals with fixes. */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const maxApps = opts.maxApps ?? 50;
  const maxCriticals = opts.maxCriticals ?? 25;
  const s = report.summary;
  const out: string[] = [];
  out.push(`## Drydock readiness: ${plural(s.apps, 'app')}, score ${formatScore(s.score)}${s.grade ? ` (${s.grade})` : ''}`, '');
  out.push(`| ${VERDICT_ORDER.map((v) => `${VERDICT_ICON[v]} ${VERDICT_LABELS[v]}`).join(' | ')} |`);
  out.push(`|${VERDICT_ORDER.map(() => '---:').join('|')}|`);
  out.push(`| ${VERDICT_ORDER.map((v) => String(s.verdicts[v])).join(' | ')} |`, '');

  const scoredTopics = TOPICS.filter((t) => s.topics[t] !== null);
  if (scoredTopics.length) {
    out.push('| Topic | Score |', '|---|---:|');
    for (const t of scoredTopics) out.push(`| ${TOPIC_TITLES[t]} | ${formatScore(s.topics[t])} |`);
    out.push('');
  }

  if (report.apps.length) {
    out.push('### Apps, worst first', '', '| Verdict | Grade | Score | App | Failing |', '|---|:---:|---:|---|---|');
    const apps = appsWorstFirst(report.apps);
    for (const app of apps.slice(0, maxApps)) {
      out.push(`| ${VERDICT_ICON[app.verdict]} ${VERDICT_LABELS[app.verdict]} | ${app.grade ?? '–'} | ${formatScore(app.score)} | ${code(appLabel(app))} | ${failingSummary(app)} |`);
    }
    if (apps.length > maxApps) out.push('', `…and ${plural(apps.length - maxApps, 'more app')}.`);
    out.push('');
  }

  const criticals = appsWorstFirst(report.apps).flatMap((app) => failingFindings(app).filter((f) => f.severity === 'critical').map((f) => ({ app, f })));
  if (criticals.length) {
    out.push(`### Critical findings (${criticals.length})`, '');
    for (const { app, f } of criticals.slice(0, maxCriticals)) out.push(...criticalItem(app, f, opts.maxPatchLines ?? 40));
    if (criticals.length > maxCriticals) out.push(`…and ${plural(criticals.length - maxCriticals, 'more critical finding')}: see the full report.`, '');
  }

  const input = inputLines(report);
  if (report.fleet?.apps.length) {
    out.push(`### Fleet: ${plural(report.fleet.apps.length, 'app')} in several clusters`, '', `Capacity: ${md(fleetCapacityText(report.fleet))}`, '');
    out.push('| App | Matched by | Replicas (→ recommended) | Skew | Versions |', '|---|---|---|---:|---|');
    for (const r of fleetSummaryRows(report.fleet)) out.push(`| ${code(r.app)} | ${r.matchedBy} | ${md(r.replicas)} | ${md(r.skew)} | ${md(r.versions)} |`);
    out.push('');
  }
  if (input.length) out.push('### Input', '', ...input, '');
  out.push(`<sub>Drydock scan ${md(report.scanId)} of ${md(sourceLabel(report))}, ${md(report.startedAt)}</sub>`, '');
  return out.join('\n');
}

function criticalItem(app: AppReport, f: Finding, maxPatchLines: number): string[] {
  const where = f.container ? ` · container ${code(f.container)}` : '';
  const lines = [`- **${code(f.check)}** on ${code(appLabel(app))}${where}: ${md(f.message)}`];
  if (f.fix) {
    lines.push(`  - Fix (${f.fix.kind}): ${md(f.fix.summary)}`);
    if (f.fix.whereToChange) lines.push(`  - ${md(f.fix.whereToChange)}`);
    const patch = f.fix.strategicMerge && Object.keys(f.fix.strategicMerge).length ? f.fix.strategicMerge : null;
    if (patch) {
      let yaml = stringify(patch).trimEnd().split('\n');
      if (yaml.length > maxPatchLines) yaml = [...yaml.slice(0, maxPatchLines), '# … (cut; see the full report)'];
      const fence = '`'.repeat(Math.max(3, longestRun(yaml.join('\n'), '`') + 1));
      lines.push('', '  <details><summary>Strategic merge patch</summary>', '', `  ${fence}yaml`, ...yaml.map((l) => `  ${l}`), `  ${fence}`, '', '  </details>');
    }
  }
  lines.push('');
  return lines;
}

function failingSummary(app: AppReport): string {
  const failing = failingFindings(app);
  if (!failing.length) return app.verdict === 'unknown' ? md(app.verdictReason) : '–';
  const bySeverity = (['critical', 'warning', 'info'] as const)
    .map((sev) => [sev, failing.filter((f) => f.severity === sev).length] as const)
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => `${n} ${sev}`);
  const checks = [...new Set(failing.filter((f) => f.severity !== 'info').map((f) => f.check))];
  const shown = checks.slice(0, 3).map(code).join(', ');
  return `${bySeverity.join(', ')}${shown ? `: ${shown}${checks.length > 3 ? ', …' : ''}` : ''}`;
}

function inputLines(report: Report): string[] {
  const lines = report.notes.map((n) => `- ${n.level}: ${md(n.message)}`);
  for (const e of report.errors) lines.push(`- could not read ${md(e.resource)} in ${md(e.cluster)}${e.namespace ? `/${md(e.namespace)}` : ''}: ${md(e.message)} (${md(e.effect)})`);
  const unread = Object.entries(report.unreadKinds);
  if (unread.length) lines.push(`- not checked (no check reads these kinds): ${unread.map(([k, n]) => `${md(k)} ×${n}`).join(', ')}`);
  return lines;
}

function sourceLabel(report: Report): string {
  return report.source.type === 'cluster' ? `cluster ${report.source.clusters.join(', ')}` : report.source.paths.join(', ') || 'manifests';
}

/** Inline text from the input: no HTML, no emphasis, no @mentions, no table breaks. */
export function md(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|~@#]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

/** A code span that survives backticks inside and table pipes. */
export function code(text: string): string {
  const t = oneLine(text).replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(t, '`') + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

function longestRun(s: string, ch: string): number {
  let best = 0;
  let cur = 0;
  for (const c of s) {
    cur = c === ch ? cur + 1 : 0;
    best = Math.max(best, cur);
  }
  return best;
}
