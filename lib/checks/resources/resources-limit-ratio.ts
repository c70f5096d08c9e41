import type { App } from '../../apps/types';
import type { EffectiveValue, ResourceName } from '../../facts/effective-resources';
import type { Json } from '../../snapshot/types';
import { atContainer, changeMe, containerIn, containersOf, formatQuantity, notApplicable, pass, parseQuantity, workloadFix } from '../helpers';
import type { Check, CheckResult, Fix } from '../types';
import { ceilQuantity, containerLabel, effectiveOf, isSet, MAX_RATIO, objectAt, podLevelResources, RESOURCE_NAMES, sourceText } from './_resources';

interface Pair {
  name: ResourceName;
  request: EffectiveValue;
  limit: EffectiveValue;
  ratio: number;
}

/** Request/limit pairs that can be compared (both parsed and non-zero; placeholders cannot). */
function pairsOf(requests: Partial<Record<ResourceName, EffectiveValue>>, limits: Partial<Record<ResourceName, EffectiveValue>>): Pair[] {
  const out: Pair[] = [];
  for (const name of RESOURCE_NAMES) {
    const request = requests[name];
    const limit = limits[name];
    if (!isSet(request) || !isSet(limit) || request.value === null || limit.value === null || request.value <= 0) continue;
    out.push({ name, request, limit, ratio: limit.value / request.value });
  }
  return out;
}

const times = (r: number) => `${+r.toFixed(1)}×`;

function describePair(p: Pair): string {
  if (p.request.source === 'limit') return `${p.name} request = limit ${p.limit.raw}${sourceText(p.limit)}`;
  return `${p.name} limit ${p.limit.raw}${sourceText(p.limit)} is ${times(p.ratio)} the request ${p.request.raw}${sourceText(p.request)}`;
}

/** The request that brings the ratio down to the ceiling: limit ÷ max ratio, rounded up. */
function minimalRequest(p: Pair): string {
  return formatQuantity(ceilQuantity(p.limit.value! / MAX_RATIO[p.name], p.name), p.name);
}

function raiseRequestsFix(app: App, label: string, over: Pair[], target: (podSpec: Json) => Json): Fix {
  return workloadFix(app, {
    kind: 'input',
    summary:
      `Narrow the gap on ${label}: raise the ${over.map((p) => p.name).join(' and ')} request${over.length > 1 ? 's' : ''} to what it really uses ` +
      `(at least ${over.map((p) => `${minimalRequest(p)} ${p.name}`).join(', ')}), or lower the limit toward the request`,
    mutate: (_w, podSpec) => {
      const requests = objectAt(target(podSpec), 'requests');
      for (const p of over) {
        requests[p.name] = changeMe(`${p.name} request, the real steady usage; at least ${minimalRequest(p)} (limit ${p.limit.raw} ÷ ${MAX_RATIO[p.name]})`);
      }
    },
  });
}

/**
 * A limit far above the request is overcommit: the scheduler reserves the request, the container
 * may use up to the limit, and when neighbours do the same the node runs out.
 * https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export const check: Check = {
  id: 'resources-limit-ratio',
  title: 'Limit far above request',
  topic: 'resources',
  severity: 'info',
  fixKind: 'input',
  needs: 'spec',
  reads: ['limitranges'],
  summary: 'A memory limit above 4× its request, or a cpu limit above 10× its request (heavy overcommit), after defaults.',
  rationale:
    'Requests are reserved on the node; limits are only a ceiling. A container whose memory limit is many times its request ' +
    'is sold a reservation far below what it may use: when several such pods on a node grow at once the node runs out of ' +
    'memory and the kubelet evicts pods that exceed their requests first — these ones. A wide cpu gap makes latency depend on ' +
    'the neighbours. When requests equal limits for every container the pod is *Guaranteed*: nothing is oversold. ' +
    'Values are compared after defaults (a LimitRange `default` limit counts).',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/#pod-selection-for-kubelet-eviction',
  ],
  appliesTo: () => null,
  evaluate(app) {
    const results: CheckResult[] = containersOf(app, 'all').map((ref): CheckResult => {
      const eff = effectiveOf(app, ref);
      const label = containerLabel(ref);
      const pairs = pairsOf(eff.requests, eff.limits);
      if (!pairs.length) return notApplicable(`${label}: no cpu or memory limit with a request to compare`, atContainer(ref, '/resources'));
      const over = pairs.filter((p) => p.ratio > MAX_RATIO[p.name]);
      const evidence = { ratios: Object.fromEntries(pairs.map((p) => [p.name, +p.ratio.toFixed(2)])) };
      if (!over.length) return pass(`${label}: ${pairs.map(describePair).join('; ')}`, atContainer(ref, '/resources'), evidence);
      return {
        status: 'fail',
        ...atContainer(ref, '/resources'),
        message: `${label}: ${over.map((p) => `${describePair(p)} (more than ${MAX_RATIO[p.name]}×)`).join('; ')}`,
        evidence,
        fix: raiseRequestsFix(app, label, over, (podSpec) => objectAt(containerIn(podSpec, ref), 'resources')),
      };
    });
    // Pod-level resources (KEP-2837): judge the pair when both halves are written.
    const podLevel = podLevelResources(app);
    const value = (raw: string | undefined): EffectiveValue | undefined => (raw ? { raw, value: parseQuantity(raw), source: 'spec' } : undefined);
    const podPairs = pairsOf(
      { cpu: value(podLevel.requests.cpu), memory: value(podLevel.requests.memory) },
      { cpu: value(podLevel.limits.cpu), memory: value(podLevel.limits.memory) },
    );
    if (podPairs.length) {
      const at = { container: null, path: `${app.podSpecPath}/resources` };
      const over = podPairs.filter((p) => p.ratio > MAX_RATIO[p.name]);
      results.push(
        over.length
          ? {
              status: 'fail',
              ...at,
              message: `pod-level resources: ${over.map((p) => `${describePair(p)} (more than ${MAX_RATIO[p.name]}×)`).join('; ')}`,
              evidence: { podLevel },
              fix: raiseRequestsFix(app, 'the pod-level resources', over, (podSpec) => objectAt(podSpec, 'resources')),
            }
          : pass(`pod-level resources: ${podPairs.map(describePair).join('; ')}`, at, { podLevel }),
      );
    }
    return results;
  },
};
