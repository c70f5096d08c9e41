import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../patches/json-patch';
import { applyStrategicMerge } from '../patches/strategic-merge';
import { deepEqual } from '../patches/deep';
import { applyFixToObjects, objectsOfText, scanObjects } from '../scan/scan-objects';
import type { KubeObject } from '../snapshot/types';
import { appsInScope, listFixtures, type Fixture } from './fixture-support';
import type { Finding } from './types';

const fixtures = listFixtures();

function scan(objects: KubeObject[], fx: Fixture) {
  return appsInScope(scanObjects(objects, { sourceType: fx.options.source }).apps, fx.options);
}

function resultsOf(fx: Fixture, objects: KubeObject[]): Finding[] {
  const apps = scan(objects, fx);
  expect(apps.length, `${fx.file}: no app in scope`).toBeGreaterThan(0);
  return apps.flatMap((a) => a.findings.filter((f) => f.check === fx.checkId));
}

const key = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Apply the check's fixes one at a time, rescanning between (indexes shift), until none is left. */
function applyAllFixes(fx: Fixture, objects: KubeObject[]): KubeObject[] {
  let current = objects;
  for (let round = 0; round < 20; round++) {
    const apps = scan(current, fx);
    const target = apps.flatMap((a) => a.findings.filter((f) => f.check === fx.checkId && f.status === 'fail' && f.fix && f.fix.kind !== 'advice').map((f) => ({ a, f })))[0];
    if (!target) return current;
    const workload = current.find((o) => `${o.kind}/${o.metadata.namespace ?? 'default'}/${o.metadata.name}` === `${target.a.kind}/${target.a.namespace}/${target.a.name}`)!;
    current = applyFixToObjects(current, target.f.fix!, workload);
  }
  throw new Error(`${fx.file}: fixes did not converge`);
}

describe.each(fixtures.map((f) => [`${f.checkId} ${f.file.split('/').pop()}`, f] as const))('fixture %s', (_name, fx) => {
  const objects = objectsOfText(fx.text, fx.file);

  if (fx.kind === 'pass') {
    it('passes', () => {
      const results = resultsOf(fx, objects);
      expect(results.filter((r) => r.status === 'fail').map((r) => r.message)).toEqual([]);
      expect(results.some((r) => r.status === 'pass'), `${fx.checkId}: expected a pass in ${fx.file}, got ${JSON.stringify(results.map((r) => [r.status, r.reason ?? r.message]))}`).toBe(true);
    });
  }

  if (fx.kind === 'na') {
    it('is not applicable', () => {
      const results = resultsOf(fx, objects);
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) expect([r.status, r.message]).toEqual(['notApplicable', expect.any(String)]);
      for (const s of fx.options.messageIncludes ?? []) expect(results.map((r) => r.reason).join(' | ')).toContain(s);
    });
  }

  if (fx.kind === 'fail') {
    it('fails as described', () => {
      const fails = resultsOf(fx, objects).filter((r) => r.status === 'fail');
      expect(fails.length, `${fx.checkId}: expected a fail in ${fx.file}`).toBeGreaterThan(0);
      if (fx.options.count !== undefined) expect(fails.length).toBe(fx.options.count);
      if (fx.options.severity) for (const f of fails) expect(f.severity).toBe(fx.options.severity);
      if (fx.options.container !== undefined) for (const f of fails) expect(f.container).toBe(fx.options.container);
      for (const s of fx.options.messageIncludes ?? []) expect(fails.map((f) => f.message).join(' | ')).toContain(s);
      for (const f of fails) {
        expect(f.message.length).toBeGreaterThan(10);
        expect(f.fix, `${fx.checkId} fail without a fix`).not.toBeNull();
        if (f.fix!.kind !== 'advice') {
          expect(f.fix!.jsonPatch).toBeDefined();
          expect(f.fix!.strategicMerge).toBeDefined();
        }
      }
    });

    it('JSON Patch and strategic merge give the same object', () => {
      const fails = resultsOf(fx, objects).filter((r) => r.status === 'fail' && r.fix?.jsonPatch);
      for (const f of fails) {
        const t = f.fix!.target!;
        const target = objects.find((o) => o.kind === t.kind && o.metadata.name === t.name);
        if (!target) continue; // fix only creates objects
        const viaJson = applyJsonPatch(target, f.fix!.jsonPatch!);
        const viaSmp = applyStrategicMerge(target as unknown as Record<string, unknown>, f.fix!.strategicMerge!);
        expect(viaSmp).toEqual(viaJson);
      }
    });

    it('fix turns the finding into a pass without breaking another check', () => {
      const before = scan(objects, fx);
      const safeFails = before.flatMap((a) => a.findings.filter((f) => f.check === fx.checkId && f.status === 'fail' && f.fix?.kind === 'safe'));
      if (!safeFails.length) return;
      const after = scan(applyAllFixes(fx, objects), fx);
      for (const app of after) {
        const old = before.find((a) => a.id === app.id);
        expect(app.findings.filter((f) => f.check === fx.checkId && f.status === 'fail').map((f) => f.message)).toEqual([]);
        for (const f of app.findings) {
          if (f.status !== 'fail') continue;
          const was = old?.findings.find((o) => o.check === f.check && o.container === f.container && o.path === f.path);
          expect(was?.status, `${f.check} went from pass to fail after fixing ${fx.checkId}: ${f.message}`).not.toBe('pass');
        }
      }
    });

    if (fx.fixedFile) {
      it('fix produces the .fixed file', () => {
        const fixed = applyAllFixes(fx, objects);
        const expected = objectsOfText(readFileSync(fx.fixedFile!, 'utf8'), fx.fixedFile!);
        const got = new Map(fixed.map((o) => [key(o), o]));
        for (const e of expected) {
          const g = got.get(key(e));
          expect(g, `${fx.fixedFile}: ${key(e)} missing after the fix`).toBeDefined();
          if (!deepEqual(g, e)) expect(g).toEqual(e);
        }
        expect([...got.keys()].sort()).toEqual(expected.map(key).sort());
        // The fixed objects no longer fail the check.
        const results = resultsOf(fx, expected);
        expect(results.filter((r) => r.status === 'fail').map((r) => r.message)).toEqual([]);
      });
    }
  }
});
