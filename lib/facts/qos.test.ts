import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { App } from '../apps/types';
import { parseQuantity } from '../checks/helpers/quantity';
import { objectsOfText, scanObjects } from '../scan/scan-objects';
import type { Json, KubeObject } from '../snapshot/types';
import { effectiveQosClass, observedQosClass, qosClassOf, type QosClass } from './qos';

/**
 * The QoS class as the API server stores it in status.qosClass, computed over the pod the API server
 * would create: SetDefaults_Pod (request = limit when unset), LimitRanger admission defaults, then
 * ComputePodQOS (pkg/apis/core/v1/helper/qos/qos.go):
 * - only cpu and memory count; zero quantities count as unset;
 * - BestEffort: no container (init containers and native sidecars included) has any cpu/memory
 *   request or limit;
 * - Guaranteed: every container has cpu and memory limits, and the summed requests equal the summed
 *   limits for each resource;
 * - with PodLevelResources (beta, on by default in 1.34) and `spec.resources` set, the pod-level
 *   values alone decide.
 * https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/
 */

type RL = Record<string, string>;
const c = (name: string, resources?: { requests?: RL; limits?: RL }, extra: Json = {}): Json => ({ name, image: `registry.example.com/${name}:1.0.0`, ...extra, ...(resources ? { resources } : {}) });
const G = (cpu: string, memory: string) => ({ requests: { cpu, memory }, limits: { cpu, memory } });
const lr = (...items: Json[]): KubeObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'shop' }, spec: { limits: items } });
const qos = (spec: Json, limitRanges: KubeObject[] = []) => qosClassOf(spec, limitRanges);

describe('qosClassOf — container-level (ComputePodQOS)', () => {
  it.each<[string, Json, QosClass]>([
    ['no containers at all', {}, 'BestEffort'],
    ['containers without resources', { containers: [c('a'), c('b')] }, 'BestEffort'],
    ['empty resources maps', { containers: [c('a', { requests: {}, limits: {} })] }, 'BestEffort'],
    ['only extended resources and ephemeral-storage', { containers: [c('a', { requests: { 'ephemeral-storage': '1Gi' }, limits: { 'nvidia.com/gpu': '1', 'ephemeral-storage': '2Gi' } })] }, 'BestEffort'],
    ['zero requests and limits count as unset', { containers: [c('a', { requests: { cpu: '0', memory: '0' }, limits: { cpu: '0m', memory: '0Mi' } })] }, 'BestEffort'],
    ['requests equal limits', { containers: [c('a', G('500m', '512Mi'))] }, 'Guaranteed'],
    ['limits only (requests default to them)', { containers: [c('a', { limits: { cpu: '1', memory: '1Gi' } })] }, 'Guaranteed'],
    ['equal values in different units', { containers: [c('a', { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1073741824' } })] }, 'Guaranteed'],
    ['decimal and binary memory suffixes that differ', { containers: [c('a', { requests: { cpu: '1', memory: '1G' }, limits: { cpu: '1', memory: '1Gi' } })] }, 'Burstable'],
    ['several Guaranteed containers', { containers: [c('a', G('250m', '256Mi')), c('b', G('1', '2Gi'))] }, 'Guaranteed'],
    ['requests below limits', { containers: [c('a', { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '256Mi' } })] }, 'Burstable'],
    ['requests only', { containers: [c('a', { requests: { cpu: '250m', memory: '256Mi' } })] }, 'Burstable'],
    ['a memory request alone', { containers: [c('a', { requests: { memory: '64Mi' } })] }, 'Burstable'],
    ['cpu requests = limits but no memory', { containers: [c('a', G('1', '1Gi')), c('b', { requests: { cpu: '1' }, limits: { cpu: '1' } })] }, 'Burstable'],
    ['one Guaranteed container and one without resources', { containers: [c('a', G('1', '1Gi')), c('b')] }, 'Burstable'],
    ['a zero cpu limit is no limit: not Guaranteed', { containers: [c('a', { requests: { memory: '1Gi' }, limits: { cpu: '0', memory: '1Gi' } })] }, 'Burstable'],
  ])('%s → %s', (_name, spec, expected) => {
    expect(qos(spec)).toBe(expected);
  });

  it('counts init containers: an unsized init container drops a Guaranteed pod to Burstable', () => {
    expect(qos({ initContainers: [c('migrate')], containers: [c('api', G('1', '1Gi'))] })).toBe('Burstable');
    expect(qos({ initContainers: [c('migrate', G('100m', '64Mi'))], containers: [c('api', G('1', '1Gi'))] })).toBe('Guaranteed');
  });

  it('counts init containers for BestEffort too: a sized init container alone makes the pod Burstable', () => {
    expect(qos({ initContainers: [c('migrate', { requests: { cpu: '100m' } })], containers: [c('api')] })).toBe('Burstable');
  });

  it('counts native sidecars (restartPolicy: Always init containers) like any container', () => {
    const sidecar = (r?: { requests?: RL; limits?: RL }) => c('envoy', r, { restartPolicy: 'Always' });
    expect(qos({ initContainers: [sidecar()], containers: [c('api', G('1', '1Gi'))] })).toBe('Burstable');
    expect(qos({ initContainers: [sidecar(G('100m', '128Mi'))], containers: [c('api', G('1', '1Gi'))] })).toBe('Guaranteed');
  });

  it('ignores ephemeral containers (they cannot declare resources)', () => {
    expect(qos({ containers: [c('api', G('1', '1Gi'))], ephemeralContainers: [c('debug')] })).toBe('Guaranteed');
  });

  it('is not Guaranteed while a value is a "<CHANGE-ME: …>" placeholder (it cannot be compared)', () => {
    expect(qos({ containers: [c('api', { requests: { cpu: '1', memory: '<CHANGE-ME: memory>' }, limits: { cpu: '1', memory: '1Gi' } })] })).toBe('Burstable');
    expect(qos({ containers: [c('api', { limits: { cpu: '1', memory: '<CHANGE-ME: memory limit>' } })] })).toBe('Burstable');
  });
});

describe('qosClassOf — LimitRange defaults (LimitRanger admission)', () => {
  it('turns a bare pod Guaranteed when default = defaultRequest (or defaultRequest is unset)', () => {
    expect(qos({ containers: [c('api')] }, [lr({ type: 'Container', default: { cpu: '500m', memory: '512Mi' } })])).toBe('Guaranteed');
    expect(qos({ containers: [c('api')] }, [lr({ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '500m', memory: '512Mi' } })])).toBe('Guaranteed');
  });

  it('makes it Burstable when defaultRequest is below default', () => {
    expect(qos({ containers: [c('api')] }, [lr({ type: 'Container', default: { cpu: '1', memory: '1Gi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } })])).toBe('Burstable');
  });

  it('makes it Burstable with defaultRequest only (no limits)', () => {
    expect(qos({ containers: [c('api')] }, [lr({ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' } })])).toBe('Burstable');
  });

  it('applies to init containers too', () => {
    const ns = [lr({ type: 'Container', default: { cpu: '200m', memory: '128Mi' } })];
    expect(qos({ initContainers: [c('migrate')], containers: [c('api', G('1', '1Gi'))] }, ns)).toBe('Guaranteed');
  });

  it('fills only what is missing: a request-only container gets the default limit', () => {
    const ns = [lr({ type: 'Container', default: { cpu: '1', memory: '1Gi' } })];
    expect(qos({ containers: [c('api', { requests: { cpu: '1', memory: '1Gi' } })] }, ns)).toBe('Guaranteed');
    expect(qos({ containers: [c('api', { requests: { cpu: '500m', memory: '1Gi' } })] }, ns)).toBe('Burstable');
  });

  it('runs after API defaulting: a limit-only container keeps request = limit', () => {
    const ns = [lr({ type: 'Container', default: { cpu: '1', memory: '1Gi' }, defaultRequest: { cpu: '100m', memory: '100Mi' } })];
    expect(qos({ containers: [c('api', { limits: { cpu: '2', memory: '2Gi' } })] }, ns)).toBe('Guaranteed');
  });

  it('ignores LimitRange items of type Pod', () => {
    expect(qos({ containers: [c('api')] }, [lr({ type: 'Pod', max: { cpu: '2', memory: '2Gi' } })])).toBe('BestEffort');
  });

  // Same root cause as the `min` case in effective-resources.test.ts: SetDefaults_LimitRangeItem
  // defaults defaultRequest to `min`, so such a namespace never runs BestEffort pods. qos.ts (through
  // limitRangeDefaults) says BestEffort — and resources-requests-missing would call it critical.
  it('a LimitRange with only `min` gives containers requests: Burstable, not BestEffort', () => {
    expect(qos({ containers: [c('api')] }, [lr({ type: 'Container', min: { cpu: '50m', memory: '32Mi' } })])).toBe('Burstable');
  });
});

describe('qosClassOf — pod-level resources (KEP-2837, beta in 1.34)', () => {
  it('uses pod-level requests = limits and ignores the containers', () => {
    expect(qos({ resources: G('1', '1Gi'), containers: [c('api'), c('sidecar')] })).toBe('Guaranteed');
    expect(qos({ resources: G('1', '1Gi'), initContainers: [c('migrate')], containers: [c('api', { requests: { cpu: '100m' } })] })).toBe('Guaranteed');
  });

  it('is Guaranteed with pod-level limits only when no container requests anything (pod requests default to the limits)', () => {
    expect(qos({ resources: { limits: { cpu: '2', memory: '2Gi' } }, containers: [c('api')] })).toBe('Guaranteed');
  });

  it('is Burstable with pod-level requests only, or limits for one resource only', () => {
    expect(qos({ resources: { requests: { cpu: '1', memory: '1Gi' } }, containers: [c('api', G('1', '1Gi'))] })).toBe('Burstable');
    expect(qos({ resources: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } }, containers: [c('api')] })).toBe('Burstable');
  });

  it('ignores LimitRange defaults (the pod-level values decide)', () => {
    expect(qos({ resources: { requests: { cpu: '1', memory: '1Gi' } }, containers: [c('api')] }, [lr({ type: 'Container', default: { cpu: '1', memory: '1Gi' } })])).toBe('Burstable');
  });

  // Empty pod-level resources: Kubernetes 1.34/1.35 ComputePodQOS takes the pod-level branch whenever
  // `spec.resources != nil`, so `resources: {}` makes the pod BestEffort whatever its containers say
  // (kubernetes/kubernetes#135082). PR #137150 (gate PodLevelResourcesFixKubeletQOSClass) fixes it:
  // empty pod-level resources no longer affect the class. qos.ts follows the fixed behaviour — a
  // deliberate choice; on unfixed clusters status.qosClass (observedQosClass) tells what runs.
  it('falls back to the containers when pod-level resources set no cpu or memory (the fixed upstream behaviour)', () => {
    expect(qos({ resources: {}, containers: [c('api', G('1', '1Gi'))] })).toBe('Guaranteed');
    expect(qos({ resources: { requests: {}, limits: {} }, containers: [c('api', G('1', '1Gi'))] })).toBe('Guaranteed');
    expect(qos({ resources: { limits: { 'hugepages-2Mi': '128Mi' } }, containers: [c('api', { requests: { cpu: '1' } })] })).toBe('Burstable');
  });

  // defaultPodRequests (pkg/apis/core/v1/defaults.go, SetDefaults_Pod with PodLevelResources): when
  // pod-level limits are set and pod-level requests are not, the pod-level request defaults to the
  // containers' aggregated requests if any container requests that resource, and only otherwise to
  // the pod-level limit. Here the API server stores pod requests cpu 500m / memory 512Mi under limits
  // 2 / 2Gi → ComputePodQOS says Burstable. qos.ts runs effectiveResources({resources: podLevel}, [])
  // which copies the pod-level limit into the missing request → Guaranteed (wrong).
  // Suggested fix: in the pod-level branch, default a missing pod-level request from the sum of the
  // containers' requests (after request = limit defaulting, without LimitRange defaults — admission
  // runs after defaulting; max over init containers as resourcehelper.AggregateContainerRequests
  // does) and only fall back to the pod-level limit when no container requests the resource.
  it('pod-level limits with container requests: the pod request defaults to the containers\' requests → Burstable', () => {
    expect(qos({ resources: { limits: { cpu: '2', memory: '2Gi' } }, containers: [c('api', { requests: { cpu: '500m', memory: '512Mi' } })] })).toBe('Burstable');
  });
});

describe('effectiveQosClass and observedQosClass on apps', () => {
  const yaml = (podSpec: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
${podSpec}
${extra}`;

  it('is what the report shows as qosClass, with the namespace LimitRange applied', () => {
    const text = yaml(
      `      containers:
        - name: api
          image: registry.example.com/api:1.0.0`,
      `---
apiVersion: v1
kind: LimitRange
metadata: { name: defaults, namespace: shop }
spec:
  limits:
    - type: Container
      default: { cpu: 500m, memory: 256Mi }`,
    );
    expect(scanObjects(objectsOfText(text)).apps[0]?.qosClass).toBe('Guaranteed');
    // A LimitRange in another namespace does not apply.
    expect(scanObjects(objectsOfText(text.replace('name: defaults, namespace: shop', 'name: defaults, namespace: other'))).apps[0]?.qosClass).toBe('BestEffort');
  });

  const app = (podSpec: Json, pods: KubeObject[] = []): App =>
    ({ podSpec, related: { limitRanges: [], pods } }) as unknown as App;
  const pod = (qosClass: unknown): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-1' }, status: { qosClass } });

  it('effectiveQosClass reads the pod template', () => {
    expect(effectiveQosClass(app({ containers: [c('api', G('1', '1Gi'))] }))).toBe('Guaranteed');
  });

  it('observedQosClass reads status.qosClass of the first live pod that reports one', () => {
    expect(observedQosClass(app({}, []))).toBeNull();
    expect(observedQosClass(app({}, [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, pod('Burstable')]))).toBe('Burstable');
    expect(observedQosClass(app({}, [pod('Gold')]))).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Property: qosClassOf agrees with straight ports of the upstream algorithms on random valid pods.
// ---------------------------------------------------------------------------------------------

type Res = { requests: RL; limits: RL };
const NAMES = ['cpu', 'memory'] as const;
const q = (v: string | undefined) => (v === undefined ? 0 : parseQuantity(v) ?? Number.NaN);

/** SetDefaults_Pod, then LimitRanger's mergeContainerResources for one defaulted LimitRange item. */
function admitted(r: Res, item: { default: RL; defaultRequest: RL } | null): Res {
  const out: Res = { requests: { ...r.requests }, limits: { ...r.limits } };
  for (const [k, v] of Object.entries(out.limits)) if (!(k in out.requests)) out.requests[k] = v;
  if (item) {
    for (const [k, v] of Object.entries(item.default)) if (!(k in out.limits)) out.limits[k] = v;
    for (const [k, v] of Object.entries(item.defaultRequest)) if (!(k in out.requests)) out.requests[k] = v;
  }
  return out;
}

/** ComputePodQOS as of 1.34 (container branch): sums of non-zero cpu/memory quantities. */
function computePodQosSums(containers: Res[]): QosClass {
  const req = new Map<string, number>();
  const lim = new Map<string, number>();
  let guaranteed = true;
  for (const r of containers) {
    const found = new Set<string>();
    for (const n of NAMES) {
      if (q(r.requests[n]) > 0) req.set(n, (req.get(n) ?? 0) + q(r.requests[n]));
      if (q(r.limits[n]) > 0) {
        found.add(n);
        lim.set(n, (lim.get(n) ?? 0) + q(r.limits[n]));
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (req.size === 0 && lim.size === 0) return 'BestEffort';
  if (guaranteed) for (const [n, v] of req) if (lim.get(n) === undefined || Math.abs(lim.get(n)! - v) > 1e-9) guaranteed = false;
  return guaranteed && req.size === lim.size ? 'Guaranteed' : 'Burstable';
}

/** The newer per-container form (resourceQOS per container, then aggregated). */
function computePodQosPerContainer(containers: Res[]): QosClass {
  let pod: QosClass | null = null;
  for (const r of containers) {
    let cls: QosClass | null = null;
    for (const n of NAMES) {
      const a = q(r.requests[n]);
      const b = q(r.limits[n]);
      if (Math.abs(a - b) > 1e-9) return 'Burstable';
      const be = a === 0;
      if (cls === null) cls = be ? 'BestEffort' : 'Guaranteed';
      else if (be !== (cls === 'BestEffort')) return 'Burstable';
    }
    if (pod === null) pod = cls;
    else if (pod !== cls) return 'Burstable';
  }
  return pod ?? 'BestEffort';
}

describe('qosClassOf — property: agrees with the upstream algorithm', () => {
  const cpu = fc.constantFrom(undefined, '0', '100m', '250m', '0.25', '500m', '1', '1000m', '2');
  const memory = fc.constantFrom(undefined, '0', '64Mi', '128Mi', '134217728', '256Mi', '1Gi', '1024Mi');
  const rl = fc.record({ cpu, memory }).map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as RL);
  const res = fc.record({ requests: rl, limits: rl });
  const item = fc.option(fc.record({ default: rl, defaultRequest: rl }), { nil: null });
  // A pod the API server accepts: request ≤ limit for every container after defaults.
  const valid = (cs: Res[]) => cs.every((r) => NAMES.every((n) => r.limits[n] === undefined || q(r.requests[n]) <= q(r.limits[n]) + 1e-9));

  it('for any valid pod with init containers, native sidecars and a LimitRange', () => {
    fc.assert(
      fc.property(fc.array(res, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(res, fc.boolean()), { maxLength: 2 }), item, (mains, inits, lrItem) => {
        // SetDefaults_LimitRangeItem: defaultRequest falls back to default.
        const defaulted = lrItem ? { default: lrItem.default, defaultRequest: { ...lrItem.default, ...lrItem.defaultRequest } } : null;
        const all = [...inits.map(([r]) => r), ...mains].map((r) => admitted(r, defaulted));
        fc.pre(valid(all));
        const spec = {
          initContainers: inits.map(([r, sidecar], i) => c(`init-${i}`, r, sidecar ? { restartPolicy: 'Always' } : {})),
          containers: mains.map((r, i) => c(`app-${i}`, r)),
        };
        const ranges = lrItem ? [lr({ type: 'Container', default: lrItem.default, defaultRequest: lrItem.defaultRequest })] : [];
        const expected = computePodQosSums(all);
        expect(computePodQosPerContainer(all)).toBe(expected);
        expect(qos(spec, ranges)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
