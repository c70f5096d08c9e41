import { describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../snapshot/types';
import { effectiveResources, limitRangeDefaults } from './effective-resources';

/**
 * Effective container resources = what the API server stores for a pod created from the template:
 * 1. SetDefaults_Pod (pkg/apis/core/v1/defaults.go): a limit without a request sets the request;
 * 2. SetDefaults_LimitRangeItem: an item's `default` defaults to `max`, `defaultRequest` to `default`,
 *    then to `min`;
 * 3. LimitRanger admission (plugin/pkg/admission/limitranger): a limit the container lacks takes the
 *    LimitRange `default`, a request it lacks takes `defaultRequest` — containers and init containers.
 * Defaulting (1) runs when the request is decoded, before admission (3): a limit-only container keeps
 * request = limit even when the LimitRange has another defaultRequest.
 * https://kubernetes.io/docs/concepts/policy/limit-range/
 */

const Mi = 2 ** 20;
const Gi = 2 ** 30;

function container(resources?: Json): Json {
  return { name: 'app', image: 'registry.example.com/app:1.0.0', ...(resources ? { resources } : {}) };
}

function limitRange(name: string, ...items: Json[]): KubeObject {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace: 'shop' }, spec: { limits: items } };
}

describe('effectiveResources — API defaulting', () => {
  it('keeps written requests and limits, parsed into cores and bytes', () => {
    const eff = effectiveResources(container({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } }), []);
    expect(eff.requests.cpu).toEqual({ raw: '250m', value: 0.25, source: 'spec' });
    expect(eff.requests.memory).toEqual({ raw: '256Mi', value: 256 * Mi, source: 'spec' });
    expect(eff.limits.cpu).toEqual({ raw: '1', value: 1, source: 'spec' });
    expect(eff.limits.memory).toEqual({ raw: '1Gi', value: Gi, source: 'spec' });
  });

  it('sets a missing request to its limit, per resource', () => {
    const eff = effectiveResources(container({ requests: { cpu: '100m' }, limits: { cpu: '500m', memory: '512Mi' } }), []);
    expect(eff.requests.cpu).toMatchObject({ raw: '100m', source: 'spec' });
    expect(eff.requests.memory).toEqual({ raw: '512Mi', value: 512 * Mi, source: 'limit' });
  });

  it('never invents a limit from a request', () => {
    const eff = effectiveResources(container({ requests: { cpu: '100m', memory: '128Mi' } }), []);
    expect(eff.limits).toEqual({});
  });

  it('returns nothing for a container without resources, or with empty maps', () => {
    expect(effectiveResources(container(), [])).toEqual({ requests: {}, limits: {} });
    expect(effectiveResources(container({}), [])).toEqual({ requests: {}, limits: {} });
    expect(effectiveResources(container({ requests: {}, limits: {} }), [])).toEqual({ requests: {}, limits: {} });
    expect(effectiveResources(undefined, [])).toEqual({ requests: {}, limits: {} });
  });

  it('ignores resources other than cpu and memory', () => {
    const eff = effectiveResources(container({ requests: { 'ephemeral-storage': '1Gi' }, limits: { 'nvidia.com/gpu': '1', 'hugepages-2Mi': '64Mi' } }), []);
    expect(eff).toEqual({ requests: {}, limits: {} });
  });

  it('accepts numbers as written in YAML (cpu: 2) and keeps their raw text', () => {
    const eff = effectiveResources(container({ limits: { cpu: 2, memory: 1073741824 } }), []);
    expect(eff.limits.cpu).toEqual({ raw: '2', value: 2, source: 'spec' });
    expect(eff.requests.memory).toEqual({ raw: '1073741824', value: Gi, source: 'limit' });
  });

  it('treats an empty string as unset but keeps an explicit zero (the API server does too)', () => {
    const eff = effectiveResources(container({ requests: { cpu: '', memory: '0' }, limits: { cpu: '' } }), []);
    expect(eff.requests.cpu).toBeUndefined();
    expect(eff.limits.cpu).toBeUndefined();
    expect(eff.requests.memory).toEqual({ raw: '0', value: 0, source: 'spec' });
  });

  it('keeps a "<CHANGE-ME: …>" placeholder as set, with no value', () => {
    const eff = effectiveResources(container({ limits: { memory: '<CHANGE-ME: memory limit>' } }), []);
    expect(eff.limits.memory).toEqual({ raw: '<CHANGE-ME: memory limit>', value: null, source: 'spec' });
    expect(eff.requests.memory).toEqual({ raw: '<CHANGE-ME: memory limit>', value: null, source: 'limit' });
  });
});

describe('effectiveResources — LimitRange defaults', () => {
  const lr = limitRange('defaults', { type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } });

  it('fills a bare container from default and defaultRequest', () => {
    const eff = effectiveResources(container(), [lr]);
    expect(eff.requests.cpu).toEqual({ raw: '100m', value: 0.1, source: 'limitRange' });
    expect(eff.requests.memory).toEqual({ raw: '128Mi', value: 128 * Mi, source: 'limitRange' });
    expect(eff.limits.cpu).toEqual({ raw: '500m', value: 0.5, source: 'limitRange' });
    expect(eff.limits.memory).toEqual({ raw: '512Mi', value: 512 * Mi, source: 'limitRange' });
  });

  it('never overrides what the container writes', () => {
    const eff = effectiveResources(container({ requests: { cpu: '300m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } }), [lr]);
    for (const v of [eff.requests.cpu, eff.requests.memory, eff.limits.cpu, eff.limits.memory]) expect(v?.source).toBe('spec');
  });

  it('applies API defaulting first: a limit-only container gets request = limit, not defaultRequest', () => {
    const eff = effectiveResources(container({ limits: { memory: '1Gi' } }), [lr]);
    expect(eff.requests.memory).toEqual({ raw: '1Gi', value: Gi, source: 'limit' });
    expect(eff.requests.cpu).toMatchObject({ raw: '100m', source: 'limitRange' });
    expect(eff.limits.cpu).toMatchObject({ raw: '500m', source: 'limitRange' });
  });

  it('adds the default limit to a request-only container (request stays as written)', () => {
    const eff = effectiveResources(container({ requests: { memory: '256Mi' } }), [lr]);
    expect(eff.requests.memory).toMatchObject({ raw: '256Mi', source: 'spec' });
    expect(eff.limits.memory).toMatchObject({ raw: '512Mi', source: 'limitRange' });
  });

  it('defaults defaultRequest to default when only default is set', () => {
    const eff = effectiveResources(container(), [limitRange('only-default', { type: 'Container', default: { cpu: '200m', memory: '256Mi' } })]);
    expect(eff.requests.cpu).toMatchObject({ raw: '200m', source: 'limitRange' });
    expect(eff.requests.memory).toMatchObject({ raw: '256Mi', source: 'limitRange' });
    expect(eff.limits.memory).toMatchObject({ raw: '256Mi', source: 'limitRange' });
  });

  it('defaults default (and so defaultRequest) to max when only max is set', () => {
    const eff = effectiveResources(container(), [limitRange('ceiling', { type: 'Container', max: { memory: '1Gi' } })]);
    expect(eff.limits.memory).toMatchObject({ raw: '1Gi', source: 'limitRange' });
    expect(eff.requests.memory).toMatchObject({ raw: '1Gi', source: 'limitRange' });
    expect(eff.limits.cpu).toBeUndefined();
  });

  it('prefers default over max, and defaultRequest over default', () => {
    const eff = effectiveResources(container(), [
      limitRange('mixed', { type: 'Container', max: { memory: '4Gi' }, default: { memory: '1Gi' }, defaultRequest: { memory: '512Mi' } }),
    ]);
    expect(eff.limits.memory?.raw).toBe('1Gi');
    expect(eff.requests.memory?.raw).toBe('512Mi');
  });

  it('keeps resources independent: cpu from the spec, memory from the LimitRange', () => {
    const eff = effectiveResources(container({ requests: { cpu: '50m' } }), [limitRange('mem', { type: 'Container', defaultRequest: { memory: '64Mi' } })]);
    expect(eff.requests.cpu?.source).toBe('spec');
    expect(eff.requests.memory?.source).toBe('limitRange');
    expect(eff.limits).toEqual({});
  });

  it('ignores Pod and PersistentVolumeClaim items: only type Container carries container defaults', () => {
    const eff = effectiveResources(container(), [
      limitRange('other-types', { type: 'Pod', max: { cpu: '4', memory: '8Gi' } }, { type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '50Gi' } }),
    ]);
    expect(eff).toEqual({ requests: {}, limits: {} });
  });

  it('takes each value from the first LimitRange that sets it (LimitRanger merges them in list order)', () => {
    const eff = effectiveResources(container(), [
      limitRange('a', { type: 'Container', defaultRequest: { cpu: '100m' } }),
      limitRange('b', { type: 'Container', defaultRequest: { cpu: '900m', memory: '96Mi' } }),
    ]);
    expect(eff.requests.cpu?.raw).toBe('100m');
    expect(eff.requests.memory?.raw).toBe('96Mi');
  });

  it('tolerates malformed LimitRanges', () => {
    const broken = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'broken' }, spec: { limits: 'nope' } } as KubeObject;
    const noSpec = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'empty' } } as KubeObject;
    expect(effectiveResources(container(), [broken, noSpec])).toEqual({ requests: {}, limits: {} });
  });

  // SetDefaults_LimitRangeItem (pkg/apis/core/v1/defaults.go): "If a default request is not specified,
  // but the min is provided, default request to the min". A LimitRange read from a live cluster already
  // carries the defaulted defaultRequest, but one in a manifest scan does not: effective-resources.ts
  // (limitRangeDefaults: `item.defaultRequest?.[n] ?? dflt`) never falls back to `min`, so a container
  // in such a namespace looks request-less (and its pod BestEffort) when the API server would give it
  // the min. Suggested fix: `const dreq = item.defaultRequest?.[n] ?? dflt ?? item.min?.[n];`
  it('defaults defaultRequest to min when neither defaultRequest nor default/max set it (SetDefaults_LimitRangeItem)', () => {
    const eff = effectiveResources(container(), [limitRange('floor', { type: 'Container', min: { cpu: '50m', memory: '32Mi' } })]);
    expect(eff.requests.cpu).toMatchObject({ raw: '50m', source: 'limitRange' });
    expect(eff.requests.memory).toMatchObject({ raw: '32Mi', source: 'limitRange' });
    expect(eff.limits).toEqual({});
  });

  it('lets default win over min for defaultRequest (default is applied before min)', () => {
    const eff = effectiveResources(container(), [limitRange('both', { type: 'Container', min: { memory: '32Mi' }, default: { memory: '256Mi' } })]);
    expect(eff.requests.memory?.raw).toBe('256Mi');
  });
});

describe('limitRangeDefaults', () => {
  it('returns the container defaults of the namespace as written', () => {
    expect(
      limitRangeDefaults([limitRange('defaults', { type: 'Container', default: { cpu: '1', memory: '1Gi' }, defaultRequest: { cpu: '250m' } })]),
    ).toEqual({ requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  it('returns empty maps without LimitRanges', () => {
    expect(limitRangeDefaults([])).toEqual({ requests: {}, limits: {} });
  });
});
