import { describe, expect, it } from 'vitest';
import type { KubeObject, Snapshot } from '../snapshot/types';
import { capacityOf, clusterCapacities, podRequests } from './capacity';

function node(name: string, cpu: string, memory: string, opts: { ready?: boolean; unschedulable?: boolean; taint?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: { ...(opts.unschedulable ? { unschedulable: true } : {}), ...(opts.taint ? { taints: [{ key: 'dedicated', value: 'x', effect: opts.taint }] } : {}) },
    status: { allocatable: { cpu, memory }, conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

function pod(name: string, nodeName: string, spec: object, phase = 'Running'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' }, spec: { nodeName, ...spec }, status: { phase } };
}

const c = (cpu: string, memory: string) => ({ name: 'c', image: 'x:1', resources: { requests: { cpu, memory } } });

describe('capacity', () => {
  it('counts Ready, schedulable nodes only', () => {
    const cap = capacityOf('bj', [
      node('a', '4', '16Gi'),
      node('b', '4', '16Gi', { ready: false }),
      node('c', '4', '16Gi', { unschedulable: true }),
      node('d', '4', '16Gi', { taint: 'NoSchedule' }),
      node('e', '4', '16Gi', { taint: 'PreferNoSchedule' }),
      node('f', '3500m', '8Gi'),
    ], []);
    expect(cap).toMatchObject({ nodes: 6, readyNodes: 5, schedulableNodes: 3, allocatable: { cpuMillis: 11500, memoryBytes: 40 * 2 ** 30 } });
    expect(cap.unknown).toBeUndefined();
  });

  it('subtracts the requests of pods placed on counted nodes, not finished ones', () => {
    const cap = capacityOf('bj', [node('a', '4', '16Gi'), node('cordoned', '4', '16Gi', { unschedulable: true })], [
      pod('p1', 'a', { containers: [c('500m', '1Gi'), c('250m', '512Mi')] }),
      pod('p2', 'a', { containers: [c('1', '1Gi')] }, 'Succeeded'),
      pod('p3', 'cordoned', { containers: [c('1', '1Gi')] }),
      pod('p4', 'a', { containers: [{ name: 'l', resources: { limits: { cpu: '200m', memory: '256Mi' } } }] }),
    ]);
    expect(cap.requested).toEqual({ cpuMillis: 950, memoryBytes: 1.75 * 2 ** 30 });
    expect(cap.free).toEqual({ cpuMillis: 3050, memoryBytes: 16 * 2 ** 30 - 1.75 * 2 ** 30 });
  });

  it('charges a pod its init-container peak, native sidecars and overhead', () => {
    // app 300m; init 1 CPU runs after a 100m native sidecar → peak 1100m > 300m + 100m
    expect(podRequests({
      initContainers: [{ name: 'proxy', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } }, { name: 'migrate', resources: { requests: { cpu: '1' } } }],
      containers: [{ name: 'app', resources: { requests: { cpu: '300m', memory: '128Mi' } } }],
      overhead: { cpu: '50m' },
    })).toEqual({ cpuMillis: 1150, memoryBytes: 128 * 2 ** 20 });
  });

  it('100 vs 1,000 equal nodes → CPU shares 1/11 and 10/11', () => {
    const nodes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => node(`${prefix}-${i}`, '8', '32Gi'));
    const snapshot: Snapshot = {
      source: { type: 'cluster', clusters: ['bj', 'sh'], paths: [] },
      objects: [...nodes('bj', 100).map((object) => ({ cluster: 'bj', object })), ...nodes('sh', 1000).map((object) => ({ cluster: 'sh', object }))],
      notes: [],
      errors: [],
      unreadable: [],
    };
    const [bj, sh] = clusterCapacities(snapshot, ['sh', 'bj']);
    expect(bj!.cluster).toBe('bj');
    expect(bj!.cpuShare).toBeCloseTo(1 / 11, 10);
    expect(sh!.cpuShare).toBeCloseTo(10 / 11, 10);
    expect(sh!.memoryShare).toBeCloseTo(10 / 11, 10);
  });

  it('is unknown, never guessed, when nodes cannot be read', () => {
    const snapshot: Snapshot = {
      source: { type: 'cluster', clusters: ['bj', 'sh'], paths: [] },
      objects: [{ cluster: 'bj', object: node('a', '4', '16Gi') }],
      notes: [],
      errors: [{ cluster: 'sh', resource: 'nodes', namespace: null, code: 403, message: 'forbidden', effect: 'capacity unknown' }],
      unreadable: [{ cluster: 'sh', resource: 'nodes', namespace: null }],
    };
    const caps = clusterCapacities(snapshot, ['bj', 'sh']);
    expect(caps[1]!.unknown).toBe('nodes could not be read (403)');
    expect(caps.map((x) => x.cpuShare)).toEqual([null, null]);
  });
});
