import { atContainer, changeMe, containerIn, containersOf, effectiveProbe, notApplicable, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { longRunningOnly, PROBE_CONCEPTS, PROBE_DOCS, sameProbe } from './_common';

/**
 * Readiness takes a pod out of the endpoints; liveness restarts it. When both probes are the same,
 * every time the pod should only stop taking traffic it is also restarted.
 * https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
 */
export const check: Check = {
  id: 'probe-liveness-equals-readiness',
  title: 'Liveness probe identical to readiness probe',
  topic: 'probes',
  severity: 'warning',
  fixKind: 'input',
  needs: 'spec',
  summary: 'The liveness and readiness probes are identical after API defaults (handler and every timing field).',
  rationale:
    'A readiness failure should take the pod out of the Service while it recovers; a liveness failure restarts it. ' +
    'With identical probes both fire together, so a pod that is only busy — or whose database is down, when the ' +
    'shared endpoint checks dependencies — is restarted instead of being left to recover, and restarts cascade across ' +
    'replicas. Probes are compared after API defaults (period 10, timeout 1, failure 3, success 1; httpGet path `/`, ' +
    'scheme HTTP, named ports resolved). The fix gives liveness twice the readiness failureThreshold (at least 6) and, ' +
    'for HTTP probes, asks for a liveness path that does not check dependencies.',
  docs: [PROBE_CONCEPTS, `${PROBE_DOCS}#configure-probes`],
  appliesTo: longRunningOnly,
  evaluate(app) {
    return containersOf(app, 'app').map((ref): CheckResult => {
      const live = effectiveProbe(ref, 'livenessProbe');
      const ready = effectiveProbe(ref, 'readinessProbe');
      if (!live || !ready) {
        const has = live ? 'no readiness probe' : ready ? 'no liveness probe' : 'neither a liveness nor a readiness probe';
        return notApplicable(`Container ${ref.name} has ${has} to compare`, atContainer(ref));
      }
      if (!sameProbe(live, ready, ref.container)) return pass(`Liveness and readiness probes of container ${ref.name} differ`, atContainer(ref, '/livenessProbe'));
      const threshold = Math.max(6, 2 * ready.failureThreshold);
      const http = live.handler === 'httpGet';
      const what = http ? `httpGet ${ready.raw.httpGet?.path || '/'} on port ${ready.raw.httpGet?.port}` : (live.handler ?? 'handler');
      return {
        status: 'fail',
        ...atContainer(ref, '/livenessProbe'),
        message:
          `Container ${ref.name}: liveness and readiness are the same ${what} probe (period ${live.periodSeconds} s, timeout ${live.timeoutSeconds} s, ` +
          `failureThreshold ${live.failureThreshold}) — whenever it should only stop taking traffic, it is restarted`,
        evidence: { handler: live.handler, periodSeconds: live.periodSeconds, timeoutSeconds: live.timeoutSeconds, failureThreshold: live.failureThreshold },
        fix: workloadFix(app, {
          kind: 'input',
          summary: `Let the liveness probe of container ${ref.name} tolerate ${threshold} failures${http ? ' and point it at a path that does not check dependencies' : ''}`,
          mutate: (_w, podSpec) => {
            const l = containerIn(podSpec, ref).livenessProbe;
            l.failureThreshold = threshold;
            if (http) l.httpGet.path = changeMe(`a liveness path that does not check dependencies, or keep ${ready.raw.httpGet?.path || '/'}`);
          },
        }),
      };
    });
  },
};
