import { atContainer, changeMe, containerIn, containersOf, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { containerLabel, describeValue, effectiveOf, isSet, objectAt, podLevelResources } from './_resources';

/**
 * Memory is not compressible: a container without a memory limit can take the node's memory until
 * the kernel OOM killer or a node-pressure eviction stops something — possibly another team's pod.
 * https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#memory-limits
 */
export const check: Check = {
  id: 'resources-memory-limit-missing',
  title: 'Memory limit missing',
  topic: 'resources',
  severity: 'warning',
  fixKind: 'input',
  needs: 'spec',
  reads: ['limitranges'],
  summary: 'A container (init containers included) has no memory limit and no LimitRange default or pod-level memory limit bounds it.',
  rationale:
    '`limits` are the ceiling, enforced by cgroups. CPU over its limit is only throttled, but memory cannot be taken back: ' +
    'a container without a memory limit grows until the node runs short, and then the kernel OOM killer or the kubelet\'s ' +
    'node-pressure eviction picks a victim — not necessarily the container that leaked. With a limit, the leak kills only ' +
    'its own container, which restarts. A namespace LimitRange `default` (or a pod-level memory limit, which bounds all ' +
    'containers of the pod together) satisfies the check.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run',
    'https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
  ],
  appliesTo: () => null,
  evaluate(app) {
    const podLevel = podLevelResources(app);
    return containersOf(app, 'all').map((ref): CheckResult => {
      const eff = effectiveOf(app, ref);
      const label = containerLabel(ref);
      const limit = eff.limits.memory;
      const request = eff.requests.memory;
      const evidence = { memoryLimit: limit ?? null, memoryRequest: request ?? null, ...(podLevel.present ? { podLevel } : {}) };
      if (isSet(limit)) return pass(`${label}: ${describeValue('memory', 'limit', limit)}`, atContainer(ref, '/resources/limits/memory'), evidence);
      if (podLevel.limits.memory) {
        return pass(
          `${label}: no memory limit of its own; the pod-level memory limit ${podLevel.limits.memory} bounds all containers of the pod together`,
          atContainer(ref, '/resources/limits/memory'),
          evidence,
        );
      }
      const knownRequest = isSet(request) && request.value !== null ? request : undefined;
      return {
        status: 'fail',
        ...atContainer(ref, '/resources'),
        message: `${label}: no memory limit${isSet(request) ? ` (${describeValue('memory', 'request', request)})` : ' (and no memory request)'}`,
        evidence,
        fix: workloadFix(app, {
          kind: 'input',
          summary: `Set a memory limit on ${label}: its peak working set plus headroom${knownRequest ? `, at least its ${knownRequest.raw} request` : ''}`,
          mutate: (_w, podSpec) => {
            const limits = objectAt(objectAt(containerIn(podSpec, ref), 'resources'), 'limits');
            limits.memory = changeMe(knownRequest ? `memory limit, at least the ${knownRequest.raw} request` : 'memory limit, e.g. 512Mi');
          },
        }),
      };
    });
  },
};
