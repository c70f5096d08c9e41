import { atContainer, containerIn, containersOf, effectiveProbe, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { httpProbeTemplate, longRunningOnly, probeNoun, PROBE_CONCEPTS, PROBE_DOCS } from './_common';

/**
 * Without a liveness probe the kubelet restarts a container only when its process exits; a deadlocked
 * process stays "running" forever.
 * https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/#liveness-probe
 */
export const check: Check = {
  id: 'probe-liveness-missing',
  title: 'No liveness probe',
  topic: 'probes',
  severity: 'info',
  fixKind: 'input',
  needs: 'spec',
  summary: 'A long-running app container has no liveness probe.',
  rationale:
    'Without a liveness probe the kubelet restarts a container only when its process exits: a deadlocked or wedged ' +
    'process keeps its pod *Running* until someone notices. A liveness probe lets the kubelet restart it — but a misused ' +
    'one does harm (see `probe-liveness-aggressive`, `probe-liveness-equals-readiness`), so it must check only that the ' +
    'process can make progress, never its dependencies. That is why this is information, and why the path is left to the owner.',
  docs: [PROBE_CONCEPTS, PROBE_DOCS],
  appliesTo: longRunningOnly,
  evaluate(app) {
    return containersOf(app, 'app').map((ref): CheckResult => {
      const probe = effectiveProbe(ref, 'livenessProbe');
      if (probe) return pass(`Container ${ref.name} has ${probeNoun(probe.handler, 'liveness')}`, atContainer(ref, '/livenessProbe'));
      return {
        status: 'fail',
        ...atContainer(ref),
        message: `Container ${ref.name}${ref.role === 'sidecar' ? ' (native sidecar)' : ''} has no liveness probe: a hung process is never restarted`,
        evidence: { hasReadinessProbe: !!ref.container?.readinessProbe },
        fix: workloadFix(app, {
          kind: 'input',
          summary: `Add a liveness probe to container ${ref.name}: choose a path that checks the process itself, not its dependencies`,
          mutate: (_w, podSpec) => {
            const c = containerIn(podSpec, ref);
            // Tolerate more failures than the readiness default (3): liveness restarts, readiness only sheds traffic.
            c.livenessProbe = { ...httpProbeTemplate(c, 'a path that answers 2xx while the process can make progress, without checking dependencies, e.g. /livez'), failureThreshold: 6 };
          },
        }),
      };
    });
  },
};
