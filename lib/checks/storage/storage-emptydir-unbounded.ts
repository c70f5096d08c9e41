import { allContainers, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { DEFAULT_EMPTYDIR_SIZE_LIMIT, emptyDirVolumes, ephemeralStorage, proposedSizeLimit } from './_emptydir';

/**
 * A disk emptyDir lives on the node's ephemeral storage (usually the kubelet's root disk). Without
 * a `sizeLimit`, and with no ephemeral-storage limit in the pod, nothing stops one pod from filling
 * the disk until the node reports DiskPressure and the kubelet evicts pods — often other apps'.
 * The kubelet evicts a pod whose emptyDir exceeds its sizeLimit, and one whose total ephemeral
 * usage (writable layers, logs, emptyDirs) exceeds the sum of its containers' ephemeral-storage
 * limits, so either bounds the volume.
 * https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
 * https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage
 */
export const check: Check = {
  id: 'storage-emptydir-unbounded',
  title: 'emptyDir without a size limit',
  topic: 'storage',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'spec',
  summary: 'A disk emptyDir has no `sizeLimit` and no container of the pod has an ephemeral-storage limit.',
  rationale:
    '`emptyDir` is the recommended place for temporary data, but on disk it shares the node\'s ephemeral storage with every ' +
    'other pod, the images and the logs. Without a `sizeLimit` (or an ephemeral-storage limit on the containers) a runaway ' +
    'cache or spool fills the disk, the node reports DiskPressure, and the kubelet starts evicting pods — not necessarily ' +
    'the one that filled it. With a limit, only the offending pod is evicted. The fix sets `sizeLimit` to ' +
    `${DEFAULT_EMPTYDIR_SIZE_LIMIT}, or to the containers' larger ephemeral-storage request; raise it if the app keeps more there.`,
  docs: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir',
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
  ],
  appliesTo(app) {
    return emptyDirVolumes(app).some((v) => v.medium === 'disk') ? null : 'The pod has no disk-backed emptyDir volume';
  },
  evaluate(app) {
    const limitRanges = app.related.limitRanges;
    // Any container's limit bounds the pod's total ephemeral usage, emptyDirs included (kubelet eviction manager).
    const limited = allContainers(app).flatMap((c) => {
      const limit = ephemeralStorage(c.container, 'limits', limitRanges);
      return limit === null ? [] : [{ c, limit }];
    });
    return emptyDirVolumes(app)
      .filter((v) => v.medium === 'disk')
      .map((v): CheckResult => {
        const at = { container: null, path: v.path };
        if (v.sizeLimit) return pass(`emptyDir ${v.name} has sizeLimit ${v.sizeLimit}`, at);
        if (!v.mounters.length) return pass(`emptyDir ${v.name} is not mounted by any container: nothing can fill it`, at);
        if (limited.length) {
          const names = limited.map((x) => `${x.c.name} (${x.limit})`).join(', ');
          return pass(`emptyDir ${v.name} has no sizeLimit, but the pod's ephemeral-storage limits bound it: ${names}`, at);
        }
        const size = proposedSizeLimit(v.mounters, limitRanges);
        const by = v.mounters.map((c) => c.name).join(', ');
        return {
          status: 'fail',
          ...at,
          message: `emptyDir ${v.name} (mounted by ${by}) has no sizeLimit and no container has an ephemeral-storage limit: it can fill the node's disk`,
          evidence: { volume: v.name, mountedBy: v.mounters.map((c) => c.name), proposedSizeLimit: size },
          fix: workloadFix(app, {
            kind: 'safe',
            summary: `Set sizeLimit: ${size} on emptyDir ${v.name}; the kubelet evicts this pod (only) if the volume grows past it — raise the value if the app legitimately keeps more there`,
            mutate: (_w, podSpec) => {
              const vol = podSpec.volumes[v.index];
              vol.emptyDir = { ...(vol.emptyDir ?? {}), sizeLimit: size };
            },
          }),
        };
      });
  },
};
