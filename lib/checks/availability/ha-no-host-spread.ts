import { adviceFix, pass, workloadFix } from '../helpers';
import { HOSTNAME_KEY, ineffectiveSpreadConstraints, LEGACY_ZONE_KEY, softSpreadConstraint, spreadRules, workloadSelector, ZONE_KEY } from '../helpers/topology';
import type { App } from '../../apps/types';
import type { Check, CheckResult, Fix } from '../types';
import { replicaSource, sharedRwoAdvice, sharedRwoClaims, spreadScopeReason } from './_scope';

/** Advice when replicas share a ReadWriteOnce claim or a constraint selects other pods; else a soft spread constraint. */
function hostSpreadFix(app: App, rwo: string[], brokenConstraint: boolean): Fix {
  const selector = JSON.stringify(workloadSelector(app));
  if (rwo.length) return adviceFix(sharedRwoAdvice(rwo, 'spreading them over nodes'));
  if (brokenConstraint) {
    return adviceFix(
      `Set the labelSelector of the topologySpreadConstraint on ${HOSTNAME_KEY} to ${selector} (the workload's selector) so it counts this app's replicas; ` +
        'keep whenUnsatisfiable as the owner chose (ScheduleAnyway never leaves pods Pending).',
    );
  }
  return workloadFix(app, {
    kind: 'safe',
    summary:
      `Add a topologySpreadConstraint (maxSkew 1, topologyKey ${HOSTNAME_KEY}, whenUnsatisfiable ScheduleAnyway, labelSelector ${selector}). ` +
      'ScheduleAnyway spreads replicas whenever nodes allow and never leaves a pod Pending when there are fewer nodes than replicas or a node is down.',
    mutate: (_w, podSpec) => {
      const list = Array.isArray(podSpec.topologySpreadConstraints) ? podSpec.topologySpreadConstraints : [];
      podSpec.topologySpreadConstraints = [...list, softSpreadConstraint(app, HOSTNAME_KEY)];
    },
  });
}

/**
 * More replicas do not mean spread: the scheduler balances node load, not your replicas. Only pod
 * anti-affinity or a topology spread constraint on kubernetes.io/hostname whose selector counts the
 * pod's own replicas keeps them apart; zone spread does not (two replicas can share a node in one zone).
 * https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 */
export const check: Check = {
  id: 'ha-no-host-spread',
  title: 'Replicas not spread over nodes',
  topic: 'availability',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'spec',
  summary: 'At least 2 replicas and neither pod anti-affinity nor a topology spread constraint on `kubernetes.io/hostname` keeps them on different nodes.',
  rationale:
    'More replicas do not mean spread. The scheduler places each pod on the best-scored node; without a spread rule two or ' +
    'all replicas can land on the same node, and one node failure or drain takes them down together. The scheduler\'s ' +
    'built-in default spreading is weak (maxSkew 3 per node) and cluster admins can change it. A topology spread ' +
    'constraint on `kubernetes.io/hostname` (or pod anti-affinity) whose label selector matches the pod\'s own labels ' +
    'says so explicitly. The fix uses `whenUnsatisfiable: ScheduleAnyway`: pods spread when the cluster allows it, and ' +
    'a pod is never left Pending because there are fewer nodes than replicas or a node is down.',
  docs: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#internal-default-constraints',
  ],
  appliesTo: (app) => spreadScopeReason(app, 'spreading over nodes'),
  evaluate(app): CheckResult[] {
    const rules = spreadRules(app, [HOSTNAME_KEY]);
    const at = { path: `${app.podSpecPath}/topologySpreadConstraints` };
    if (rules.length) return [pass(`${app.replicas} replicas kept apart by ${rules.map((r) => r.how).join('; ')}`, { path: rules[0]!.path })];
    const broken = ineffectiveSpreadConstraints(app, [HOSTNAME_KEY]);
    const rwo = sharedRwoClaims(app);
    const zoneOnly = spreadRules(app, [ZONE_KEY, LEGACY_ZONE_KEY]).length > 0;
    const base = `${app.replicas} replicas (${replicaSource(app)})`;
    const message =
      (broken.length
        ? `${base}: the topologySpreadConstraint on ${HOSTNAME_KEY} has a label selector that matches none of its replicas, and no pod anti-affinity keeps them apart`
        : `${base} with no pod anti-affinity or topology spread constraint on ${HOSTNAME_KEY}`) +
      (zoneOnly ? '; zone spread alone still lets replicas share a node' : '') +
      ': several replicas can run on one node and fail together';
    return [
      {
        status: 'fail',
        ...at,
        message,
        evidence: { replicas: app.replicas, zoneSpread: zoneOnly, ineffectiveConstraints: broken.length },
        fix: hostSpreadFix(app, rwo, broken.length > 0),
      },
    ];
  },
};
