import type { Finding } from '../checks/types';
import { formatScore } from './render-support';
import type { AppReport, Report } from './types';

/**
 * JUnit XML for CI test reports (the de-facto schema Jenkins, GitLab and GitHub reporters read):
 * one <testsuite> per app, one <testcase> per finding. A fail is a <failure>; not-applicable
 * results and exempt findings (accepted risk) are <skipped> with the reason; passes are plain.
 */
export function renderJunit(report: Report): string {
  const totals = { tests: 0, failures: 0, skipped: 0 };
  const suites = report.apps.map((app) => {
    const suite = suiteOf(app, report.startedAt);
    totals.tests += suite.tests;
    totals.failures += suite.failures;
    totals.skipped += suite.skipped;
    return suite.xml;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="drydock" tests="${totals.tests}" failures="${totals.failures}" errors="0" skipped="${totals.skipped}" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function suiteOf(app: AppReport, timestamp: string): { xml: string; tests: number; failures: number; skipped: number } {
  const failures = app.findings.filter((f) => f.status === 'fail').length;
  const skipped = app.findings.filter((f) => f.status === 'notApplicable' || f.status === 'exempt').length;
  const props: [string, string][] = [
    ['verdict', app.verdict],
    ['verdictReason', app.verdictReason],
    ['score', formatScore(app.score)],
    ['grade', app.grade ?? 'n/a'],
    ['team', app.team ?? ''],
    ['group', app.group],
  ];
  const lines = [
    `  <testsuite ${attrs({ name: app.id, tests: app.findings.length, failures, errors: 0, skipped, time: 0, timestamp: junitTimestamp(timestamp) })}>`,
    '    <properties>',
    ...props.map(([name, value]) => `      <property ${attrs({ name, value })}/>`),
    '    </properties>',
    ...app.findings.map((f) => testcaseOf(app, f)),
    '  </testsuite>',
  ];
  return { xml: lines.join('\n'), tests: app.findings.length, failures, skipped };
}

/** JUnit's timestamp is ISO 8601 without fraction or zone (the Ant schema); ours are UTC. */
function junitTimestamp(iso: string): string {
  return iso.replace(/(\.\d+)?Z$/, '');
}

function testcaseOf(app: AppReport, f: Finding): string {
  const open = `    <testcase ${attrs({ name: f.container ? `${f.check} (${f.container})` : f.check, classname: app.id, time: 0 })}`;
  switch (f.status) {
    case 'pass':
      return `${open}/>`;
    case 'notApplicable':
      return `${open}>\n      <skipped ${attrs({ message: `not applicable: ${f.reason ?? f.message}` })}/>\n    </testcase>`;
    case 'exempt':
      return `${open}>\n      <skipped ${attrs({ message: `exempt (accepted risk): ${f.reason ?? ''} — ${f.message}` })}/>\n    </testcase>`;
    case 'fail': {
      const body = [
        f.message,
        `severity: ${f.severity}`,
        ...(f.container ? [`container: ${f.container}`] : []),
        ...(f.path ? [`path: ${f.path}`] : []),
        ...(f.fix ? [`fix (${f.fix.kind}): ${f.fix.summary}`] : []),
        ...(f.fix?.whereToChange ? [f.fix.whereToChange] : []),
        ...(f.fix?.jsonPatch?.length ? [`JSON Patch: ${JSON.stringify(f.fix.jsonPatch)}`] : []),
      ].join('\n');
      return `${open}>\n      <failure ${attrs({ message: f.message, type: f.severity })}>${xmlText(body)}</failure>\n    </testcase>`;
    }
  }
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${xmlAttr(String(v))}"`)
    .join(' ');
}

// Characters XML 1.0 cannot carry at all (https://www.w3.org/TR/xml/#charsets): most C0 controls,
// lone surrogates, U+FFFE/U+FFFF. They are dropped rather than escaped (&#1; is not well-formed).
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values keep their line breaks and tabs as character references (parsers normalise raw ones to spaces). */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
