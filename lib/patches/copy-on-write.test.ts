import { describe, expect, it } from 'vitest';
import { editCopy, isJsonClean } from './copy-on-write';
import { deepClone } from './deep';
import { diffJsonPatch } from './json-patch';
import { diffStrategicMerge } from './strategic-merge';
import type { Json } from '../snapshot/types';

const workload = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'app', image: 'app:1', env: [{ name: 'A', value: '1' }], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
          { name: 'sidecar', image: 'side:1' },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
});

/** editCopy must give what the same edit gives on a deep copy, and never touch the base. */
function same(edit: (d: Json) => void) {
  const base = workload();
  const frozen = JSON.stringify(base);
  const viaCopy = deepClone(base);
  edit(viaCopy);
  const viaDraft = editCopy(base, edit);
  expect(JSON.stringify(base)).toBe(frozen);
  expect(JSON.stringify(viaDraft)).toBe(JSON.stringify(viaCopy));
  expect(diffJsonPatch(base, viaDraft)).toEqual(diffJsonPatch(base, viaCopy));
  expect(diffStrategicMerge(base, viaDraft as Record<string, unknown>)).toEqual(diffStrategicMerge(base, viaCopy));
  return { base, after: viaDraft as ReturnType<typeof workload> };
}

describe('editCopy', () => {
  it('shares what the edit leaves alone', () => {
    const { base, after } = same((d) => {
      d.spec.template.spec.containers[0].image = 'app:2';
    });
    expect(after).not.toBe(base);
    expect(after.metadata).toBe(base.metadata);
    expect(after.spec.template.metadata).toBe(base.spec.template.metadata);
    expect(after.spec.template.spec.containers[1]).toBe(base.spec.template.spec.containers[1]);
    expect(after.spec.template.spec.containers[0]!.env).toBe(base.spec.template.spec.containers[0]!.env);
  });

  it('returns the base itself when nothing is written, even after reads', () => {
    const base = workload();
    const after = editCopy(base, (d) => {
      void JSON.stringify(d);
      void d.spec.template.spec.containers.map((c: { name: string }) => c.name);
    });
    expect(after).toBe(base);
  });

  it('behaves like a deep copy under array methods, spreads, moves and deletes', () => {
    same((d) => {
      const pod = d.spec.template.spec;
      pod.containers.unshift({ name: 'init-like', image: 'x' });
      pod.containers.reverse();
      pod.containers[1].env.push({ name: 'B', value: '2' });
      pod.volumes = pod.volumes.filter(() => true);
      pod.volumes[0].emptyDir.sizeLimit = '1Gi';
      pod.initContainers = [{ ...pod.containers.find((c: { name: string }) => c.name === 'app'), name: 'copy' }];
      pod.initContainers[0].volumeMounts.splice(0, 1);
      delete d.metadata.labels;
      d.spec.replicas = 3;
    });
  });

  it('keeps aliasing the edit makes, like a deep copy would', () => {
    same((d) => {
      const pod = d.spec.template.spec;
      pod.containers[1] = pod.containers[0];
      pod.containers[1].image = 'shared:1';
      pod.containers.length = 2;
      Object.assign(pod, { hostNetwork: true });
      for (const c of pod.containers) c.securityContext = { ...(c.securityContext ?? {}), readOnlyRootFilesystem: true };
    });
  });

  it('sees drafts as plain objects and arrays', () => {
    editCopy(workload(), (d: Json) => {
      const cs = d.spec.template.spec.containers;
      expect(Array.isArray(cs)).toBe(true);
      expect(Object.keys(cs[0])).toEqual(['name', 'image', 'env', 'volumeMounts']);
      expect('image' in cs[0]).toBe(true);
      expect(Object.getPrototypeOf(cs[0])).toBe(Object.prototype);
      expect(deepClone(cs)).toEqual(workload().spec.template.spec.containers);
      expect(cs[0]).toBe(cs[0]);
    });
  });
});

describe('isJsonClean', () => {
  it('accepts JSON values and refuses what a JSON copy would change', () => {
    expect(isJsonClean(workload())).toBe(true);
    expect(isJsonClean(JSON.parse('{"__proto__": {"a": [1, null, "x", true]}}'))).toBe(true);
    expect(isJsonClean({ a: undefined })).toBe(false);
    expect(isJsonClean([1, , 2])).toBe(false);
    expect(isJsonClean({ d: new Date(0) })).toBe(false);
    expect(isJsonClean({ n: NaN })).toBe(false);
    expect(isJsonClean({ z: -0 })).toBe(false);
    expect(isJsonClean(Object.create(null))).toBe(false);
    expect(isJsonClean({ [Symbol('s')]: 1 })).toBe(false);
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(isJsonClean(cyc)).toBe(false);
  });
});
