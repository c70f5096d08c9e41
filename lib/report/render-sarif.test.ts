import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/registry';
import { DEFAULT_CONFIG } from '../config/defaults';
import { snapshotFromPaths } from '../snapshot/read-manifests';
import { buildReport } from './build-report';
import { buildSarif, fileUri, pascalCase, renderSarif } from './render-sarif';
import { SAMPLE_CHECKS, sampleReport } from './sample-report';
import sarifSchema from './sarif-schema-2.1.0.json';

// The official schema is written for draft-04 semantics with uniqueItems etc.; not strict-mode clean.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(sarifSchema);

function schemaErrors(log: unknown): string {
  return validate(log) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
}

type J = unknown;
/** Paths of `{}`, `[]`, null or undefined outside the patch payloads (which are data, not SARIF). */
function emptySpots(value: J, at = ''): string[] {
  if (/\/properties\/fix\/(jsonPatch|strategicMerge|resources)\//.test(at)) return [];
  if (value === undefined || value === null) return [at];
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => emptySpots(v, `${at}/${i}`)) : at.endsWith('/results') ? [] : [at];
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, J>);
    return entries.length ? entries.flatMap(([k, v]) => emptySpots(v, `${at}/${k}`)) : [at];
  }
  return [];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const log = buildSarif(sampleReport(), { checks: SAMPLE_CHECKS, toolVersion: '0.1.0' }) as any;
const run = log.runs[0];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const results = run.results as any[];

describe('renderSarif', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    expect(schemaErrors(JSON.parse(renderSarif(sampleReport(), { checks: SAMPLE_CHECKS })))).toBe('');
  });

  it('the schema catches what consumers reject (a guard against a vacuous validator)', () => {
    const bad = JSON.parse(renderSarif(sampleReport(), { checks: SAMPLE_CHECKS }));
    bad.runs[0].results[0].level = 'critical';
    bad.runs[0].results[1].fixes = [{}];
    bad.runs[0].results[2].suppressions = [{ justification: 'no kind' }];
    const errors = schemaErrors(bad);
    expect(errors).toMatch(/level/);
    expect(errors).toMatch(/artifactChanges/);
    expect(errors).toMatch(/kind/);
  });

  it('emits no empty objects, empty arrays, nulls or undefined', () => {
    expect(emptySpots(JSON.parse(renderSarif(sampleReport(), { checks: SAMPLE_CHECKS })))).toEqual([]);
  });

  it('describes every check as a rule, with levels from severity and the topic as tag', () => {
    const rules = run.tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual([...SAMPLE_CHECKS.map((c) => c.id), 'custom-unregistered']);
    expect(rules[0]).toMatchObject({
      id: 'probe-readiness-missing',
      name: 'ReadinessProbeMissing',
      shortDescription: { text: 'Readiness probe missing.' },
      helpUri: 'https://kubernetes.io/docs/concepts/workloads/pods/',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['probes'], severities: ['critical', 'warning'] },
    });
    expect(rules[0].help.markdown).toContain('**Readiness probe missing**');
    expect(rules[0].help.text).not.toContain('**');
    expect(rules[1].defaultConfiguration.level).toBe('warning');
    expect(rules[4]).toMatchObject({ id: 'custom-unregistered', defaultConfiguration: { level: 'note' }, properties: { tags: ['config'] } });
    expect(run.tool.driver).toMatchObject({ name: 'Drydock', version: '0.1.0', semanticVersion: '0.1.0' });
  });

  it('has results only for failing and exempt findings, pointing at their rule', () => {
    const fails = sampleReport().apps.flatMap((a) => a.findings.filter((f) => f.status === 'fail' || f.status === 'exempt'));
    expect(results).toHaveLength(fails.length);
    for (const r of results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(results[0]).toMatchObject({ ruleId: 'probe-readiness-missing', level: 'error' });
    expect(results[0].message.text).toMatch(/^Deployment shop\/cart: Container app has no readiness probe.* Fix \(input\): Add a readiness probe$/);
  });

  it('marks exempt findings as suppressed with the exemption as justification', () => {
    const exempt = results.find((r) => r.ruleId === 'image-mutable-tag' && r.properties.status === 'exempt');
    expect(exempt.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'annotation drydock.dev/exempt on the workload: "dev only"' }]);
    expect(results.filter((r) => r.suppressions)).toHaveLength(1);
  });

  it('locates a result logically (app + container) and physically when the app came from a file', () => {
    const r = results[0];
    expect(r.locations[0].logicalLocations).toEqual([{ name: 'app', fullyQualifiedName: '-/shop/Deployment/cart/app', kind: 'object' }]);
    expect(r.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'k8s/shop/cart%20deploy.yaml' }, region: { startLine: 12 } });
    const stdin = results.find((x) => x.properties.app === '-/shop/Pod/debug');
    expect(stdin.locations[0].physicalLocation).toBeUndefined();
    const podLevel = results.find((x) => x.ruleId === 'custom-unregistered');
    expect(podLevel.locations[0].logicalLocations[0]).toEqual({ name: 'debug', fullyQualifiedName: '-/shop/Pod/debug', kind: 'object' });
  });

  it('keeps the patch in the property bag, never as an empty SARIF fix', () => {
    const r = results.find((x) => x.ruleId === 'sec-privilege-escalation');
    expect(r.fixes).toBeUndefined();
    expect(r.properties.fix.kind).toBe('safe');
    expect(r.properties.fix.jsonPatch[0]).toMatchObject({ op: 'add' });
    expect(r.properties.fix.strategicMerge.spec.template.spec.containers[0].name).toBe('app');
    const exempt = results.find((x) => x.ruleId === 'image-mutable-tag' && x.suppressions);
    expect(exempt.properties.fix).toEqual({ kind: 'input', summary: 'Pin the image' });
  });

  it('reports input notes and cluster errors as tool notifications', () => {
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(notes[0]).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'k8s/broken.yaml' }, region: { startLine: 7 } } }] });
    expect(notes[2].message.text).toContain('could not read persistentvolumes (403)');
  });

  it('validates for a real scan of examples/ with the registered checks', async () => {
    const snapshot = await snapshotFromPaths([path.resolve(__dirname, '../../examples')]);
    const report = buildReport(snapshot, { config: DEFAULT_CONFIG, now: new Date('2026-01-01T00:00:00Z'), scanId: 'x' });
    const sarif = JSON.parse(renderSarif(report));
    expect(schemaErrors(sarif)).toBe('');
    expect(emptySpots(sarif)).toEqual([]);
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(new Set([...CHECKS.map((c) => c.id), ...report.apps.flatMap((a) => a.findings.map((f) => f.check))]).size);
    for (const r of sarif.runs[0].results) expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/\/.*examples\/.*\.yaml$/);
  });
});

describe('helpers', () => {
  it('fileUri keeps relative paths relative and encodes segments', () => {
    expect(fileUri('k8s/a b/c#1.yaml')).toBe('k8s/a%20b/c%231.yaml');
    expect(fileUri('./k8s/x.yaml')).toBe('k8s/x.yaml');
    expect(fileUri('/tmp/x.yaml')).toBe('file:///tmp/x.yaml');
    expect(fileUri('C:\\work\\x.yaml')).toBe('file:///C:/work/x.yaml');
  });

  it('pascalCase makes identifiers from titles', () => {
    expect(pascalCase('hostPath volume')).toBe('HostPathVolume');
    expect(pascalCase('`timeoutSeconds` ≥ period')).toBe('TimeoutSecondsPeriod');
  });
});
