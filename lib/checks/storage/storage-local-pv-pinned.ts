import type { App } from '../../apps/types';
import { adviceFix, notApplicable, pass } from '../helpers';
import type { Check, CheckContext, CheckResult } from '../types';
import { boundPv, claimPlacement, claimUses, storageClassOf, type ClaimUse, type Placement } from './_claims';

/**
 * A local PersistentVolume carries node affinity: the scheduler can only place the pod on that
 * node, so a drain, an upgrade or a dead node keeps the pod Pending until the node is back (and the
 * data is gone if the node is). A hostPath PV is worse: nothing keeps the pod on the node that has
 * the data — rescheduled elsewhere it silently finds an empty directory.
 * https://kubernetes.io/docs/concepts/storage/volumes/#local
 * https://kubernetes.io/docs/concepts/storage/persistent-volumes/#node-affinity
 */
export const check: Check = {
  id: 'storage-local-pv-pinned',
  title: 'Claim bound to a node-local volume',
  topic: 'storage',
  severity: 'warning',
  fixKind: 'advice',
  needs: 'cluster',
  summary: 'A claim of the pod is bound to a local PersistentVolume (local, hostPath or a node-local provisioner), which pins the pod to one node.',
  rationale:
    'A local disk is fast, but it ties the pod to one node: a local PersistentVolume carries node affinity, so when that ' +
    'node is drained, upgraded or lost the pod cannot be scheduled anywhere else and waits — and the data goes with the ' +
    'node. A hostPath PV has no affinity at all: a rescheduled pod silently starts on another node with an empty directory. ' +
    'Local storage suits applications that replicate their own data (several replicas of a database or a queue, each on ' +
    'its own node); everything else belongs on network storage.',
  docs: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#local',
    'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#node-affinity',
    'https://kubernetes.io/docs/concepts/storage/storage-classes/#local',
  ],
  reads: ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses'],
  appliesTo(app) {
    return claimUses(app).length ? null : 'The pod uses no PersistentVolumeClaim';
  },
  evaluate(app, ctx) {
    return claimUses(app).flatMap((use) => evaluateClaim(app, ctx, use));
  },
};

function evaluateClaim(app: App, ctx: CheckContext, use: ClaimUse): CheckResult {
  const at = { container: null, path: use.path };
  if (!use.pvcs.length) {
    const where = ctx.sourceType === 'manifests' ? 'is not among the scanned files' : `does not exist in namespace ${app.namespace}`;
    return notApplicable(`Claim ${use.claimName} (volume ${use.volume}) ${where}: cannot tell where its volume lives`, at);
  }
  const found = use.pvcs.map((pvc) => ({ pvc, placement: claimPlacement(app, pvc), pv: boundPv(app, pvc) }));
  const pinned = found.filter((f): f is typeof f & { placement: Placement } => f.placement?.kind === 'local' || f.placement?.kind === 'hostPath');
  const claimText = use.source === 'template' ? `volumeClaimTemplate ${use.claimName}` : `claim ${use.claimName}`;
  const ClaimText = claimText.charAt(0).toUpperCase() + claimText.slice(1);
  if (pinned.length) {
    const hostPathPv = pinned.some((f) => f.placement.kind === 'hostPath' && !f.placement.nodes.length);
    const nodes = [...new Set(pinned.flatMap((f) => f.placement.nodes))];
    const claims = pinned.map((f) => f.pvc.metadata.name);
    const whys = [...new Set(pinned.map((f) => f.placement.why))];
    const consequence = hostPathPv
      ? 'nothing keeps the pod on the node that holds the data: rescheduled elsewhere it starts with an empty directory'
      : use.source === 'template'
        ? `each replica can only run on the node that holds its volume${nodes.length ? ` (${nodes.join(', ')})` : ''}: a drain, upgrade or node failure leaves that replica Pending`
        : `the pod can only run on ${nodes.length ? `node ${nodes.join(', ')}` : 'the node its volume is provisioned on'}: a drain, upgrade or node failure leaves it Pending`;
    return {
      status: 'fail',
      ...at,
      message: `${ClaimText} (volume ${use.volume}) ${pinned.length > 1 ? `binds ${claims.join(', ')} to node-local storage` : 'is node-local storage'} — ${whys.join('; ')}: ${consequence}`,
      evidence: { claim: use.claimName, claims, nodes, kinds: [...new Set(pinned.map((f) => f.placement.kind))], persistentVolumes: pinned.map((f) => f.pv?.metadata.name ?? null) },
      fix: adviceFix(
        hostPathPv
          ? `Move ${use.claimName} off the hostPath PV: use a local PV with node affinity (so the pod follows its data) or, better, network storage. hostPath PVs are meant for single-node test clusters.`
          : `Keep data that must survive a node on network storage (a storage class backed by a network disk), or run the app with ≥ 2 replicas that replicate the data themselves (a StatefulSet with anti-affinity), so losing one node loses one copy. ` +
              'If the app replicates and a pinned replica is acceptable, record an exemption (drydock.dev/exempt: storage-local-pv-pinned with a reason).',
      ),
    };
  }
  const known = found.filter((f) => f.placement !== null);
  if (known.length === found.length) {
    const whys = [...new Set(known.map((f) => f.placement!.why))];
    return pass(`${ClaimText} (volume ${use.volume}) is not node-local: ${whys.join('; ')}`, at);
  }
  const unknown = found.find((f) => f.placement === null)!;
  const pvc = unknown.pvc;
  const volumeName: unknown = pvc.spec?.volumeName;
  const sc = storageClassOf(app, pvc);
  const scName: unknown = pvc.spec?.storageClassName;
  const why =
    typeof volumeName === 'string' && volumeName
      ? `its PersistentVolume ${volumeName} is not in the snapshot`
      : sc
        ? `it is not bound yet (no PersistentVolume in the snapshot) and storage class ${sc.metadata.name} (${String(sc.provisioner ?? '?')}) does not say`
        : `no PersistentVolume is bound to it in the snapshot, and ${scName === '' ? 'it names no storage class' : typeof scName === 'string' ? `storage class ${scName} is not in the snapshot` : 'no default storage class is in the snapshot'}`;
  return notApplicable(`Cannot tell where ${claimText === `claim ${pvc.metadata.name}` ? claimText : `${claimText} (${pvc.metadata.name})`} keeps its data: ${why}`, at);
}
