import type { App } from '../../apps/types';
import type { EffectiveValue } from '../../facts/effective-resources';
import type { Json } from '../../snapshot/types';
import { atContainer, changeMe, containerIn, containersOf, isObject, notApplicable, pass, parseQuantity, workloadFix, type ContainerRef } from '../helpers';
import type { Check, CheckResult, Fix } from '../types';
import {
  containerLabel,
  describeValue,
  effectiveOf,
  isSet,
  listSome,
  livePodsOf,
  NO_PODS_REASON,
  objectAt,
  observedContainers,
  podLevelResources,
  podQosClass,
  terminationsOf,
  type ObservedContainer,
  type Termination,
} from './_resources';

interface Kill {
  o: ObservedContainer;
  t: Termination;
  /** The memory limit the pod ran with (container, else pod-level), as written in the live pod. */
  podLimit: string | null;
}

function writtenMemoryLimit(container: Json, podSpec: Json): string | null {
  const own = container?.resources?.limits?.memory;
  if (typeof own === 'string' || typeof own === 'number') return String(own);
  const podLevel = podSpec?.resources?.limits?.memory;
  return typeof podLevel === 'string' || typeof podLevel === 'number' ? String(podLevel) : null;
}

/**
 * A kill no longer describes the template when the template has since changed the memory limit
 * upwards — the roll-out replaces those pods — or is being edited (a "<CHANGE-ME>" placeholder, which
 * only exists between a fix and its application). A lower or equal limit, or a pod whose spec the
 * scan cannot see, still counts.
 */
function superseded(kill: Kill, templateLimit: string | null): boolean {
  if (templateLimit === null) return false;
  const now = parseQuantity(templateLimit);
  if (now === null) return true;
  if (!kill.o.podContainer || kill.podLimit === templateLimit) return false;
  if (kill.podLimit === null) return true;
  const then = parseQuantity(kill.podLimit);
  return then !== null && now > then;
}

function describeKill(k: Kill): string {
  const when = k.t.finishedAt ? ` at ${k.t.finishedAt}` : '';
  const state = k.t.current ? 'it is down now' : 'last termination';
  const restarts = typeof k.o.status?.restartCount === 'number' ? `, ${k.o.status.restartCount} restarts` : '';
  const exit = k.t.exitCode !== null ? `, exit code ${k.t.exitCode}` : '';
  return `pod ${k.o.podName}${when} (${state}${exit}${restarts}${k.podLimit ? `, limit ${k.podLimit}` : ''})`;
}

function raiseLimitFix(app: App, ref: ContainerRef, label: string, limit: EffectiveValue | undefined, podLevelLimit: string | undefined): Fix {
  // A Guaranteed pod whose memory request was written equal to the limit must move both, or it drops to Burstable.
  const guaranteed = podQosClass(app) === 'Guaranteed';
  const current = limit?.raw ?? podLevelLimit;
  const placeholder = changeMe(current ? `memory limit above the current ${current}, sized from the peak usage` : 'memory limit, the peak usage plus headroom');
  const sameRequest = changeMe('memory request, equal to the new limit to stay Guaranteed');
  return workloadFix(app, {
    kind: 'input',
    summary: current
      ? `Raise the memory limit of ${label} above ${current}${!limit && podLevelLimit ? ' (the pod-level limit)' : ''}, or find what makes it grow (a heap size not matched to the limit, a leak, an unbounded cache)`
      : `Give ${label} a memory limit sized from its measured peak (it was killed without one, when the node ran out of memory)`,
    mutate: (_w, podSpec) => {
      // The pod-level limit is the one that bites when the container has none of its own.
      const resources = !limit && podLevelLimit ? objectAt(podSpec, 'resources') : objectAt(containerIn(podSpec, ref), 'resources');
      const limits = objectAt(resources, 'limits');
      limits.memory = placeholder;
      const req = isObject(resources.requests) ? resources.requests.memory : undefined;
      if (guaranteed && req !== undefined && current !== undefined && String(req) === current) resources.requests.memory = sameRequest;
    },
  });
}

/**
 * OOMKilled: the container used more memory than its cgroup allows (or the node ran out) and the
 * kernel killed it — exit code 137, then a restart and often CrashLoopBackOff.
 * https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/#exceed-a-container-s-memory-limit
 */
export const check: Check = {
  id: 'resources-oom-killed',
  title: 'Container OOMKilled',
  topic: 'resources',
  severity: 'critical',
  fixKind: 'input',
  needs: 'observed',
  reads: ['pods'],
  summary: "A container's current or last termination reason in a live pod of the app is OOMKilled.",
  rationale:
    '`limits` are the ceiling, enforced by cgroups: a container that goes over its memory limit is killed by the kernel ' +
    '(reason `OOMKilled`, exit code 137) and restarted, losing in-flight work; repeated kills end in CrashLoopBackOff. ' +
    'The cause is usually a limit set below the real peak, a runtime heap not sized to the limit (JVM, Node.js), or a leak. ' +
    'This is read from live pod status, so it shows what actually happened, not what the spec suggests. A kill in a pod that ' +
    'still runs an older, lower limit than the template now sets is not counted: the roll-out replaces it.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/#exceed-a-container-s-memory-limit',
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-states',
  ],
  appliesTo: () => null,
  evaluate(app) {
    const pods = livePodsOf(app);
    if (!pods.length) return [notApplicable(NO_PODS_REASON)];
    const podLevel = podLevelResources(app);
    return containersOf(app, 'all').map((ref): CheckResult => {
      const label = containerLabel(ref);
      const observed = observedContainers(app, ref);
      if (!observed.length) return notApplicable(`${label}: none of the app's ${pods.length} live pods reports a status for it`, atContainer(ref));
      const eff = effectiveOf(app, ref);
      const limit = isSet(eff.limits.memory) ? eff.limits.memory : undefined;
      const templateLimit = limit?.raw ?? podLevel.limits.memory ?? null;
      const limitText = limit
        ? describeValue('memory', 'limit', limit)
        : podLevel.limits.memory
          ? `no memory limit of its own, pod-level memory limit ${podLevel.limits.memory}`
          : 'no memory limit';
      const kills: Kill[] = observed.flatMap((o) => {
        const t = terminationsOf(o.status).find((x) => x.reason === 'OOMKilled');
        return t ? [{ o, t, podLimit: writtenMemoryLimit(o.podContainer, o.pod.spec) }] : [];
      });
      const current = kills.filter((k) => !superseded(k, templateLimit));
      const evidence = {
        pods: observed.length,
        oomKilled: kills.map((k) => ({ pod: k.o.podName, finishedAt: k.t.finishedAt, current: k.t.current, podMemoryLimit: k.podLimit, superseded: !current.includes(k) })),
        memoryLimit: templateLimit,
      };
      if (!current.length) {
        const old = kills.length
          ? `; earlier OOMKilled in ${listSome(kills.map(describeKill))}, but the template now sets ${templateLimit} and the roll-out replaces those pods`
          : '';
        return pass(`${label}: no OOMKilled termination in ${observed.length} live pod${observed.length > 1 ? 's' : ''}${old}`, atContainer(ref), evidence);
      }
      return {
        status: 'fail',
        ...atContainer(ref, '/resources'),
        message: `${label} was OOMKilled in ${current.length > 1 ? `${current.length} pods: ` : ''}${listSome(current.map(describeKill))}; current ${app.kind === 'Pod' ? 'spec' : 'template'}: ${limitText}`,
        evidence,
        fix: raiseLimitFix(app, ref, label, limit, podLevel.limits.memory),
      };
    });
  },
};
