import { effectiveResources } from '../../facts/effective-resources';
import { changeMe, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { emptyDirVolumes } from './_emptydir';

/**
 * `emptyDir.medium: Memory` is a tmpfs: its pages are memory charged to the pod. With neither a
 * `sizeLimit` nor a memory limit on the containers that write to it, the tmpfs can grow to the
 * node's allocatable memory and push the node into memory pressure. tmpfs pages are charged to
 * the memory cgroup of the process that writes them, so a writer with a memory limit is bounded
 * by it (it is OOM-killed first); the API reference: "the maximum usage on memory medium EmptyDir
 * would be the minimum value between the SizeLimit specified here and the sum of memory limits of
 * all containers in a pod".
 * https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
 * https://kubernetes.io/docs/concepts/storage/volumes/#emptydir-configuration-example
 */
export const check: Check = {
  id: 'storage-emptydir-memory',
  title: 'Memory-backed emptyDir without a bound',
  topic: 'storage',
  severity: 'warning',
  fixKind: 'input',
  needs: 'spec',
  summary: 'An emptyDir with `medium: Memory` has no `sizeLimit` and a container that mounts it has no memory limit.',
  rationale:
    'An `emptyDir` with `medium: Memory` is a tmpfs: fast, gone with the pod, and every byte written to it is memory that ' +
    'counts against the memory limit of the pod. When the volume has no `sizeLimit` and a container writing to it has no ' +
    'memory limit, the tmpfs can grow until the node runs short of memory and the kubelet evicts pods. Give the volume a ' +
    '`sizeLimit` sized for what the app keeps there (and leave room for it in the memory limits).',
  docs: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir',
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/volume/',
  ],
  appliesTo(app) {
    return emptyDirVolumes(app).some((v) => v.medium === 'memory') ? null : 'The pod has no memory-backed (medium: Memory) emptyDir volume';
  },
  evaluate(app) {
    return emptyDirVolumes(app)
      .filter((v) => v.medium === 'memory')
      .map((v): CheckResult => {
        const at = { container: null, path: v.path };
        if (v.sizeLimit) return pass(`Memory emptyDir ${v.name} has sizeLimit ${v.sizeLimit}`, at);
        if (!v.mounters.length) return pass(`Memory emptyDir ${v.name} is not mounted by any container: nothing can fill it`, at);
        // A pod-level memory limit (spec.resources, beta in 1.34) caps the pod cgroup and the tmpfs size with it.
        const podLimit: unknown = app.podSpec?.resources?.limits?.memory;
        if (typeof podLimit === 'string' || typeof podLimit === 'number') {
          return pass(`Memory emptyDir ${v.name} has no sizeLimit, but the pod-level memory limit (${podLimit}) bounds it`, at);
        }
        const unlimited = v.mounters.filter((c) => !effectiveResources(c.container, app.related.limitRanges).limits.memory);
        if (!unlimited.length) {
          const limits = v.mounters.map((c) => `${c.name} (${effectiveResources(c.container, app.related.limitRanges).limits.memory!.raw})`).join(', ');
          return pass(`Memory emptyDir ${v.name} has no sizeLimit, but every container that mounts it has a memory limit: ${limits}`, at);
        }
        const names = unlimited.map((c) => c.name).join(', ');
        return {
          status: 'fail',
          ...at,
          message: `Memory emptyDir ${v.name} has no sizeLimit and ${names} ${unlimited.length > 1 ? 'mount it without a memory limit' : 'mounts it without a memory limit'}: the tmpfs can grow to the node's memory`,
          evidence: { volume: v.name, mountedBy: v.mounters.map((c) => c.name), withoutMemoryLimit: unlimited.map((c) => c.name) },
          fix: workloadFix(app, {
            kind: 'input',
            summary: `Set a sizeLimit on memory emptyDir ${v.name}: the most the app keeps there. The tmpfs counts as memory of the container that writes to it, so leave room for it when you give ${names} a memory limit`,
            mutate: (_w, podSpec) => {
              const vol = podSpec.volumes[v.index];
              vol.emptyDir = { ...(vol.emptyDir ?? {}), sizeLimit: changeMe(`tmpfs size of ${v.name}, e.g. 64Mi`) };
            },
          }),
        };
      });
  },
};
