import { atContainer, containerIn, containersOf, notApplicable, pass, probesOf, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { applyTimings, keepLivenessDistinct, longRunningOnly, PROBE_DOCS, PROBE_LABEL, saneTimings } from './_common';

/**
 * An exec probe starts a process in the container; with the default one-second timeout, any
 * slowness (CPU throttling, a cold cache, a busy node) fails it — and the kubelet enforces that
 * timeout since 1.20 (ExecProbeTimeout), where it used to be ignored.
 * https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes
 */
export const check: Check = {
  id: 'probe-exec-timeout-tight',
  title: 'Exec probe with a one-second timeout',
  topic: 'probes',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'spec',
  summary: 'An exec probe has `timeoutSeconds` ≤ 1 (the default).',
  rationale:
    'The domain\'s story: a liveness probe ran a script every 10 s that curled an endpoint, with `timeoutSeconds: 1`. ' +
    'An exec probe has to start a process inside the container and finish within that second; a throttled CPU or a busy ' +
    'node is enough to miss it, and a liveness probe that misses restarts the container. Exec probe timeouts were ignored ' +
    'before Kubernetes 1.20 and are enforced since (`ExecProbeTimeout`, locked on in 1.35), so a probe that silently relied ' +
    'on taking longer starts failing after an upgrade. The fix gives exec probes 5 s, kept below `periodSeconds` ' +
    '(`min(5, period − 1)`, or 2 s with a period raised to 4 s when the period is too short).',
  docs: [`${PROBE_DOCS}#configure-probes`, 'https://github.com/kubernetes/kubernetes/pull/94115'],
  appliesTo: longRunningOnly,
  evaluate(app) {
    return containersOf(app, 'app').map((ref): CheckResult => {
      const execs = probesOf(ref).filter((p) => p.handler === 'exec');
      if (!execs.length) return notApplicable(`Container ${ref.name} has no exec probe`, atContainer(ref));
      const tight = execs.filter((p) => p.timeoutSeconds <= 1);
      if (!tight.length) {
        return pass(`Exec probes of container ${ref.name} allow ${execs.map((p) => `${p.timeoutSeconds} s (${PROBE_LABEL[p.kind]})`).join(', ')}`, atContainer(ref));
      }
      const seen = tight.map((p) => `${PROBE_LABEL[p.kind]} ${p.raw.timeoutSeconds === undefined ? 'leaves timeoutSeconds unset (1 s)' : `sets timeoutSeconds: ${p.raw.timeoutSeconds}`}`);
      return {
        status: 'fail',
        container: ref.name,
        path: tight[0]!.path,
        message: `Container ${ref.name}: the exec ${seen.join('; the exec ')} — the command must start and finish within a second`,
        evidence: { probes: tight.map((p) => ({ kind: p.kind, timeoutSeconds: p.timeoutSeconds, periodSeconds: p.periodSeconds })) },
        fix: workloadFix(app, {
          kind: 'safe',
          summary: `Give the exec probes of container ${ref.name} ${tight.map((p) => `${saneTimings(p).timeoutSeconds} s (${PROBE_LABEL[p.kind]})`).join(', ')}`,
          mutate: (_w, podSpec) => {
            const c = containerIn(podSpec, ref);
            for (const p of tight) applyTimings(c[p.kind], p, saneTimings(p));
            keepLivenessDistinct(ref, c);
          },
        }),
      };
    });
  },
};
