import { adviceFix, objectFix, pass, workloadFix } from '../helpers';
import type { Check, CheckResult, Fix } from '../types';
import { foreignOwner, replicaSource, sharedRwoAdvice, sharedRwoClaims } from './_scope';

/**
 * One replica means every restart, eviction, node drain or bad roll-out is an outage.
 * Scope: Deployments, StatefulSets and ReplicaSets without an owner (a ReplicaSet run by hand is a
 * Deployment without roll-outs). A ReplicaSet owned by a custom controller (an Argo Rollout) is N/A:
 * its replica count is the owner's to set, and a patch to it would be reverted.
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
 */
export const check: Check = {
  id: 'ha-single-replica',
  title: 'Single replica',
  topic: 'availability',
  severity: 'warning',
  severities: ['critical', 'warning'],
  fixKind: 'safe',
  needs: 'spec',
  summary: 'A Deployment, StatefulSet or ownerless ReplicaSet runs 1 replica and no HPA keeps at least 2 (critical when a Service sends it traffic).',
  rationale:
    'Deploy redundantly. With one replica, every container restart, node drain, eviction or roll-out of a bad version ' +
    'takes the application down until a new pod is scheduled, pulled and ready. Unset `replicas` means 1. ' +
    'When an HPA targets the workload, its `minReplicas` is the floor that counts — so the fix raises the HPA, not the ' +
    'workload, whose `spec.replicas` the HPA owns. A StatefulSet gets advice only: a second member has its own volume and ' +
    'is only useful when the application replicates between members.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/',
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
  ],
  appliesTo(app) {
    if (app.kind === 'DaemonSet') return 'A DaemonSet runs one pod per eligible node: it has no replica count';
    if (app.kind === 'Job' || app.kind === 'CronJob') return `A ${app.kind} runs to completion: replica redundancy is for long-running workloads`;
    if (app.kind === 'Pod') return 'A bare Pod has no controller to keep replicas (run it from a Deployment to make it redundant)';
    const owner = foreignOwner(app);
    if (owner) return `This ReplicaSet is managed by ${owner}: its replica count is the owner's to set`;
    if (app.replicas === 0) return `Scaled to 0 (${replicaSource(app)}): nothing runs, so nothing is at risk`;
    return null;
  },
  evaluate(app): CheckResult[] {
    const n = app.replicas ?? 1;
    const hpa = app.related.hpas[0];
    const path = hpa ? null : '/spec/replicas';
    if (n >= 2) return [pass(`Runs ${n} replicas (${replicaSource(app)})`, { path })];
    const services = app.related.services.map((s) => s.metadata.name);
    const traffic = services.length
      ? `Service ${services.join(', ')} sends it traffic: a restart, a node drain or a bad roll-out is an outage`
      : 'a restart, a node drain or a bad roll-out stops it until a new pod is ready';
    let fix: Fix;
    const rwo = sharedRwoClaims(app);
    if (rwo.length) {
      fix = adviceFix(sharedRwoAdvice(rwo, 'a second replica on another node'));
    } else if (hpa) {
      const max = typeof hpa.spec?.maxReplicas === 'number' ? hpa.spec.maxReplicas : 0;
      fix = objectFix(hpa, {
        kind: 'safe',
        summary: `Set minReplicas: 2 on HPA ${hpa.metadata.name}${max < 2 ? ' (and maxReplicas: 2, which must not be below it)' : ''}; leave the ${app.kind}'s replicas to the HPA`,
        mutate: (h) => {
          h.spec = h.spec ?? {};
          h.spec.minReplicas = 2;
          if (max < 2) h.spec.maxReplicas = 2;
        },
      });
    } else if (app.kind === 'StatefulSet') {
      fix = adviceFix(
        `Scaling StatefulSet ${app.name} to 2 adds a member with its own claim: only do it if the application replicates between members ` +
          '(a database cluster, a quorum). Otherwise run it through an operator that manages replication, or accept the single point of failure with an exemption.',
      );
    } else {
      fix = workloadFix(app, {
        kind: 'safe',
        summary: `Run ${app.kind} ${app.name} with replicas: 2`,
        mutate: (w) => {
          w.spec = w.spec ?? {};
          w.spec.replicas = 2;
        },
      });
    }
    return [
      {
        status: 'fail',
        path,
        severity: services.length ? 'critical' : 'warning',
        message: `${app.kind} ${app.name} runs 1 replica (${replicaSource(app)}); ${traffic}`,
        evidence: { replicas: n, specReplicas: app.specReplicas ?? null, hpa: hpa?.metadata.name ?? null, services },
        fix,
      },
    ];
  },
};
