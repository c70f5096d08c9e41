import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/defaults';
import { snapshotFromPaths } from '../snapshot/read-manifests';
import { buildReport } from './build-report';
import { renderJson } from './render-json';
import schema from './report-schema.json';
import { sampleReport } from './sample-report';
import type { Report } from './types';

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function errorsOf(value: unknown): string {
  return validate(value) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
}

async function examplesReport(): Promise<Report> {
  const snapshot = await snapshotFromPaths([path.resolve(__dirname, '../../examples')]);
  return buildReport(snapshot, { config: DEFAULT_CONFIG, now: new Date('2026-01-01T00:00:00Z'), scanId: 'examples' });
}

describe('renderJson', () => {
  it('is the report itself, pretty-printed, newline-terminated', () => {
    const report = sampleReport();
    const text = renderJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "schemaVersion": 1,');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('validates against report-schema.json (hand-made report with every status)', () => {
    expect(errorsOf(JSON.parse(renderJson(sampleReport())))).toBe('');
  });

  it('validates against report-schema.json (a real scan of examples/)', async () => {
    const report = await examplesReport();
    expect(report.apps.length).toBeGreaterThan(0);
    expect(errorsOf(JSON.parse(renderJson(report)))).toBe('');
  });

  it('keeps every documented field name of report-schema.md', () => {
    const json = JSON.parse(renderJson(sampleReport()));
    for (const k of ['schemaVersion', 'scanId', 'startedAt', 'finishedAt', 'source', 'summary', 'apps', 'errors']) expect(json).toHaveProperty(k);
    for (const k of ['apps', 'score', 'grade', 'verdicts', 'topics']) expect(json.summary).toHaveProperty(k);
    const app = json.apps[0];
    for (const k of ['id', 'cluster', 'namespace', 'kind', 'name', 'group', 'team', 'managedBy', 'replicas', 'qosClass', 'dataPlacement', 'score', 'grade', 'verdict', 'topics', 'findings']) expect(app).toHaveProperty(k);
    for (const k of ['check', 'topic', 'status', 'severity', 'container', 'path', 'message', 'reason', 'evidence', 'fix']) expect(app.findings[0]).toHaveProperty(k);
  });
});

describe('report-schema.json', () => {
  const mutated = (edit: (r: Report) => void): unknown => {
    const r = JSON.parse(renderJson(sampleReport())) as Report;
    edit(r);
    return r;
  };

  it('rejects a safe or input fix without its patches', () => {
    expect(errorsOf(mutated((r) => delete r.apps[0]!.findings[2]!.fix!.jsonPatch))).toMatch(/jsonPatch/);
    expect(errorsOf(mutated((r) => delete r.apps[0]!.findings[0]!.fix!.strategicMerge))).toMatch(/strategicMerge/);
  });

  it('rejects renamed or unknown values', () => {
    expect(errorsOf(mutated((r) => ((r.apps[0]!.findings[0]! as { status: string }).status = 'failed')))).not.toBe('');
    expect(errorsOf(mutated((r) => delete (r.summary as Partial<Report['summary']>).verdicts))).toMatch(/verdicts/);
    expect(errorsOf(mutated((r) => ((r as { schemaVersion: number }).schemaVersion = 2)))).not.toBe('');
    expect(errorsOf(mutated((r) => ((r.apps[0]!.findings[0]!.evidence as { source: string }).source = 'guess')))).not.toBe('');
  });

  it('rejects a fix on a passing finding and an N/A without a reason', () => {
    expect(errorsOf(mutated((r) => (r.apps[0]!.findings[1]!.fix = { kind: 'advice', summary: 'x' })))).not.toBe('');
    expect(errorsOf(mutated((r) => (r.apps[1]!.findings[1]!.reason = null)))).not.toBe('');
  });
});
