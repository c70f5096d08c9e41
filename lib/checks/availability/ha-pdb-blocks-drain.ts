import type { KubeObject } from '../../snapshot/types';
import { adviceFix, notApplicable, objectFix, pass } from '../helpers';
import { describeIntOrPercent, pdbAllowance } from '../helpers/rollout';
import type { App } from '../../apps/types';
import type { Check, CheckResult } from '../types';
import { replicaSource, replicatedKindReason } from './_scope';

function judge(app: App, pdb: KubeObject, replicas: number): CheckResult {
  const name = pdb.metadata.name;
  const a = pdbAllowance(pdb.spec, replicas);
  if (!a) return notApplicable(`PodDisruptionBudget ${name} has a minAvailable/maxUnavailable the API would reject (${JSON.stringify(pdb.spec?.minAvailable ?? pdb.spec?.maxUnavailable)})`);
  const setting = a.field ? `${a.field} ${describeIntOrPercent(a.raw, replicas, true)}` : 'neither minAvailable nor maxUnavailable';
  const evidence = { pdb: name, field: a.field, value: a.raw ?? null, replicas, allowedDisruptions: a.allowed };
  if (a.allowed > 0) {
    return pass(`PodDisruptionBudget ${name} (${setting}) allows ${a.allowed} of ${replicas} replica${replicas === 1 ? '' : 's'} to be evicted at a time`, {}, evidence);
  }
  return {
    status: 'fail',
    message:
      `PodDisruptionBudget ${name} (${setting}) allows no voluntary disruption of ${replicas} replica${replicas === 1 ? '' : 's'} (${replicaSource(app)}), even when all are healthy: ` +
      'kubectl drain, node upgrades and the cluster autoscaler wait on these pods forever',
    evidence,
    fix: objectFix(pdb, {
      kind: 'safe',
      summary:
        `Set maxUnavailable: 1 on PodDisruptionBudget ${name}${pdb.spec?.minAvailable !== undefined ? ' and remove minAvailable (a PDB has one or the other)' : ''}: ` +
        'drains proceed one replica at a time and the rest keep serving.',
      mutate: (p) => {
        p.spec = p.spec ?? {};
        delete p.spec.minAvailable;
        p.spec.maxUnavailable = 1;
      },
    }),
  };
}

/**
 * A budget that allows zero disruptions blocks every voluntary eviction: node drains hang and
 * cluster upgrades stall. Percentages round up as the disruption controller does, so
 * `minAvailable: 90%` of 2 replicas keeps both. Two PDBs over the same pods are refused by the
 * eviction API outright ("This pod has more than one PodDisruptionBudget").
 * https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */
export const check: Check = {
  id: 'ha-pdb-blocks-drain',
  title: 'PodDisruptionBudget blocks node drains',
  topic: 'availability',
  severity: 'critical',
  fixKind: 'safe',
  needs: 'cluster',
  reads: ['poddisruptionbudgets'],
  summary: 'A PodDisruptionBudget allows no disruption: maxUnavailable 0, minAvailable 100%, or minAvailable ≥ replicas (percentages round up).',
  rationale:
    'A PodDisruptionBudget should make drains careful, not impossible. With `maxUnavailable: 0`, `minAvailable: 100%`, or a ' +
    '`minAvailable` at or above the replica count, the eviction API refuses every eviction: `kubectl drain` retries forever, ' +
    'node upgrades stall and the cluster autoscaler cannot remove the node — until someone deletes the budget by hand. ' +
    'Percentages round up, so `minAvailable: 90%` of 2 replicas also keeps both. Two budgets selecting the same pods block ' +
    'evictions too: the eviction API does not support more than one.',
  docs: [
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/',
  ],
  appliesTo(app) {
    const kind = replicatedKindReason(app);
    if (kind) return kind;
    if (!app.related.pdbs.length) return 'No PodDisruptionBudget selects the pods';
    if (app.replicas === 0) return `Scaled to 0 (${replicaSource(app)}): no pod to evict`;
    return null;
  },
  evaluate(app): CheckResult[] {
    const replicas = app.replicas ?? 1;
    const pdbs = app.related.pdbs;
    if (pdbs.length > 1) {
      const names = pdbs.map((p) => p.metadata.name);
      return [
        {
          status: 'fail',
          message: `${pdbs.length} PodDisruptionBudgets (${names.join(', ')}) select the same pods: the eviction API refuses to evict a pod with more than one budget, so drains hang`,
          evidence: { pdbs: names },
          fix: adviceFix(`Keep one PodDisruptionBudget for these pods: merge ${names.join(', ')} into one (maxUnavailable: 1 over the workload's selector) and narrow or delete the others.`),
        },
      ];
    }
    return pdbs.map((p) => judge(app, p, replicas));
  },
};
