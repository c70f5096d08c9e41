import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../config/defaults';
import { buildReport } from '../../report/build-report';
import { objectsOfText, scanObjects, snapshotOfObjects } from '../../scan/scan-objects';
import { dnsChecks } from '../dns';
import { CHECKS } from '../registry';
import { configChecks } from '.';

/** Every literal credential value the fixtures contain (and a prefix of each): none may reach the report. */
const LEAKS = [
  'hunter2-orders',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'Pa55w0rd',
  'AKIAIOSFODNN7EXAMPLE',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  'MHcCAQEEIFakeFake',
  'r3dis-s3cret',
];

const dir = path.join(__dirname, 'config-secret-literal.fixtures');
const failFixtures = readdirSync(dir).filter((f) => f.startsWith('fail.') && !f.includes('.fixed.'));

function assertNoLeak(json: string) {
  for (const v of LEAKS) {
    expect(json, `report contains ${v.slice(0, 4)}…`).not.toContain(v);
    expect(json).not.toContain(v.slice(0, 8));
  }
}

describe('config-secret-literal never echoes a value', () => {
  it.each(failFixtures)('%s: the config and dns findings (messages, evidence, patches, new objects) carry no value', (file) => {
    const objects = objectsOfText(readFileSync(path.join(dir, file), 'utf8'), file);
    const report = buildReport(snapshotOfObjects(objects), { config: DEFAULT_CONFIG, now: new Date('2026-01-01T00:00:00Z'), scanId: 't', checks: [...configChecks, ...dnsChecks] });
    const fails = report.apps.flatMap((a) => a.findings).filter((f) => f.check === 'config-secret-literal' && f.status === 'fail');
    expect(fails.length).toBeGreaterThan(0);
    assertNoLeak(JSON.stringify(report));
  });

  it.each(failFixtures)('%s: the full report of every registered check carries no value', (file) => {
    const objects = objectsOfText(readFileSync(path.join(dir, file), 'utf8'), file);
    expect(CHECKS.length).toBeGreaterThan(configChecks.length);
    assertNoLeak(JSON.stringify(scanObjects(objects)));
  });

  it('duplicate credential names: the strategic merge sends the env list whole, with no literal left in it', () => {
    const text = readFileSync(path.join(dir, 'fail.name.yaml'), 'utf8').replace('            - name: LOG_LEVEL', '            - name: DB_PASSWORD\n              value: hunter2-orders\n            - name: LOG_LEVEL');
    const report = buildReport(snapshotOfObjects(objectsOfText(text)), { config: DEFAULT_CONFIG, now: new Date(), scanId: 't', checks: configChecks });
    const f = report.apps[0]!.findings.find((x) => x.check === 'config-secret-literal' && x.status === 'fail')!;
    expect(f.fix?.kind).toBe('input');
    expect(JSON.stringify(f.fix?.strategicMerge)).toContain('"$patch":"replace"');
    assertNoLeak(JSON.stringify(report));
  });
});
