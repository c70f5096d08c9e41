import type { Json } from '../../snapshot/types';
import { atContainer, changeMe, containerIn, containersOf, isNativeSidecar, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { containerLabel, describeValue, effectiveOf, isSet, objectAt, podLevelResources, podQosClass, RESOURCE_NAMES } from './_resources';

/**
 * The kubelet computes the QoS class over every container, init containers included: one init
 * container without requests or limits drops an otherwise Guaranteed pod to Burstable.
 * https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/
 */
export const check: Check = {
  id: 'resources-init-unset',
  title: 'Init container without requests or limits',
  topic: 'resources',
  severity: 'info',
  fixKind: 'input',
  needs: 'spec',
  reads: ['limitranges'],
  summary: 'A plain init container sets no cpu or memory requests or limits (after LimitRange defaults), which keeps the pod from Guaranteed.',
  rationale:
    'One-time initialization belongs in init containers, and init containers count towards the pod\'s resources and QoS. ' +
    'A pod is *Guaranteed* only when every container — init containers included — has cpu and memory limits equal to its ' +
    'requests; an init container left without any drops the whole pod to Burstable (or keeps it BestEffort), even if every ' +
    'app container is sized carefully. The scheduler also reserves the larger of the biggest init container and the sum of ' +
    'the app containers, so a heavy init step without a request is invisible to it. When pod-level `spec.resources` are set, ' +
    'they alone decide the class and the check passes.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
    'https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
  ],
  appliesTo(app) {
    return containersOf(app, 'init').length ? null : 'The pod has no plain init containers (native sidecars are judged as app containers)';
  },
  evaluate(app) {
    const podLevel = podLevelResources(app);
    const qos = podQosClass(app);
    const inits = containersOf(app, 'init');
    const unset = new Set(
      inits.filter((ref) => {
        const eff = effectiveOf(app, ref);
        return !RESOURCE_NAMES.some((n) => isSet(eff.requests[n]) || isSet(eff.limits[n]));
      }).map((ref) => ref.index),
    );
    // The class the pod would have if the unset init containers were out of the picture.
    const initList: Json[] = Array.isArray(app.podSpec?.initContainers) ? app.podSpec.initContainers : [];
    const qosWithout = podQosClass(app, { ...app.podSpec, initContainers: initList.filter((c, i) => isNativeSidecar(c) || !unset.has(i)) });
    return inits.map((ref): CheckResult => {
      const label = containerLabel(ref);
      if (podLevel.present) {
        return pass(`${label}: pod-level resources decide the QoS class; it shares the pod's budget`, atContainer(ref, '/resources'));
      }
      const eff = effectiveOf(app, ref);
      if (!unset.has(ref.index)) {
        const seen = RESOURCE_NAMES.flatMap((n) => [
          ...(isSet(eff.requests[n]) ? [describeValue(n, 'request', eff.requests[n]!)] : []),
          ...(isSet(eff.limits[n]) ? [describeValue(n, 'limit', eff.limits[n]!)] : []),
        ]);
        return pass(`${label}: ${seen.join(', ')}`, atContainer(ref, '/resources'));
      }
      const effect =
        qosWithout === 'Guaranteed' && qos !== 'Guaranteed'
          ? `it keeps the pod from Guaranteed: the pod is ${qos}, and would be Guaranteed with this init container sized like the app containers`
          : `the pod is ${qos}`;
      return {
        status: 'fail',
        ...atContainer(ref, '/resources'),
        message: `${label} sets no cpu or memory requests or limits and no LimitRange default applies; ${effect}`,
        evidence: { qosClass: qos, qosWithoutUnsetInitContainers: qosWithout },
        fix: workloadFix(app, {
          kind: 'input',
          summary: `Size ${label}: set cpu and memory requests to what the init step needs, and limits equal to them if the pod should be Guaranteed`,
          mutate: (_w, podSpec) => {
            const resources = objectAt(containerIn(podSpec, ref), 'resources');
            const requests = objectAt(resources, 'requests');
            const limits = objectAt(resources, 'limits');
            requests.cpu = changeMe('cpu request of the init step, e.g. 100m');
            requests.memory = changeMe('memory request of the init step, e.g. 64Mi');
            limits.cpu = changeMe('cpu limit, equal to the request for Guaranteed');
            limits.memory = changeMe('memory limit, equal to the request for Guaranteed');
          },
        }),
      };
    });
  },
};
