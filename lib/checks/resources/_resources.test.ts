import { describe, expect, it } from 'vitest';
import type { App } from '../../apps/types';
import type { Json, KubeObject } from '../../snapshot/types';
import { allContainers } from '../helpers/containers';
import {
  ceilQuantity,
  effectiveOf,
  isSet,
  listSome,
  livePodsOf,
  observedContainers,
  podLevelResources,
  podQosClass,
  restartCountOf,
  terminationsOf,
} from './_resources';

const lr = (...items: Json[]): KubeObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'd', namespace: 'ns' }, spec: { limits: items } });

function app(podSpec: Json, opts: { kind?: App['kind']; limitRanges?: KubeObject[]; pods?: KubeObject[]; workload?: Partial<KubeObject> } = {}): App {
  const kind = opts.kind ?? 'Deployment';
  return {
    kind,
    podSpec,
    podSpecPath: kind === 'Pod' ? '/spec' : '/spec/template/spec',
    workload: { apiVersion: 'v1', kind, metadata: { name: 'w' }, ...(opts.workload ?? {}) },
    related: { limitRanges: opts.limitRanges ?? [], pods: opts.pods ?? [] },
  } as unknown as App;
}

describe('podLevelResources', () => {
  it('reads cpu and memory as written, ignoring zeros and other resources', () => {
    const p = podLevelResources(app({ resources: { requests: { cpu: '0', memory: '1Gi', 'hugepages-2Mi': '64Mi' }, limits: { cpu: 2, memory: '' } } }));
    expect(p).toEqual({ requests: { memory: '1Gi' }, limits: { cpu: '2' }, present: true });
  });

  it('is absent for no or empty pod-level resources; a placeholder counts as present', () => {
    expect(podLevelResources(app({})).present).toBe(false);
    expect(podLevelResources(app({ resources: {} })).present).toBe(false);
    expect(podLevelResources(app({ resources: { limits: { 'hugepages-2Mi': '64Mi' } } })).present).toBe(false);
    expect(podLevelResources(app({ resources: { limits: { memory: '<CHANGE-ME: x>' } } })).limits.memory).toBe('<CHANGE-ME: x>');
  });
});

describe('small helpers', () => {
  it('isSet: zero is unset, a placeholder is set', () => {
    expect(isSet(undefined)).toBe(false);
    expect(isSet({ raw: '0', value: 0, source: 'spec' })).toBe(false);
    expect(isSet({ raw: '<CHANGE-ME: x>', value: null, source: 'spec' })).toBe(true);
    expect(isSet({ raw: '1', value: 1, source: 'limit' })).toBe(true);
  });

  it('ceilQuantity rounds up to a millicore or a byte', () => {
    expect(ceilQuantity(0.2, 'cpu')).toBe(0.2);
    expect(ceilQuantity(0.0333333, 'cpu')).toBe(0.034);
    expect(ceilQuantity(268435456, 'memory')).toBe(268435456);
    expect(ceilQuantity(250000000.25, 'memory')).toBe(250000001);
  });

  it('listSome shortens long lists', () => {
    expect(listSome(['a', 'b'])).toBe('a; b');
    expect(listSome(['a', 'b', 'c', 'd', 'e'])).toBe('a; b; c and 2 more');
  });

  it('restartCountOf tolerates missing or bad values', () => {
    expect(restartCountOf({ restartCount: 7 })).toBe(7);
    expect(restartCountOf({})).toBe(0);
    expect(restartCountOf({ restartCount: 'many' })).toBe(0);
    expect(restartCountOf(undefined)).toBe(0);
  });

  it('terminationsOf lists the current termination first, then the last one', () => {
    const ts = terminationsOf({
      state: { terminated: { reason: 'Error', exitCode: 1, finishedAt: '2026-01-02T00:00:00Z' } },
      lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, signal: 9 } },
    });
    expect(ts).toEqual([
      { reason: 'Error', exitCode: 1, signal: null, finishedAt: '2026-01-02T00:00:00Z', current: true },
      { reason: 'OOMKilled', exitCode: 137, signal: 9, finishedAt: null, current: false },
    ]);
    expect(terminationsOf({ state: { running: {} }, lastState: {} })).toEqual([]);
  });
});

describe('observed containers', () => {
  const pod = (name: string, status: Json, spec: Json = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec, status });

  it('matches app containers to containerStatuses and init containers (native sidecars too) to initContainerStatuses', () => {
    const spec = { initContainers: [{ name: 'setup' }, { name: 'proxy', restartPolicy: 'Always' }], containers: [{ name: 'api' }] };
    const p = pod(
      'p-1',
      { initContainerStatuses: [{ name: 'setup', restartCount: 1 }, { name: 'proxy', restartCount: 2 }], containerStatuses: [{ name: 'api', restartCount: 3 }] },
      { containers: [{ name: 'api', resources: { limits: { memory: '1Gi' } } }] },
    );
    const a = app(spec, { pods: [p, pod('p-2', {})] });
    const [setup, proxy, api] = allContainers(a);
    expect(observedContainers(a, setup!).map((o) => o.status.restartCount)).toEqual([1]);
    expect(observedContainers(a, proxy!).map((o) => o.status.restartCount)).toEqual([2]);
    const apiObs = observedContainers(a, api!);
    expect(apiObs.map((o) => [o.podName, o.status.restartCount])).toEqual([['p-1', 3]]);
    expect(apiObs[0]!.podContainer).toEqual({ name: 'api', resources: { limits: { memory: '1Gi' } } });
  });

  it('treats a bare Pod with status as its own live pod (buildApps links only owned pods)', () => {
    const bare = app({ containers: [{ name: 'api' }] }, { kind: 'Pod', workload: { status: { containerStatuses: [{ name: 'api', restartCount: 9 }] } } });
    expect(livePodsOf(bare)).toHaveLength(1);
    expect(observedContainers(bare, allContainers(bare)[0]!)[0]!.status.restartCount).toBe(9);
    expect(livePodsOf(app({ containers: [{ name: 'api' }] }, { kind: 'Pod' }))).toEqual([]);
    expect(livePodsOf(app({ containers: [] }, { kind: 'Deployment', workload: { status: { replicas: 2 } } }))).toEqual([]);
  });
});

describe('effective values over LimitRanges (SetDefaults_LimitRangeItem applied by lib/facts)', () => {
  it('a LimitRange with only min gives containers requests, so the pod is Burstable', () => {
    const a = app({ containers: [{ name: 'c', image: 'x:1' }] }, { limitRanges: [lr({ type: 'Container', min: { cpu: '10m', memory: '16Mi' } })] });
    const e = effectiveOf(a, allContainers(a)[0]!);
    expect(e.requests.cpu).toMatchObject({ raw: '10m', source: 'limitRange' });
    expect(e.requests.memory).toMatchObject({ raw: '16Mi', source: 'limitRange' });
    expect(podQosClass(a)).toBe('Burstable');
  });

  it('max becomes the default limit and the default request', () => {
    const a = app({ containers: [{ name: 'c', image: 'x:1' }] }, { limitRanges: [lr({ type: 'Container', max: { cpu: '2', memory: '2Gi' } })] });
    const e = effectiveOf(a, allContainers(a)[0]!);
    expect(e.limits.memory?.raw).toBe('2Gi');
    expect(e.requests.cpu?.raw).toBe('2');
    expect(podQosClass(a)).toBe('Guaranteed');
  });
});
