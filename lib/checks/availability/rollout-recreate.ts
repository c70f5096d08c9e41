import type { Json } from '../../snapshot/types';
import { pass, podVolumes, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';

const RWO_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];

/**
 * `strategy: Recreate` stops every old pod before starting a new one: each roll-out is a gap in
 * service for a Service-backed app. It is the right choice in one case Drydock can see — a
 * ReadWriteOnce claim, which a surged pod on another node could not attach (storage-rwo-shared
 * proposes exactly that switch), so such Deployments pass with that reason.
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy
 */
export const check: Check = {
  id: 'rollout-recreate',
  title: 'Recreate strategy takes the app down on every roll-out',
  topic: 'availability',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'spec',
  reads: ['services'],
  summary: 'A Service-backed Deployment uses `strategy: Recreate` (downtime on every roll-out) without a ReadWriteOnce claim that needs it.',
  rationale:
    'Every code change should roll out gradually. With `strategy: Recreate` the Deployment controller scales the old ' +
    'ReplicaSet to zero before the new one starts, so every roll-out — and every rollback — leaves the Service with no ready ' +
    'endpoint until the new pods pass readiness. Recreate is right when the pod holds a ReadWriteOnce claim (a second pod on ' +
    'another node could not attach it); otherwise `RollingUpdate` with `maxUnavailable: 0` keeps full capacity: a new pod ' +
    'must be ready before an old one stops.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy',
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment',
  ],
  appliesTo(app) {
    if (app.kind !== 'Deployment') return `Only Deployments have strategy Recreate (a ${app.kind} ${app.kind === 'StatefulSet' || app.kind === 'DaemonSet' ? 'uses updateStrategy' : 'has no roll-out strategy'})`;
    if (!app.related.services.length) return 'No Service selects the pods: a Recreate roll-out interrupts no request traffic';
    return null;
  },
  evaluate(app, ctx): CheckResult[] {
    const strategy: Json = app.workload.spec?.strategy ?? {};
    const type: string = typeof strategy.type === 'string' ? strategy.type : 'RollingUpdate';
    const path = '/spec/strategy';
    const services = app.related.services.map((s) => s.metadata.name).join(', ');
    if (type !== 'Recreate') return [pass(`strategy ${type}${strategy.type ? '' : ' (the default)'}: pods are replaced gradually`, { path })];
    const claimNames = podVolumes(app).map((v) => v.persistentVolumeClaim?.claimName).filter((n): n is string => typeof n === 'string');
    const rwo = app.related.pvcs.filter((c) => (c.spec?.accessModes ?? []).some((m: unknown) => RWO_MODES.includes(String(m))));
    if (rwo.length) {
      const c = rwo[0]!;
      return [pass(`strategy Recreate is right here: claim ${c.metadata.name} is ${(c.spec?.accessModes ?? []).join(',')}, and a surged pod on another node could not attach it`, { path })];
    }
    const missing = claimNames.filter((n) => !app.related.pvcs.some((c) => c.metadata.name === n));
    if (missing.length) {
      // Only claims matter here, so an unreadable PVC list makes this app Unknown, not every Deployment.
      const unreadable = ctx.isUnreadable('persistentvolumeclaims');
      return [
        {
          status: 'notApplicable',
          path,
          reason: `${unreadable ? 'Unknown: the scan could not read persistentvolumeclaims. ' : ''}strategy Recreate with claim ${missing.join(', ')} whose access mode is not in the scan: if it is ReadWriteOnce, Recreate is right`,
          ...(unreadable ? { unknown: true } : {}),
        },
      ];
    }
    return [
      {
        status: 'fail',
        path,
        message: `Deployment ${app.name} uses strategy Recreate and Service ${services} sends it traffic: every roll-out and rollback stops all pods before new ones are ready (no ReadWriteOnce claim requires it)`,
        evidence: { strategy: 'Recreate', services: app.related.services.map((s) => s.metadata.name) },
        fix: workloadFix(app, {
          kind: 'safe',
          summary:
            'Use strategy RollingUpdate with maxSurge: 25% and maxUnavailable: 0: a new pod must be ready before an old one stops, so capacity never drops. ' +
            'Old and new versions serve side by side for a moment — if the app cannot allow that (e.g. a schema migration), keep Recreate and exempt the check.',
          mutate: (w) => {
            w.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } };
          },
        }),
      },
    ];
  },
};
