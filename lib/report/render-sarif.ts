import { CHECKS } from '../checks/registry';
import type { CheckMeta, Finding, Fix, Severity } from '../checks/types';
import type { InputNote } from '../snapshot/types';
import type { AppReport, Report } from './types';

/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) for code-scanning
 * UIs. Only problems are results: failing findings, and exempt ones marked as suppressed so a
 * viewer shows them as accepted risk instead of open alerts. Passes and N/A stay in the JSON report.
 *
 * Fixes: a SARIF `fix` is a set of text replacements in the scanned file. The report knows the
 * document a workload starts on, not the byte ranges of its fields, and rewriting a whole YAML
 * document would drop its comments and layout, so no `fixes` are emitted; the patch (JSON Patch and
 * strategic merge partial, both against the object) goes into the result's property bag instead.
 */

export interface SarifOptions {
  /** Rules metadata; the check registry by default. Findings of unknown checks get a minimal rule. */
  checks?: readonly CheckMeta[];
  /** Drydock's version, for tool.driver.version. */
  toolVersion?: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', warning: 'warning', info: 'note' };
const NOTE_LEVEL: Record<InputNote['level'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export function renderSarif(report: Report, opts: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(report, opts), null, 2)}\n`;
}

export function buildSarif(report: Report, opts: SarifOptions = {}): JsonObject {
  const rules = rulesFor(report, opts.checks ?? CHECKS);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Json[] = [];
  for (const app of report.apps) {
    for (const f of app.findings) {
      if (f.status === 'fail' || f.status === 'exempt') results.push(resultOf(app, f, ruleIndex.get(f.check) ?? -1));
    }
  }
  const driver: JsonObject = { name: 'Drydock', rules: rules.map(ruleOf) };
  if (opts.toolVersion) {
    driver.version = opts.toolVersion;
    if (/^\d+\.\d+\.\d+/.test(opts.toolVersion)) driver.semanticVersion = opts.toolVersion;
  }
  const invocation: JsonObject = {
    executionSuccessful: true,
    startTimeUtc: report.startedAt,
    endTimeUtc: report.finishedAt,
  };
  const notifications = [...report.notes.map(noteNotification), ...report.errors.map(errorNotification)];
  if (notifications.length) invocation.toolExecutionNotifications = notifications;
  const runProperties: JsonObject = {
    scanId: report.scanId,
    source: report.source.type,
    apps: report.summary.apps,
    score: report.summary.score,
    grade: report.summary.grade,
    verdicts: { ...report.summary.verdicts },
  };
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{ tool: { driver }, invocations: [invocation], results, properties: withoutNulls(runProperties) }],
  };
}

interface Rule {
  id: string;
  meta: CheckMeta | null;
  topic: string;
  severity: Severity;
}

/** Every registered check (a rule list that does not depend on this scan), then unknown IDs seen. */
function rulesFor(report: Report, checks: readonly CheckMeta[]): Rule[] {
  const rules: Rule[] = checks.map((c) => ({ id: c.id, meta: c, topic: c.topic, severity: c.severity }));
  const known = new Set(rules.map((r) => r.id));
  for (const app of report.apps) {
    for (const f of app.findings) {
      if (known.has(f.check)) continue;
      known.add(f.check);
      rules.push({ id: f.check, meta: null, topic: f.topic, severity: f.severity });
    }
  }
  return rules;
}

function ruleOf(rule: Rule): JsonObject {
  const m = rule.meta;
  const out: JsonObject = { id: rule.id, name: pascalCase(m?.title || rule.id) };
  out.shortDescription = { text: sentence(m?.title || rule.id) };
  if (m?.summary) out.fullDescription = { text: sentence(plainText(m.summary)), markdown: sentence(m.summary) };
  const helpUri = m?.docs.find((d) => /^https?:\/\//.test(d));
  if (helpUri) out.helpUri = helpUri;
  if (m?.rationale) {
    const links = m.docs.length ? `\n\n${m.docs.map((d) => `- <${d}>`).join('\n')}` : '';
    out.help = { text: plainText(m.rationale) + (m.docs.length ? `\n\n${m.docs.join('\n')}` : ''), markdown: m.rationale + links };
  }
  out.defaultConfiguration = { level: LEVEL[rule.severity] };
  const props: JsonObject = { tags: [rule.topic] };
  if (m) {
    props.fixKind = m.fixKind;
    props.needs = m.needs;
    const severities = m.severities ?? [m.severity];
    if (severities.length > 1) props.severities = [...severities];
  }
  out.properties = props;
  return out;
}

function resultOf(app: AppReport, f: Finding, ruleIndex: number): JsonObject {
  const out: JsonObject = { ruleId: f.check };
  if (ruleIndex >= 0) out.ruleIndex = ruleIndex;
  out.level = LEVEL[f.severity];
  const fixHint = f.fix ? ` Fix (${f.fix.kind}): ${f.fix.summary}` : '';
  out.message = { text: `${app.kind} ${app.namespace}/${app.name}: ${f.message}${fixHint}` };
  const location: JsonObject = {};
  const physical = physicalLocationOf(app);
  if (physical) location.physicalLocation = physical;
  location.logicalLocations = [
    {
      name: f.container ?? app.name,
      fullyQualifiedName: f.container ? `${app.id}/${f.container}` : app.id,
      kind: 'object',
    },
  ];
  out.locations = [location];
  out.partialFingerprints = { 'drydockFinding/v1': `${app.id}|${f.check}|${f.container ?? ''}` };
  if (f.status === 'exempt') {
    const suppression: JsonObject = { kind: 'external', status: 'accepted' };
    if (f.reason) suppression.justification = f.reason;
    out.suppressions = [suppression];
  }
  const props: JsonObject = { app: app.id, topic: f.topic, severity: f.severity, status: f.status };
  if (f.container) props.container = f.container;
  if (f.path) props.path = f.path;
  const fix = f.fix ? fixProperties(f.fix) : null;
  if (fix) props.fix = fix;
  out.properties = props;
  return out;
}

/** The patch as data, without empty containers (SARIF consumers choke on `{}` and `[]` placeholders). */
function fixProperties(fix: Fix): JsonObject {
  const out: JsonObject = { kind: fix.kind, summary: fix.summary };
  if (fix.target) out.target = { ...fix.target };
  if (fix.jsonPatch?.length) out.jsonPatch = toJson(fix.jsonPatch);
  if (fix.strategicMerge && Object.keys(fix.strategicMerge).length) out.strategicMerge = toJson(fix.strategicMerge);
  if (fix.resources?.length) out.resources = toJson(fix.resources);
  if (fix.whereToChange) out.whereToChange = fix.whereToChange;
  return withoutNulls(out);
}

function physicalLocationOf(app: AppReport): JsonObject | null {
  const src = app.source;
  if (!src || !src.file || src.file.startsWith('<')) return null; // "<stdin>" is not an artifact
  return {
    artifactLocation: { uri: fileUri(src.file) },
    region: { startLine: Math.max(1, Math.trunc(src.line) || 1) },
  };
}

/**
 * A file path as a URI reference: relative paths stay relative (code-scanning UIs resolve them
 * against the repository root), absolute ones become file:// URIs; each segment percent-encoded.
 */
export function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(slashed);
  const absolute = slashed.startsWith('/') || drive;
  const segments = slashed.replace(/^\.\//, '').split('/').map((s, i) => (drive && i === 0 ? s : encodeURIComponent(s)));
  const joined = segments.join('/');
  if (!absolute) return joined;
  return drive ? `file:///${joined}` : `file://${joined}`;
}

function noteNotification(n: InputNote): JsonObject {
  const out: JsonObject = { message: { text: n.message }, level: NOTE_LEVEL[n.level] };
  if (n.file && !n.file.startsWith('<')) {
    const physical: JsonObject = { artifactLocation: { uri: fileUri(n.file) } };
    if (n.line && n.line >= 1) physical.region = { startLine: n.line };
    out.locations = [{ physicalLocation: physical }];
  }
  return out;
}

function errorNotification(e: Report['errors'][number]): JsonObject {
  const where = `${e.cluster}${e.namespace ? `/${e.namespace}` : ''}`;
  return { level: 'warning', message: { text: `${where}: could not read ${e.resource}${e.code ? ` (${e.code})` : ''}: ${e.message}. ${e.effect}` } };
}

/** "Privilege escalation allowed" → "PrivilegeEscalationAllowed" (SARIF rule names are identifiers). */
export function pascalCase(text: string): string {
  const name = text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return name || 'Check';
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Markdown to readable plain text: code spans and emphasis markers dropped, links to "text (url)". */
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\W)[*_]([^*_]+)[*_](?=\W|$)/g, '$1$2');
}

function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value ?? null)) as Json;
}

function withoutNulls(o: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}
