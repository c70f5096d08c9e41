import { atContainer, containerIn, containersOf, notApplicable, pass, probesOf, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { applyTimings, keepLivenessDistinct, longRunningOnly, PROBE_DOCS, PROBE_LABEL, saneTimings } from './_common';

/**
 * The kubelet runs one probe of a kind at a time: a probe still running when the next period starts
 * delays it, so a timeout at or above the period means back-to-back probes and a period that is not
 * the one written. https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes
 */
export const check: Check = {
  id: 'probe-timeout-exceeds-period',
  title: 'Probe timeout not below its period',
  topic: 'probes',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'spec',
  summary: 'A probe has `timeoutSeconds` ≥ `periodSeconds`.',
  rationale:
    'Each probe of a container runs in its own loop: a run that may last as long as the period leaves no pause between runs, ' +
    'so a slow endpoint is probed back to back — more load exactly when it is struggling — and the period written in ' +
    'the spec is not the one that happens. Keep the timeout below the period. The fix raises `periodSeconds` to twice ' +
    'the timeout rather than cutting the timeout: a longer period only makes detection slower, while a shorter timeout ' +
    'than the owner chose could fail a healthy but slow probe. (Exec probes also get at least 2 s, as ' +
    '`probe-exec-timeout-tight` asks.)',
  docs: [`${PROBE_DOCS}#configure-probes`],
  appliesTo: longRunningOnly,
  evaluate(app) {
    return containersOf(app, 'app').map((ref): CheckResult => {
      const probes = probesOf(ref);
      if (!probes.length) return notApplicable(`Container ${ref.name} has no probe`, atContainer(ref));
      const bad = probes.filter((p) => p.timeoutSeconds >= p.periodSeconds);
      if (!bad.length) return pass(`Every probe of container ${ref.name} times out before its next period`, atContainer(ref));
      const seen = bad.map((p) => `${PROBE_LABEL[p.kind]} timeoutSeconds ${p.timeoutSeconds} ≥ periodSeconds ${p.periodSeconds}`);
      return {
        status: 'fail',
        container: ref.name,
        path: bad[0]!.path,
        message: `Container ${ref.name}: ${seen.join('; ')} — the probe can run back to back`,
        evidence: { probes: bad.map((p) => ({ kind: p.kind, timeoutSeconds: p.timeoutSeconds, periodSeconds: p.periodSeconds })) },
        fix: workloadFix(app, {
          kind: 'safe',
          summary: `Set ${bad.map((p) => `${PROBE_LABEL[p.kind]} periodSeconds ${saneTimings(p).periodSeconds}`).join(', ')} on container ${ref.name}`,
          mutate: (_w, podSpec) => {
            const c = containerIn(podSpec, ref);
            for (const p of bad) applyTimings(c[p.kind], p, saneTimings(p));
            keepLivenessDistinct(ref, c);
          },
        }),
      };
    });
  },
};
