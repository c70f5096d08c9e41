import { objectFix, pass } from '../helpers';
import type { Check, CheckResult } from '../types';
import { replicatedKindReason } from './_scope';

/**
 * An HPA scales down to `minReplicas` (unset = 1) whenever load is low — at night, on weekends —
 * so a floor below 2 turns an autoscaled app into a single-replica app for part of every day.
 * https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
 */
export const check: Check = {
  id: 'ha-hpa-min-replicas',
  title: 'HPA can scale down to one replica',
  topic: 'availability',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'cluster',
  reads: ['horizontalpodautoscalers'],
  summary: 'An HPA targets the workload with `minReplicas` below 2 (unset means 1).',
  rationale:
    'An autoscaled app is only as redundant as its quietest hour. The HorizontalPodAutoscaler scales down to `minReplicas` ' +
    'whenever load is low, and `minReplicas` defaults to 1: at night the app runs one pod, and a node drain or a crash at ' +
    'that moment is an outage — just when fewer people are watching. A floor of 2 keeps a second replica at all times; ' +
    'spread and disruption budgets then have something to work with.',
  docs: [
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/',
  ],
  appliesTo(app) {
    const kind = replicatedKindReason(app);
    if (kind) return kind;
    if (!app.related.hpas.length) return 'No HorizontalPodAutoscaler targets this workload';
    return null;
  },
  evaluate(app): CheckResult[] {
    return app.related.hpas.map((hpa): CheckResult => {
      const name = hpa.metadata.name;
      const set = typeof hpa.spec?.minReplicas === 'number';
      const min: number = set ? hpa.spec.minReplicas : 1;
      const max = typeof hpa.spec?.maxReplicas === 'number' ? hpa.spec.maxReplicas : 0;
      if (min >= 2) return pass(`HPA ${name} keeps at least ${min} replicas (maxReplicas ${max || '?'})`, {}, { hpa: name, minReplicas: min });
      return {
        status: 'fail',
        message:
          min === 0
            ? `HPA ${name} has minReplicas 0: when idle it scales ${app.kind} ${app.name} to zero, and the first requests after a quiet period wait for a pod to start`
            : `HPA ${name} has minReplicas ${set ? min : 'unset (defaults to 1)'}: when load is low it scales ${app.kind} ${app.name} down to 1 replica, and a crash or node drain then is an outage`,
        evidence: { hpa: name, minReplicas: set ? min : null, maxReplicas: max || null },
        fix: objectFix(hpa, {
          kind: 'safe',
          summary: `Set minReplicas: 2 on HPA ${name}${max < 2 ? ' and maxReplicas: 2 (it must not be below minReplicas)' : ''}`,
          mutate: (h) => {
            h.spec = h.spec ?? {};
            h.spec.minReplicas = 2;
            if (max < 2) h.spec.maxReplicas = 2;
          },
        }),
      };
    });
  },
};
