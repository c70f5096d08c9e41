import type { KubeObject } from '../../snapshot/types';
import { pass, workloadFix } from '../helpers';
import { workloadSelector } from '../helpers/topology';
import type { App } from '../../apps/types';
import type { Check, CheckResult } from '../types';
import { replicaSource, spreadScopeReason } from './_scope';

/** The budget the fix proposes: one pod at a time, broken pods always evictable. */
function proposedPdb(app: App): KubeObject {
  const ns = app.workload.metadata.namespace;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: app.name, ...(ns ? { namespace: ns } : {}) },
    spec: { maxUnavailable: 1, selector: workloadSelector(app), unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  };
}

/**
 * Without a PodDisruptionBudget a node drain (upgrade, autoscaler scale-down) may evict every
 * replica at once. Manifest scans: the scanned files are the whole world (no PDB among them = no PDB).
 * https://kubernetes.io/docs/concepts/workloads/pods/disruptions/
 */
export const check: Check = {
  id: 'ha-pdb-missing',
  title: 'No PodDisruptionBudget',
  topic: 'availability',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'cluster',
  reads: ['poddisruptionbudgets'],
  summary: 'At least 2 replicas and no PodDisruptionBudget selects the pods.',
  rationale:
    'Node drains — cluster upgrades, the cluster autoscaler removing a node, maintenance — evict pods through the eviction ' +
    'API, which honours PodDisruptionBudgets. Without one, a drain of the nodes holding the replicas may evict all of them at ' +
    'once and the app is down until they are rescheduled. The proposed budget allows one pod at a time (`maxUnavailable: 1`, ' +
    'which never blocks a drain) and `unhealthyPodEvictionPolicy: AlwaysAllow`, so pods that are already broken can always be ' +
    'evicted instead of holding up the drain.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy',
  ],
  appliesTo: (app) => spreadScopeReason(app, 'a disruption budget'),
  evaluate(app): CheckResult[] {
    const pdbs = app.related.pdbs.map((p) => p.metadata.name);
    if (pdbs.length) return [pass(`PodDisruptionBudget ${pdbs.join(', ')} selects the pods`, {}, { pdbs })];
    const pdb = proposedPdb(app);
    return [
      {
        status: 'fail',
        message: `${app.replicas} replicas (${replicaSource(app)}) and no PodDisruptionBudget selects the pods (labels ${Object.entries(app.podMeta.labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}): a node drain may evict every replica at once`,
        evidence: { replicas: app.replicas },
        fix: workloadFix(app, {
          kind: 'safe',
          summary:
            `Create PodDisruptionBudget ${pdb.metadata.name} (policy/v1) with maxUnavailable: 1 over the workload's selector and unhealthyPodEvictionPolicy: AlwaysAllow: ` +
            'drains evict one replica at a time and never hang on a pod that is already broken. The workload itself is unchanged.',
          resources: [pdb],
        }),
      },
    ];
  },
};
