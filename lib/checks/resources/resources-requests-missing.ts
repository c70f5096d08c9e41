import type { ResourceName } from '../../facts/effective-resources';
import { atContainer, changeMe, containerIn, containersOf, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { containerLabel, describeValue, effectiveOf, isSet, objectAt, podLevelResources, podQosClass, RESOURCE_NAMES } from './_resources';

const PLACEHOLDER: Record<ResourceName, string> = {
  cpu: 'cpu request, e.g. 100m',
  memory: 'memory request, e.g. 128Mi',
};

/**
 * Requests are what the scheduler reserves. A container without a cpu or memory request (after
 * API defaulting and LimitRange defaults) reserves nothing of it; a pod where no container asks for
 * anything is BestEffort, the first evicted under node pressure.
 * https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export const check: Check = {
  id: 'resources-requests-missing',
  title: 'CPU or memory request missing',
  topic: 'resources',
  severity: 'warning',
  severities: ['critical', 'warning'],
  fixKind: 'input',
  needs: 'spec',
  reads: ['limitranges'],
  summary:
    'A container (init containers included) has no cpu or no memory request and no LimitRange default supplies one; critical when the pod is BestEffort.',
  rationale:
    '`requests` are for the scheduler: the minimum the app needs. Once a pod is placed, its requests are deducted from the ' +
    "node's allocatable resources and stay reserved for it. A container without a request reserves nothing: the scheduler " +
    'packs pods onto nodes that cannot feed them, and under memory pressure the kubelet evicts pods that use more than they ' +
    'requested first. A pod in which no container requests or limits anything is **BestEffort** — the first to be evicted. ' +
    'Init containers count too (the pod reserves the larger of the biggest init container and the sum of the app containers), ' +
    'and a namespace LimitRange `defaultRequest` fills in what a container leaves unset.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/#pod-selection-for-kubelet-eviction',
  ],
  appliesTo: () => null,
  evaluate(app) {
    const qos = podQosClass(app);
    const podLevel = podLevelResources(app);
    return containersOf(app, 'all').map((ref): CheckResult => {
      const eff = effectiveOf(app, ref);
      const label = containerLabel(ref);
      const seen: string[] = [];
      const missing: ResourceName[] = [];
      for (const n of RESOURCE_NAMES) {
        const req = eff.requests[n];
        if (isSet(req)) seen.push(describeValue(n, 'request', req));
        // The API server defaults a pod-level request from the pod-level limit (or the containers' requests).
        else if (podLevel.requests[n]) seen.push(`${n} covered by the pod-level request ${podLevel.requests[n]}`);
        else if (podLevel.limits[n]) seen.push(`${n} covered by the pod-level limit ${podLevel.limits[n]}`);
        else missing.push(n);
      }
      const evidence = { requests: eff.requests, qosClass: qos, ...(podLevel.present ? { podLevel } : {}) };
      if (!missing.length) return pass(`${label}: ${seen.join(', ')}`, atContainer(ref, '/resources/requests'), evidence);
      const zero = missing.filter((n) => eff.requests[n]?.value === 0);
      const besteffort = qos === 'BestEffort';
      const what = missing.length === 2 ? 'no cpu or memory request' : `no ${missing[0]} request`;
      return {
        status: 'fail',
        ...atContainer(ref, '/resources'),
        severity: besteffort ? 'critical' : 'warning',
        message:
          `${label}: ${what}` +
          (zero.length ? ` (${zero.map((n) => `${n} request 0 counts as none`).join(', ')})` : '') +
          (seen.length ? ` (${seen.join(', ')})` : '') +
          (besteffort ? '; the pod is BestEffort: nothing is reserved for it and it is evicted first under node pressure' : ''),
        evidence,
        fix: workloadFix(app, {
          kind: 'input',
          summary: `Set the ${missing.join(' and ')} request${missing.length > 1 ? 's' : ''} of ${label} to what it needs under normal load (measure it; a namespace LimitRange defaultRequest is the alternative)`,
          mutate: (_w, podSpec) => {
            const requests = objectAt(objectAt(containerIn(podSpec, ref), 'resources'), 'requests');
            for (const n of missing) requests[n] = changeMe(PLACEHOLDER[n]);
          },
        }),
      };
    });
  },
};
