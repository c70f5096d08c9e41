import { describe, expect, it } from 'vitest';
import { applyFixToObjects, objectsOfText, scanObjects } from '../scan/scan-objects';
import type { KubeObject } from '../snapshot/types';
import { listFixtures } from './fixture-support';

/**
 * fixtures.test.ts checks pass→fail regressions for safe fixes only. Input fixes matter as much:
 * applying every fix (safe and input) of a security or images check must turn it into a pass and
 * must not make another security, images or DNS check go from pass to fail (e.g. removing
 * hostNetwork vs dns-hostnetwork-policy, privileged vs sec-capabilities, image-mutable-tag pinning
 * a digest vs image-pull-policy's Always).
 */
const TOPICS = new Set(['security', 'images', 'dns']);
const fixtures = listFixtures().filter((f) => (f.topic === 'security' || f.topic === 'images') && f.kind === 'fail');

function scan(objects: KubeObject[], source: 'cluster' | 'manifests' | undefined) {
  return scanObjects(objects, { sourceType: source }).apps;
}

describe.each(fixtures.map((f) => [`${f.checkId} ${f.file.split('/').pop()}`, f] as const))('all fixes of %s', (_n, fx) => {
  it('converge to a pass without pass→fail elsewhere', () => {
    const objects = objectsOfText(fx.text, fx.file);
    const before = scan(objects, fx.options.source);
    let current = objects;
    for (let round = 0; round < 20; round++) {
      const next = scan(current, fx.options.source)
        .flatMap((a) => a.findings.filter((f) => f.check === fx.checkId && f.status === 'fail' && f.fix && f.fix.kind !== 'advice').map((f) => ({ a, f })))[0];
      if (!next) break;
      const w = current.find((o) => o.kind === next.a.kind && o.metadata.name === next.a.name)!;
      current = applyFixToObjects(current, next.f.fix!, w);
    }
    for (const app of scan(current, fx.options.source)) {
      const old = before.find((a) => a.id === app.id);
      const own = app.findings.filter((f) => f.check === fx.checkId && f.status === 'fail' && f.fix?.kind !== 'advice');
      expect(own.map((f) => f.message)).toEqual([]);
      for (const f of app.findings) {
        if (f.status !== 'fail' || !TOPICS.has(f.topic)) continue;
        const was = old?.findings.find((o) => o.check === f.check && o.container === f.container && o.path === f.path);
        expect(was?.status, `${f.check} went from pass to fail: ${f.message}`).not.toBe('pass');
      }
    }
  });
});
