import { atContainer, containerIn, containersOf, effectiveProbe, notApplicable, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { keepLivenessDistinct, longRunningOnly, PROBE_CONCEPTS, PROBE_DOCS } from './_common';

/**
 * A liveness probe with failureThreshold 1 restarts the container on the first slow or failed answer.
 * https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes
 */
export const check: Check = {
  id: 'probe-liveness-aggressive',
  title: 'Liveness probe restarts on one failure',
  topic: 'probes',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'spec',
  summary: 'A liveness probe has `failureThreshold: 1`: one slow answer restarts the container.',
  rationale:
    'With `failureThreshold: 1` a single probe that times out — a GC pause, a burst of traffic, a noisy neighbour — ' +
    'kills the container, which drops its in-flight work and makes the next start slower, and under load the restarts ' +
    'spread to the other replicas. A startup probe does not help: it only holds liveness off until the first success. ' +
    'The fix sets the API default, 3 (one more if that would make liveness identical to readiness).',
  docs: [`${PROBE_DOCS}#configure-probes`, PROBE_CONCEPTS],
  appliesTo: longRunningOnly,
  evaluate(app) {
    return containersOf(app, 'app').map((ref): CheckResult => {
      const live = effectiveProbe(ref, 'livenessProbe');
      if (!live) return notApplicable(`Container ${ref.name} has no liveness probe`, atContainer(ref));
      const at = atContainer(ref, '/livenessProbe/failureThreshold');
      if (live.failureThreshold > 1) return pass(`Liveness probe of container ${ref.name} tolerates ${live.failureThreshold} failures`, at);
      const startup = ref.container?.startupProbe ? ' (its startup probe covers only start-up)' : '';
      return {
        status: 'fail',
        ...at,
        message: `Liveness probe of container ${ref.name} has failureThreshold 1: one answer slower than ${live.timeoutSeconds} s restarts the container${startup}`,
        evidence: { failureThreshold: 1, timeoutSeconds: live.timeoutSeconds, periodSeconds: live.periodSeconds, startupProbe: !!ref.container?.startupProbe },
        fix: workloadFix(app, {
          kind: 'safe',
          summary: `Set failureThreshold: 3 on the liveness probe of container ${ref.name}`,
          mutate: (_w, podSpec) => {
            const c = containerIn(podSpec, ref);
            c.livenessProbe.failureThreshold = 3;
            keepLivenessDistinct(ref, c);
          },
        }),
      };
    });
  },
};
