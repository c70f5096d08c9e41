import type { App } from '../../apps/types';
import type { Json } from '../../snapshot/types';
import { adviceFix, notApplicable, pass, workloadFix } from '../helpers';
import type { Check, CheckContext, CheckResult } from '../types';
import { accessModesOf, claimPlacement, claimUses, pinnedNode, type ClaimUse } from './_claims';

/**
 * ReadWriteOnce means one *node*: the attach/detach controller refuses to attach the volume to a
 * second node ("Multi-Attach error for volume … Volume is already used by pod(s) …"), and the
 * second pod hangs in ContainerCreating. A Deployment meets that whenever two of its pods run at
 * once on different nodes: several replicas, or the surge pod of a RollingUpdate (the new pod is
 * created before the old one is gone). ReadWriteOncePod means one *pod*, enforced by the scheduler.
 * https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy
 */

/** Effective surge pods: maxSurge defaults to 25% and a percentage rounds up against the replicas (deployment controller). */
export function surgePods(strategy: Json, replicas: number): { type: string; raw: string; pods: number | null } {
  const type = strategy?.type === 'Recreate' ? 'Recreate' : 'RollingUpdate';
  if (type === 'Recreate') return { type, raw: '-', pods: 0 };
  const raw: unknown = strategy?.rollingUpdate?.maxSurge ?? '25%';
  if (typeof raw === 'number') return { type, raw: String(raw), pods: Math.max(0, Math.floor(raw)) };
  const s = String(raw).trim();
  const pct = /^(\d+)%$/.exec(s);
  if (pct) return { type, raw: s, pods: Math.ceil((replicas * Number(pct[1])) / 100) };
  if (/^\d+$/.test(s)) return { type, raw: s, pods: Number(s) };
  return { type, raw: s, pods: null };
}

export const check: Check = {
  id: 'storage-rwo-shared',
  title: 'ReadWriteOnce claim shared by a Deployment',
  topic: 'storage',
  severity: 'critical',
  fixKind: 'safe',
  needs: 'spec',
  summary: 'A Deployment mounts a ReadWriteOnce (or ReadWriteOncePod) claim and runs more than one replica, or rolls out with maxSurge > 0: the second pod hits a Multi-Attach error.',
  rationale:
    'ReadWriteOnce means one *node*, not one pod. A Deployment with such a claim deadlocks whenever two of its pods run at ' +
    'once on different nodes: with several replicas, and on every RollingUpdate, whose surge pod starts before the old pod ' +
    'stops — if it lands on another node it hangs in ContainerCreating with "Multi-Attach error" and the roll-out never ' +
    'finishes. ReadWriteOncePod (GA 1.29) allows a single pod. With one replica, `strategy: Recreate` stops the old pod ' +
    'first; with several, each replica needs its own claim (a StatefulSet with volumeClaimTemplates) or storage that can ' +
    'be shared (ReadWriteMany).',
  docs: [
    'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes',
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy',
    'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates',
  ],
  reads: ['persistentvolumeclaims'],
  appliesTo(app) {
    if (app.kind === 'StatefulSet') return 'StatefulSets give every replica its own claim (volumeClaimTemplates)';
    if (app.kind !== 'Deployment') return `Only Deployments share one claim across replicas and roll-outs; this is a ${app.kind}`;
    if (!claimUses(app).length) return 'The pod mounts no PersistentVolumeClaim';
    return null;
  },
  evaluate(app, ctx) {
    return claimUses(app).map((use) => evaluateClaim(app, ctx, use));
  },
};

function evaluateClaim(app: App, ctx: CheckContext, use: ClaimUse): CheckResult {
  const at = { container: null, path: use.path };
  const pvc = use.pvcs[0];
  if (!pvc) {
    // Manifest scans treat the scanned files as the whole world for PVC lookups (checks.md Conventions): N/A, not Unknown.
    if (ctx.sourceType === 'manifests') {
      return notApplicable(`Claim ${use.claimName} (volume ${use.volume}) is not among the scanned files, so its access mode is unknown — scan the workload together with its PersistentVolumeClaim`, at);
    }
    return notApplicable(`Claim ${use.claimName} (volume ${use.volume}) does not exist in namespace ${app.namespace}: no pod can start until it does`, at);
  }
  const modes = accessModesOf(pvc);
  const modeText = modes.join(', ');
  if (!modes.length) return notApplicable(`Claim ${use.claimName} declares no access mode`, at);
  // The attach/detach controller allows several nodes as soon as the volume offers RWX or ROX (IsMultiAttachAllowed).
  if (modes.some((m) => m === 'ReadWriteMany' || m === 'ReadOnlyMany')) return notApplicable(`Claim ${use.claimName} is ${modeText}: it can be used from several nodes`, at);
  const onePod = modes.includes('ReadWriteOncePod');
  const replicas = app.replicas ?? 1;
  const hpaMax: unknown = app.related.hpas[0]?.spec?.maxReplicas;
  const peak = Math.max(replicas, typeof hpaMax === 'number' ? hpaMax : 0);
  const strategy = app.workload.spec?.strategy;
  const surge = surgePods(strategy, replicas);
  const evidence = { claim: use.claimName, accessModes: modes, replicas, hpaMaxReplicas: typeof hpaMax === 'number' ? hpaMax : null, strategy: surge.type, maxSurge: surge.raw, surgePods: surge.pods };
  const claimText = `claim ${use.claimName} (${modeText}, volume ${use.volume})`;

  if (!onePod) {
    const placement = claimPlacement(app, pvc);
    if (placement?.kind === 'file') return pass(`Claim ${use.claimName} (${modeText}, volume ${use.volume}) is network file storage with no node attach (${placement.why}): several nodes can mount it despite ReadWriteOnce`, at, evidence);
    const node = pinnedNode(app.podSpec) ?? (placement?.kind === 'local' && placement.nodes.length === 1 ? placement.nodes[0]! : null);
    if (node) return pass(`Every pod of ${app.name} runs on node ${node}, and ReadWriteOnce allows pods on one node to share ${claimText}`, at, evidence);
  }
  if (surge.pods === null) return notApplicable(`maxSurge ${surge.raw} is not a number or a percentage: cannot tell whether roll-outs overlap`, at);
  if (peak === 0) return pass(`${app.name} is scaled to 0 replicas: nothing mounts ${claimText}`, at, evidence);
  if (peak <= 1 && surge.pods === 0) {
    return pass(`${app.name} runs one pod at a time on ${claimText}: ${surge.type === 'Recreate' ? 'strategy Recreate stops the old pod before the new one starts' : 'maxSurge 0 stops the old pod before the new one starts'}`, at, evidence);
  }
  const limit = onePod ? 'a ReadWriteOncePod volume admits a single pod, so the other pod stays Pending' : 'a ReadWriteOnce volume attaches to one node, so a pod on another node hangs in ContainerCreating with a Multi-Attach error';
  if (peak > 1) {
    const count = peak > replicas ? `up to ${peak} replicas (HPA maxReplicas)` : `${replicas} replicas`;
    return {
      status: 'fail',
      ...at,
      message: `Deployment ${app.name} mounts ${claimText} and runs ${count}: ${limit}`,
      evidence,
      fix: adviceFix(
        `Give every replica its own volume: turn ${app.name} into a StatefulSet with a volumeClaimTemplate for ${use.volume} (and replicate data at the application level), ` +
          `or move the data to ReadWriteMany storage (NFS, CephFS, EFS, Filestore, Azure Files) if the app tolerates concurrent writers. ` +
          `If it cannot run more than one instance, scale it to 1${typeof hpaMax === 'number' ? ', drop the HPA' : ''} and use strategy: Recreate.`,
      ),
    };
  }
  return {
    status: 'fail',
    ...at,
    message: `Deployment ${app.name} mounts ${claimText} and rolls out with RollingUpdate maxSurge ${surge.raw} (${surge.pods} surge pod): the new pod starts before the old one stops, and ${limit} — the roll-out never finishes`,
    evidence,
    fix: workloadFix(app, {
      kind: 'safe',
      summary: `Set strategy: Recreate on ${app.name} (the old pod stops before the new one starts; rollingUpdate is removed, the API rejects it with Recreate). A roll-out now has a short gap in service.`,
      mutate: (w) => {
        w.spec.strategy = { type: 'Recreate' };
      },
    }),
  };
}
