import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonPatchOp } from '../checks/types';
import type { PlainObject } from './deep';
import { applyJsonPatch, diffJsonPatch } from './json-patch';
import { applyStrategicMerge, diffStrategicMerge } from './strategic-merge';
import { deploymentArb } from './testing/arbitraries';
import { hasKubectl, kubectlPatchMany, type PatchCase } from './testing/kubectl';

/**
 * kubectl as the oracle for our appliers: `kubectl patch --local` runs apimachinery's own
 * strategic merge and JSON Patch code without a cluster (KUBECONFIG=/dev/null).
 * Skipped where kubectl is not installed.
 */
const noKubectl = !hasKubectl();

const deployment = (podSpec: PlainObject, meta: PlainObject = {}, spec: PlainObject = {}): PlainObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', ...meta },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec, template: { metadata: { labels: { app: 'web' } }, spec: podSpec } },
});
const pod = (p: PlainObject): PlainObject => ({ spec: { template: { spec: p } } });

const obj = deployment(
  {
    containers: [
      { name: 'app', image: 'shop/web:1.4.2', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 9090 }] },
      { name: 'envoy', image: 'envoyproxy/envoy:v1.30.1' },
      { name: 'worker', image: 'shop/worker:1.4.2' },
    ],
    volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'web' } }],
    tolerations: [{ key: 'dedicated', operator: 'Exists' }],
  },
  { finalizers: ['a.example.com/x', 'b.example.com/y'], labels: { app: 'web' } },
  { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
);

/** Hand-written strategic patches, directives and ordering corner cases included. */
const strategicCases: [string, PlainObject][] = [
  ['new env var alone (goes first)', pod({ containers: [{ name: 'app', env: [{ name: 'C', value: '3' }] }] })],
  ['patch order of containers', pod({ containers: [{ name: 'worker', args: ['-v'] }, { name: 'app', securityContext: { runAsNonRoot: true } }] })],
  ['new container between', pod({ containers: [{ name: 'app' }, { name: 'side', image: 'busybox:1.36' }] })],
  ['setElementOrder with an unknown server element', pod({ '$setElementOrder/containers': [{ name: 'app' }, { name: 'worker' }, { name: 'side' }], containers: [{ name: 'side', image: 'busybox:1.36' }] })],
  ['setElementOrder only', pod({ '$setElementOrder/containers': [{ name: 'worker' }, { name: 'envoy' }, { name: 'app' }] })],
  ['delete and merge', pod({ containers: [{ name: 'envoy', $patch: 'delete' }, { name: 'app', env: [{ name: 'A', $patch: 'delete' }], ports: [{ containerPort: 9090, name: 'metrics' }] }] })],
  ['replace a list', pod({ volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }, { $patch: 'replace' }] })],
  ['delete a map', pod({ volumes: [{ name: 'data', emptyDir: { $patch: 'delete' } }] })],
  ['null deletes', { metadata: { labels: null }, spec: { strategy: { rollingUpdate: null, type: 'Recreate' } } }],
  ['retainKeys', { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }],
  ['finalizers merge as a set', { metadata: { finalizers: ['c.example.com/z'] } }],
  ['finalizers: add known and new', { metadata: { finalizers: ['b.example.com/y', 'c.example.com/z'] } }],
  ['finalizers: delete from primitive list', { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example.com/x'] } }],
  ['atomic list', pod({ tolerations: [{ key: 'gpu', operator: 'Exists' }] })],
  ['new map field', pod({ securityContext: { runAsNonRoot: true }, containers: [{ name: 'app', resources: { requests: { cpu: '100m' } } }] })],
  ['YAML 1.1 lookalike values stay strings', pod({ containers: [{ name: 'app', env: [{ name: 'Y', value: 'no' }] }] })],
];

describe.skipIf(noKubectl)('our appliers agree with kubectl patch --local', () => {
  it('hand-written strategic merge patches', () => {
    const results = kubectlPatchMany(strategicCases.map(([, patch]) => ({ object: obj, patch, type: 'strategic' })));
    strategicCases.forEach(([name, patch], i) => {
      const r = results[i]!;
      expect(r.ok, `${name}: ${r.ok ? '' : r.error}`).toBe(true);
      if (r.ok) expect(applyStrategicMerge(obj, patch), name).toStrictEqual(r.object);
    });
  });

  it('random diffs: strategic and JSON patches give kubectl the same object as us (and as the target)', () => {
    const pairs = fc.sample(fc.tuple(deploymentArb({ extras: false }), deploymentArb({ extras: false })), { seed: Number(process.env.SEED ?? 42), numRuns: Number(process.env.RUNS ?? 15) });
    const cases: PatchCase[] = [];
    const expected: unknown[] = [];
    for (const [a, b] of pairs) {
      const A = a as unknown as PlainObject;
      const B = b as unknown as PlainObject;
      cases.push({ object: A, patch: diffStrategicMerge(A, B), type: 'strategic' });
      cases.push({ object: A, patch: diffJsonPatch(A, B), type: 'json' });
      expected.push(B, B);
    }
    // JSON patches kubectl refuses when empty: skip those (a and b equal).
    const results = kubectlPatchMany(cases);
    results.forEach((r, i) => {
      const c = cases[i]!;
      if (c.type === 'json' && (c.patch as JsonPatchOp[]).length === 0) return;
      expect(r.ok, r.ok ? '' : r.error).toBe(true);
      if (!r.ok) return;
      expect(r.object, `case ${i} (${c.type})`).toStrictEqual(expected[i]);
      const ours = c.type === 'json' ? applyJsonPatch(c.object, c.patch as JsonPatchOp[]) : applyStrategicMerge(c.object as PlainObject, c.patch as PlainObject);
      expect(ours).toStrictEqual(r.object);
    });
  });

  it('random patches without $setElementOrder: we place list elements where kubectl does', () => {
    const pairs = fc.sample(fc.tuple(deploymentArb({ extras: false }), deploymentArb({ extras: false })), { seed: Number(process.env.SEED ?? 9), numRuns: Number(process.env.RUNS ?? 15) });
    const cases: PatchCase[] = pairs.map(([a, b]) => ({ object: a, patch: withoutOrder(diffStrategicMerge(a as unknown as PlainObject, b as unknown as PlainObject)), type: 'strategic' }));
    kubectlPatchMany(cases).forEach((r, i) => {
      expect(r.ok, r.ok ? '' : r.error).toBe(true);
      if (r.ok) expect(applyStrategicMerge(cases[i]!.object as PlainObject, cases[i]!.patch as PlainObject), `case ${i}`).toStrictEqual(r.object);
    });
  });

  it('hand-written JSON patches', () => {
    const ops: [string, JsonPatchOp[]][] = [
      ['add at -', [{ op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'C', value: '3' } }]],
      ['move and copy', [{ op: 'copy', from: '/spec/template/spec/containers/0/image', path: '/metadata/labels/image' }, { op: 'move', from: '/spec/template/spec/containers/2', path: '/spec/template/spec/containers/0' }]],
      ['test then remove', [{ op: 'test', path: '/spec/template/spec/containers/1/name', value: 'envoy' }, { op: 'remove', path: '/spec/template/spec/containers/1' }]],
      ['escaped keys', [{ op: 'add', path: '/metadata/annotations', value: {} }, { op: 'add', path: '/metadata/annotations/example.com~1a~0b', value: 'x' }]],
    ];
    const results = kubectlPatchMany(ops.map(([, patch]) => ({ object: obj, patch, type: 'json' })));
    ops.forEach(([name, patch], i) => {
      const r = results[i]!;
      expect(r.ok, `${name}: ${r.ok ? '' : r.error}`).toBe(true);
      if (r.ok) expect(applyJsonPatch(obj, patch), name).toStrictEqual(r.object);
    });
  });
});

/** The patch with every `$setElementOrder/…` directive dropped. */
function withoutOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutOrder);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('$setElementOrder/')).map(([k, x]) => [k, withoutOrder(x)]));
  return v;
}
