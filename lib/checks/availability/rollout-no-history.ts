import { pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/**
 * `revisionHistoryLimit` is how many old ReplicaSets (Deployment) or ControllerRevisions
 * (StatefulSet, DaemonSet) the controller keeps; unset is 10. At 0 there is nothing to roll back to.
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#revision-history-limit
 */
export const check: Check = {
  id: 'rollout-no-history',
  title: 'No revision history to roll back to',
  topic: 'availability',
  severity: 'critical',
  fixKind: 'safe',
  needs: 'spec',
  summary: '`revisionHistoryLimit: 0`: the controller keeps no old revision, so there is no rollback target.',
  rationale:
    'Updates fail, and recovery must be fast. `kubectl rollout undo` returns to a previous revision kept by the controller — ' +
    'old ReplicaSets for a Deployment, ControllerRevisions for a StatefulSet or DaemonSet. With `revisionHistoryLimit: 0` ' +
    'they are deleted as soon as a roll-out completes: a bad version can only be replaced by re-deploying the old manifest, ' +
    'which takes finding it first. The default, 10, costs a few small objects.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#revision-history-limit',
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-back-a-deployment',
  ],
  appliesTo: (app) => (KINDS.includes(app.kind) ? null : `A ${app.kind} has no revision history (only Deployments, StatefulSets and DaemonSets keep rollback revisions)`),
  evaluate(app): CheckResult[] {
    const v: unknown = app.workload.spec?.revisionHistoryLimit;
    const path = '/spec/revisionHistoryLimit';
    if (v !== 0) return [pass(typeof v === 'number' ? `revisionHistoryLimit ${v}: old revisions are kept for rollback` : 'revisionHistoryLimit unset (defaults to 10)', { path })];
    return [
      {
        status: 'fail',
        path,
        message: `${app.kind} ${app.name} sets revisionHistoryLimit: 0: old ${app.kind === 'Deployment' ? 'ReplicaSets' : 'ControllerRevisions'} are deleted after each roll-out, so \`kubectl rollout undo\` has nothing to return to`,
        evidence: { revisionHistoryLimit: 0 },
        fix: workloadFix(app, {
          kind: 'safe',
          summary: 'Set revisionHistoryLimit: 10 (the Kubernetes default) so the last revisions stay available for `kubectl rollout undo`',
          mutate: (w) => {
            w.spec.revisionHistoryLimit = 10;
          },
        }),
      },
    ];
  },
};
