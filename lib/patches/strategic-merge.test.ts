import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, diffJsonPatch } from './json-patch';
import type { PlainObject } from './deep';
import { applyStrategicMerge, diffStrategicMerge, StrategicMergeError } from './strategic-merge';
import { deploymentArb } from './testing/arbitraries';

const deploy = (podSpec: PlainObject, extra: PlainObject = {}): PlainObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { ...extra, template: { metadata: { labels: { app: 'web' } }, spec: podSpec } },
});
const podSpecOf = (o: PlainObject) => (o as { spec: { template: { spec: PlainObject } } }).spec.template.spec;
const patchPod = (podPatch: PlainObject): PlainObject => ({ spec: { template: { spec: podPatch } } });

const base = deploy({
  containers: [
    {
      name: 'app',
      image: 'shop/web:1.4.2',
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
      ports: [{ containerPort: 8080, name: 'http' }],
      volumeMounts: [{ name: 'data', mountPath: '/data' }],
      args: ['--port=8080', '--verbose'],
    },
    { name: 'envoy', image: 'envoyproxy/envoy:v1.30.1' },
  ],
  volumes: [{ name: 'data', emptyDir: {} }],
  tolerations: [{ key: 'dedicated', operator: 'Exists' }],
});

describe('strategic merge: applying', () => {
  it('merges maps and deletes keys set to null', () => {
    const out = applyStrategicMerge(base, { metadata: { labels: { team: 'shop' } }, spec: { template: { metadata: { labels: null } } } });
    expect(out.metadata).toEqual({ name: 'web', namespace: 'shop', labels: { team: 'shop' } });
    expect((out.spec as PlainObject).template).not.toHaveProperty('metadata.labels');
  });

  it('merges containers by name and env by name', () => {
    const out = applyStrategicMerge(base, patchPod({ containers: [{ name: 'envoy', securityContext: { runAsNonRoot: true } }, { name: 'app', env: [{ name: 'B', value: '3' }] }] }));
    // the patch lists envoy first: elements the patch names take the patch's order
    const [envoy, app] = podSpecOf(out).containers as PlainObject[];
    expect(envoy).toEqual({ name: 'envoy', image: 'envoyproxy/envoy:v1.30.1', securityContext: { runAsNonRoot: true } });
    expect(app!.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '3' },
    ]);
  });

  it('merges volumeMounts by mountPath, ports by containerPort, volumes by name', () => {
    const out = applyStrategicMerge(
      base,
      patchPod({
        containers: [{ name: 'app', volumeMounts: [{ mountPath: '/data', readOnly: true }], ports: [{ containerPort: 8080, protocol: 'TCP' }] }],
        volumes: [{ name: 'data', emptyDir: { sizeLimit: '1Gi' } }],
      }),
    );
    const app = (podSpecOf(out).containers as PlainObject[])[0]!;
    expect(app.volumeMounts).toEqual([{ name: 'data', mountPath: '/data', readOnly: true }]);
    expect(app.ports).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
    expect(podSpecOf(out).volumes).toEqual([{ name: 'data', emptyDir: { sizeLimit: '1Gi' } }]);
  });

  it('merges Service ports by port, not containerPort', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80, targetPort: 8080 }] } };
    expect(applyStrategicMerge(svc, { spec: { ports: [{ port: 80, name: 'http' }] } }).spec).toEqual({ ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
  });

  it('replaces atomic lists whole (args, tolerations)', () => {
    const out = applyStrategicMerge(base, patchPod({ tolerations: [{ key: 'gpu', operator: 'Exists' }], containers: [{ name: 'app', args: ['--port=9090'] }] }));
    expect(podSpecOf(out).tolerations).toEqual([{ key: 'gpu', operator: 'Exists' }]);
    expect((podSpecOf(out).containers as PlainObject[])[0]!.args).toEqual(['--port=9090']);
  });

  it('$patch: delete removes a list element; on a map it leaves an empty map', () => {
    const out = applyStrategicMerge(base, patchPod({ containers: [{ name: 'envoy', $patch: 'delete' }, { name: 'app', env: [{ name: 'A', $patch: 'delete' }] }], volumes: [{ name: 'data', emptyDir: { $patch: 'delete' } }] }));
    expect((podSpecOf(out).containers as PlainObject[]).map((c) => c.name)).toEqual(['app']);
    expect((podSpecOf(out).containers as PlainObject[])[0]!.env).toEqual([{ name: 'B', value: '2' }]);
    expect(podSpecOf(out).volumes).toEqual([{ name: 'data', emptyDir: {} }]);
  });

  it('$patch: delete removes every element with the key (duplicates too)', () => {
    const dup = deploy({ containers: [{ name: 'app', env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }, { name: 'B' }] }] });
    const out = applyStrategicMerge(dup, patchPod({ containers: [{ name: 'app', env: [{ name: 'A', $patch: 'delete' }] }] }));
    expect((podSpecOf(out).containers as PlainObject[])[0]!.env).toEqual([{ name: 'B' }]);
  });

  it('$patch: replace replaces a map or a list', () => {
    const out = applyStrategicMerge(base, patchPod({ containers: [{ name: 'app', env: [{ name: 'Z', value: '9' }, { $patch: 'replace' }] }], volumes: [{ name: 'data', emptyDir: { medium: 'Memory', $patch: 'replace' } }] }));
    expect((podSpecOf(out).containers as PlainObject[])[0]!.env).toEqual([{ name: 'Z', value: '9' }]);
    expect(podSpecOf(out).volumes).toEqual([{ name: 'data', emptyDir: { medium: 'Memory' } }]);
  });

  it('$setElementOrder orders the list; elements it does not name keep their place', () => {
    const three = deploy({ containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    const names = (o: PlainObject) => (podSpecOf(o).containers as PlainObject[]).map((c) => c.name);
    expect(names(applyStrategicMerge(three, patchPod({ '$setElementOrder/containers': [{ name: 'c' }, { name: 'b' }, { name: 'a' }] })))).toEqual(['c', 'b', 'a']);
    // a new element inserted between named ones
    expect(names(applyStrategicMerge(three, patchPod({ '$setElementOrder/containers': [{ name: 'a' }, { name: 'n' }, { name: 'b' }, { name: 'c' }], containers: [{ name: 'n' }] })))).toEqual(['a', 'n', 'b', 'c']);
    // the live object has an element the patch does not know (say an injected sidecar)
    expect(names(applyStrategicMerge(three, patchPod({ '$setElementOrder/containers': [{ name: 'a' }, { name: 'c' }, { name: 'n' }], containers: [{ name: 'n' }] })))).toEqual(['a', 'b', 'c', 'n']);
  });

  it('without $setElementOrder a new element goes before the existing ones (as kubectl does)', () => {
    const out = applyStrategicMerge(base, patchPod({ containers: [{ name: 'app', env: [{ name: 'C', value: '3' }] }] }));
    expect(((podSpecOf(out).containers as PlainObject[])[0]!.env as PlainObject[]).map((e) => e.name)).toEqual(['C', 'A', 'B']);
    // an element named in the patch pulls the new one after it
    const out2 = applyStrategicMerge(base, patchPod({ containers: [{ name: 'app', env: [{ name: 'A' }, { name: 'B' }, { name: 'C', value: '3' }] }] }));
    expect(((podSpecOf(out2).containers as PlainObject[])[0]!.env as PlainObject[]).map((e) => e.name)).toEqual(['A', 'B', 'C']);
  });

  it('$retainKeys clears the fields it does not list', () => {
    const d = deploy({ containers: [] }, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } });
    expect((applyStrategicMerge(d, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }).spec as PlainObject).strategy).toEqual({ type: 'Recreate' });
    expect(() => applyStrategicMerge(d, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 2 } } } })).toThrow(StrategicMergeError);
  });

  it('merges finalizers as a set; $deleteFromPrimitiveList removes', () => {
    const d = { ...deploy({ containers: [] }), metadata: { name: 'web', finalizers: ['a', 'b'] } };
    expect((applyStrategicMerge(d, { metadata: { finalizers: ['b', 'c'] } }).metadata as PlainObject).finalizers).toEqual(['a', 'b', 'c']);
    expect((applyStrategicMerge(d, { metadata: { finalizers: ['c'] } }).metadata as PlainObject).finalizers).toEqual(['c', 'a', 'b']);
    expect((applyStrategicMerge(d, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }).metadata as PlainObject).finalizers).toEqual(['b']);
  });

  it('refuses a merge-key list element without its key, and unknown directives', () => {
    expect(() => applyStrategicMerge(base, patchPod({ containers: [{ image: 'x' }] }))).toThrow(StrategicMergeError);
    expect(() => applyStrategicMerge(base, patchPod({ containers: [{ name: 'app', $patch: 'merge' }] }))).toThrow(StrategicMergeError);
    expect(() => applyStrategicMerge(base, { spec: { $patch: 'nonsense' } })).toThrow(StrategicMergeError);
  });

  it('does not modify its inputs', () => {
    const before = JSON.stringify(base);
    const patch = patchPod({ containers: [{ name: 'app', env: [{ name: 'A', $patch: 'delete' }] }] });
    const patchText = JSON.stringify(patch);
    applyStrategicMerge(base, patch);
    expect(JSON.stringify(base)).toBe(before);
    expect(JSON.stringify(patch)).toBe(patchText);
  });
});

describe('strategic merge: diffing', () => {
  it('sends changed elements by key, deletions as $patch: delete, and the order', () => {
    const after = JSON.parse(JSON.stringify(base)) as PlainObject;
    const app = (podSpecOf(after).containers as PlainObject[])[0]!;
    app.env = [{ name: 'B', value: '2' }, { name: 'C', value: '3' }];
    app.securityContext = { allowPrivilegeEscalation: false };
    expect(diffStrategicMerge(base, after)).toEqual(
      patchPod({
        '$setElementOrder/containers': [{ name: 'app' }, { name: 'envoy' }],
        containers: [
          {
            name: 'app',
            '$setElementOrder/env': [{ name: 'B' }, { name: 'C' }],
            env: [{ name: 'C', value: '3' }, { name: 'A', $patch: 'delete' }],
            securityContext: { allowPrivilegeEscalation: false },
          },
        ],
      }),
    );
  });

  it('sends a list with repeated merge keys whole with $patch: replace', () => {
    const dup = deploy({ containers: [{ name: 'app', env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] }] });
    const fixed = deploy({ containers: [{ name: 'app', env: [{ name: 'A', value: '2' }] }] });
    const patch = diffStrategicMerge(dup, fixed);
    expect(JSON.stringify(patch)).toContain('"$patch":"replace"');
    expect(applyStrategicMerge(dup, patch)).toEqual(fixed);
  });

  it('is {} for equal objects', () => {
    expect(diffStrategicMerge(base, JSON.parse(JSON.stringify(base)))).toEqual({});
  });

  it('round-trips: applyStrategicMerge(a, diffStrategicMerge(a, b)) equals b', () => {
    fc.assert(
      fc.property(deploymentArb(), deploymentArb(), (a, b) => {
        const A = a as unknown as PlainObject;
        const B = b as unknown as PlainObject;
        expect(applyStrategicMerge(A, diffStrategicMerge(A, B))).toStrictEqual(B);
        expect(applyJsonPatch(A, diffJsonPatch(A, B))).toStrictEqual(B);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips when b is an edit of a (mostly keyed-list merges)', () => {
    const pair = deploymentArb().chain((a) =>
      fc.tuple(
        fc.constant(a),
        deploymentArb().map((b) => {
          // keep a's containers but take b's env/ports/mounts for those present in both
          const out = JSON.parse(JSON.stringify(a)) as PlainObject;
          const bc = podSpecOf(b as unknown as PlainObject).containers as PlainObject[];
          for (const c of podSpecOf(out).containers as PlainObject[]) {
            const other = bc.find((x) => x.name === c.name) ?? bc[0];
            if (other) for (const f of ['env', 'ports', 'volumeMounts', 'securityContext']) if (other[f] !== undefined) c[f] = other[f];
          }
          return out;
        }),
      ),
    );
    fc.assert(
      fc.property(pair, ([A, B]) => {
        expect(applyStrategicMerge(A as unknown as PlainObject, diffStrategicMerge(A as unknown as PlainObject, B))).toStrictEqual(B);
      }),
      { numRuns: 300 },
    );
  });
});
