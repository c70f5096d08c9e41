import { atContainer, containerIn, containersOf, effectiveProbe, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { httpProbeTemplate, longRunningOnly, probeNoun, PROBE_CONCEPTS, PROBE_DOCS, PROBE_LABEL } from './_common';

/**
 * Without a readiness probe a container counts as ready as soon as it starts, so a Service sends it
 * traffic before it can answer, and keeps sending traffic while it cannot.
 * https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/#readiness-probe
 */
export const check: Check = {
  id: 'probe-readiness-missing',
  title: 'No readiness probe',
  topic: 'probes',
  severity: 'warning',
  severities: ['critical', 'warning'],
  fixKind: 'input',
  needs: 'spec',
  summary: 'A long-running app container has no readiness probe (critical when a Service selects the pod, else a warning).',
  rationale:
    'A container without a readiness probe is *Ready* the moment its process starts. Behind a Service that means ' +
    'requests reach it while it is still loading, and keep reaching it when it can no longer answer — every roll-out ' +
    'and every slow start turns into errors for callers. A readiness probe takes the pod out of the endpoints until it ' +
    'answers. Native sidecars count too: their readiness gates the pod. The fix adds an `httpGet` probe on the ' +
    "container's port when it declares exactly one; the path is the owner's to choose.",
  docs: [PROBE_CONCEPTS, PROBE_DOCS, 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes'],
  reads: ['services'],
  appliesTo: longRunningOnly,
  evaluate(app) {
    const services = app.related.services.map((s) => s.metadata?.name).filter((n): n is string => typeof n === 'string');
    return containersOf(app, 'app').map((ref): CheckResult => {
      const probe = effectiveProbe(ref, 'readinessProbe');
      if (probe) return pass(`Container ${ref.name} has ${probeNoun(probe.handler, 'readiness')}`, atContainer(ref, '/readinessProbe'));
      const sidecar = ref.role === 'sidecar' ? ' (native sidecar)' : '';
      const behind = services.length ? `; Service ${services.join(', ')} sends it traffic as soon as it starts` : '';
      const other = ['livenessProbe', 'startupProbe'].filter((k) => ref.container?.[k]).map((k) => PROBE_LABEL[k as 'livenessProbe']);
      return {
        status: 'fail',
        ...atContainer(ref),
        severity: services.length ? 'critical' : 'warning',
        message: `Container ${ref.name}${sidecar} has no readiness probe${behind}${other.length ? ` (it has a ${other.join(' and a ')} probe, which does not gate traffic)` : ''}`,
        evidence: { services, otherProbes: other },
        fix: workloadFix(app, {
          kind: 'input',
          summary: `Add a readiness probe to container ${ref.name}: choose the path that answers 200 only when it can serve requests`,
          mutate: (_w, podSpec) => {
            const c = containerIn(podSpec, ref);
            c.readinessProbe = httpProbeTemplate(c, 'a path that answers 2xx only when the app can serve, e.g. /ready');
          },
        }),
      };
    });
  },
};
