import { adviceFix, atContainer, containersOf, notApplicable, pass, type ContainerRef } from '../helpers';
import type { Check, CheckResult } from '../types';
import { containerLabel, listSome, livePodsOf, NO_PODS_REASON, observedContainers, restartCountOf, terminationsOf, type ObservedContainer, type Termination } from './_resources';

/** checks.md Conventions: each container's restartCount in each pod, not a sum. */
const THRESHOLD = 5;

interface Restarting {
  o: ObservedContainer;
  count: number;
  last: Termination | null;
}

function describeTermination(t: Termination | null): string {
  if (!t) return 'last termination not recorded';
  const parts = [t.reason ?? 'no reason', ...(t.exitCode !== null ? [`exit code ${t.exitCode}`] : []), ...(t.finishedAt ? [`at ${t.finishedAt}`] : [])];
  return `last: ${parts.join(', ')}`;
}

/** What the last termination suggests, in the owner's terms. */
function adviceFor(r: Restarting, ref: ContainerRef): string {
  const t = r.last;
  const logs = `\`kubectl logs ${r.o.podName} -c ${ref.name} --previous\``;
  const liveness = ref.container?.livenessProbe ? ' It has a liveness probe: check the pod events for "Liveness probe failed" and whether its timeout and failureThreshold fit the app under load.' : '';
  if (!t) return `Its last termination is not recorded: read ${logs} and \`kubectl describe pod ${r.o.podName}\` (events).${liveness}`;
  if (t.reason === 'OOMKilled') return 'It was OOMKilled: the memory limit is below its peak (see resources-oom-killed) — raise the limit or bound the heap/caches.';
  if (t.exitCode === 137) return `Exit code 137 is SIGKILL: the kubelet killed it after the grace period (typically a failed liveness probe) or the kernel did. Read the pod events and ${logs}.${liveness}`;
  if (t.exitCode === 143) return `Exit code 143 is SIGTERM: it was asked to stop — typically a failed liveness probe restarting it.${liveness || ' Read the pod events.'}`;
  if (t.exitCode === 0) {
    return ref.role === 'init'
      ? `It exits 0, yet restarts: a later init container or the pod's restart policy re-runs the init sequence. Read the pod events.`
      : `It exits with code 0 (${t.reason ?? 'Completed'}): a long-running container must not finish — check its command; a one-off task belongs in an init container or a Job.`;
  }
  if (t.exitCode !== null) return `It exits with code ${t.exitCode} (${t.reason ?? 'Error'}): the process fails at run time — read ${logs} (configuration, a dependency it cannot reach, a crash).${liveness}`;
  return `Last termination: ${t.reason ?? 'unknown'}. Read ${logs} and the pod events.${liveness}`;
}

/**
 * A container that keeps restarting — liveness kills, crashes, OOM kills — serves errors and,
 * after repeated failures, waits in CrashLoopBackOff with an exponential back-off up to 5 minutes.
 * https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts
 */
export const check: Check = {
  id: 'resources-restarts',
  title: 'Container restarting repeatedly',
  topic: 'resources',
  severity: 'warning',
  fixKind: 'advice',
  needs: 'observed',
  reads: ['pods'],
  summary: `A container restarted ${THRESHOLD} times or more in one live pod (each pod's restartCount, not a sum).`,
  rationale:
    'Every restart drops in-flight work and, after repeated failures, the kubelet backs off (up to five minutes) and the ' +
    'pod sits in CrashLoopBackOff. The usual causes are the ones this scanner looks for elsewhere: a memory limit below the ' +
    'real peak (OOMKilled), a liveness probe too aggressive for the app under load (one slow answer restarts it), or an ' +
    'app that crashes on bad configuration or an unreachable dependency. The advice names the last termination reason and ' +
    'exit code the pod reports — 137 is SIGKILL, 143 SIGTERM.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts',
    'https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  appliesTo: () => null,
  evaluate(app) {
    const pods = livePodsOf(app);
    if (!pods.length) return [notApplicable(NO_PODS_REASON)];
    return containersOf(app, 'all').map((ref): CheckResult => {
      const label = containerLabel(ref);
      const observed = observedContainers(app, ref);
      if (!observed.length) return notApplicable(`${label}: none of the app's ${pods.length} live pods reports a status for it`, atContainer(ref));
      const all: Restarting[] = observed.map((o) => ({ o, count: restartCountOf(o.status), last: terminationsOf(o.status).find((t) => !t.current) ?? terminationsOf(o.status)[0] ?? null }));
      const over = all.filter((r) => r.count >= THRESHOLD).sort((a, b) => b.count - a.count);
      const evidence = { restarts: all.map((r) => ({ pod: r.o.podName, restartCount: r.count, lastReason: r.last?.reason ?? null, lastExitCode: r.last?.exitCode ?? null })) };
      if (!over.length) {
        const max = Math.max(...all.map((r) => r.count));
        return pass(`${label}: at most ${max} restart${max === 1 ? '' : 's'} in a pod (${observed.length} live pod${observed.length > 1 ? 's' : ''})`, atContainer(ref), evidence);
      }
      const worst = over[0]!;
      const waiting = typeof worst.o.status?.state?.waiting?.reason === 'string' ? `, now ${worst.o.status.state.waiting.reason}` : '';
      return {
        status: 'fail',
        ...atContainer(ref),
        message:
          `${label} restarted ${listSome(over.map((r) => `${r.count} times in pod ${r.o.podName} (${describeTermination(r.last)}${r === worst ? waiting : ''})`))}`,
        evidence,
        fix: adviceFix(adviceFor(worst, ref)),
      };
    });
  },
};
