import type { Json } from '../../snapshot/types';
import { notApplicable, pass, workloadFix } from '../helpers';
import { daemonSetMaxUnavailable, deploymentRollingUpdate, describeIntOrPercent, parseIntOrPercent, statefulSetMaxUnavailable } from '../helpers/rollout';
import type { App } from '../../apps/types';
import type { Check, CheckResult } from '../types';
import { replicaSource } from './_scope';

/** The strategy block and its rolling-update settings, per kind. */
function strategyOf(app: App): { type: string; ru: Json; path: string } {
  const isDeployment = app.kind === 'Deployment';
  const s: Json = (isDeployment ? app.workload.spec?.strategy : app.workload.spec?.updateStrategy) ?? {};
  return { type: typeof s.type === 'string' ? s.type : 'RollingUpdate', ru: s.rollingUpdate ?? {}, path: isDeployment ? '/spec/strategy' : '/spec/updateStrategy' };
}

/** What a roll-out may take down at once, as each controller resolves it. */
function resolvedMaxUnavailable(app: App, ru: Json, replicas: number): number | null {
  switch (app.kind) {
    case 'Deployment':
      return deploymentRollingUpdate(ru, replicas)?.maxUnavailable ?? null;
    case 'StatefulSet':
      return statefulSetMaxUnavailable(ru.maxUnavailable, replicas);
    default:
      return daemonSetMaxUnavailable(ru.maxUnavailable, replicas);
  }
}

/** The controller's default maxUnavailable, which is also the fix. */
const FIX_VALUE: Record<string, string | number> = { Deployment: '25%', StatefulSet: 1, DaemonSet: 1 };
const DEFAULT_TEXT: Record<string, string> = { Deployment: '25%', StatefulSet: '1', DaemonSet: '1' };

/**
 * A rolling update whose maxUnavailable resolves to every replica is a Recreate in disguise: the
 * controller may stop all old pods before any new one is ready. Percentages round as the
 * controllers do (Deployment and StatefulSet down, DaemonSet up; see helpers/rollout.ts).
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-unavailable
 */
export const check: Check = {
  id: 'rollout-max-unavailable-all',
  title: 'Rolling update may take every replica down',
  topic: 'availability',
  severity: 'critical',
  fixKind: 'safe',
  needs: 'spec',
  summary: "A RollingUpdate whose effective maxUnavailable (percentages rounded as the controller does) reaches the replica count.",
  rationale:
    'A rolling update replaces a share of the instances at a time, so a bad version is caught while most pods still run the ' +
    'old one. `maxUnavailable` is that share: at `100%` — or any value that resolves to the replica count — the controller may ' +
    'stop every old pod at once, and the roll-out is an outage exactly as with Recreate, only less visibly. Percentages resolve ' +
    'against the replica count (Deployments round maxUnavailable down and maxSurge up). The fix restores the controller default ' +
    '(25% for a Deployment, 1 for a StatefulSet or DaemonSet).',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-unavailable',
    'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#maximum-unavailable-pods',
    'https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/',
  ],
  appliesTo(app) {
    if (app.kind !== 'Deployment' && app.kind !== 'StatefulSet' && app.kind !== 'DaemonSet') return `A ${app.kind} has no rolling update`;
    const { type } = strategyOf(app);
    if (type !== 'RollingUpdate') return `${app.kind === 'Deployment' ? 'strategy' : 'updateStrategy'} ${type}: no rolling update to judge${type === 'Recreate' ? ' (see rollout-recreate)' : ''}`;
    if (app.replicas === null) return null; // a DaemonSet without known nodes: evaluate decides
    if (app.replicas < 2) return `Runs ${app.replicas} replica${app.replicas === 1 ? '' : 's'} (${app.kind === 'DaemonSet' ? 'eligible nodes' : replicaSource(app)}): the check needs at least 2 (a single replica is ha-single-replica's concern)`;
    return null;
  },
  evaluate(app): CheckResult[] {
    const { ru, path } = strategyOf(app);
    const raw: unknown = ru.maxUnavailable;
    const at = { path: `${path}/rollingUpdate/maxUnavailable` };
    if (app.replicas === null) {
      const p = parseIntOrPercent(raw);
      if (!(p?.kind === 'percent' && p.value >= 100)) return [notApplicable("Needs the cluster's nodes to know how many pods this DaemonSet runs", at)];
    }
    const replicas = app.replicas ?? 0;
    const resolved = app.replicas === null ? Infinity : resolvedMaxUnavailable(app, ru, replicas);
    if (resolved === null) return [notApplicable(`maxUnavailable ${JSON.stringify(raw)} is not an integer or a percentage: the API server rejects it`, at)];
    const roundUp = app.kind === 'DaemonSet';
    const setting = raw === undefined ? `unset (defaults to ${DEFAULT_TEXT[app.kind]})` : app.replicas === null ? String(raw) : describeIntOrPercent(raw, replicas, roundUp);
    const count = app.replicas === null ? 'every node' : `${replicas} ${app.kind === 'DaemonSet' ? 'nodes' : 'replicas'}`;
    if (resolved < replicas) return [pass(`maxUnavailable ${setting}: at most ${resolved} of ${count} down at a time`, at)];
    const fixValue = FIX_VALUE[app.kind]!;
    return [
      {
        status: 'fail',
        ...at,
        message: `${app.kind} ${app.name} rolls out with maxUnavailable ${setting} over ${count}${app.kind === 'DaemonSet' ? '' : ` (${replicaSource(app)})`}: the controller may stop every old pod before a new one is ready`,
        evidence: { maxUnavailable: raw ?? null, resolved: Number.isFinite(resolved) ? resolved : null, replicas: app.replicas },
        fix: workloadFix(app, {
          kind: 'safe',
          summary:
            `Set maxUnavailable: ${fixValue} (the controller default)` +
            (app.kind === 'Deployment' ? '; a percentage is never rejected alongside maxSurge 0 and the controller takes at least 1 pod down when neither surge nor unavailability resolves above 0' : ''),
          mutate: (w) => {
            const key = app.kind === 'Deployment' ? 'strategy' : 'updateStrategy';
            w.spec[key] = w.spec[key] ?? {};
            w.spec[key].rollingUpdate = { ...(w.spec[key].rollingUpdate ?? {}), maxUnavailable: fixValue };
          },
        }),
      },
    ];
  },
};
