import type { Json } from '../../snapshot/types';
import { atContainer, changeMe, containerIn, containersOf, pass, volumeMounts, workloadFix, type ContainerRef } from '../helpers';
import type { App } from '../../apps/types';
import type { Check, CheckResult } from '../types';
import { normalizePath, proposedSizeLimit, uniqueVolumeName } from './_emptydir';

/**
 * A writable root filesystem sends every write the app makes outside its volumes into the
 * container's overlayfs upper layer: copied up on first write, slower than a volume, counted as
 * ephemeral storage and lost with the container. `readOnlyRootFilesystem: true` makes such writes
 * fail loudly; the scratch paths become emptyDir volumes.
 * https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 * https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
 */

/** Where well-known images write besides /tmp: a hint for the owner, never applied blindly. */
const WRITE_PATH_HINTS: [RegExp, string][] = [
  [/(^|\/)nginx(-unprivileged)?(:|@|$)/, '/var/cache/nginx and /var/run'],
  [/(^|\/)(httpd|apache)(:|@|$)/, '/usr/local/apache2/logs'],
  [/(^|\/)postgres(ql)?(:|@|$)/, '/var/run/postgresql'],
  [/(^|\/)redis(:|@|$)/, '/data'],
  [/(^|\/)(tomcat|jetty)(:|@|$)/, '/usr/local/tomcat/work and /usr/local/tomcat/logs'],
];

function writeHint(image: unknown): string {
  const img = String(image ?? '');
  const hit = WRITE_PATH_HINTS.find(([re]) => re.test(img));
  return hit ? hit[1] : '/var/cache/<app>';
}

export const check: Check = {
  id: 'storage-writable-rootfs',
  title: 'Writable root filesystem',
  topic: 'storage',
  severity: 'warning',
  fixKind: 'input',
  needs: 'spec',
  summary: '`readOnlyRootFilesystem` is not true: writes outside volumes land in the container\'s overlay layer.',
  rationale:
    'Never keep data inside the container image\'s directories. Unless `readOnlyRootFilesystem: true` is set, anything the ' +
    'process writes outside its volumes goes to the overlayfs writable layer: each file is copied up on its first write, ' +
    'it counts against the node\'s ephemeral storage, and it vanishes with the container. Temporary data belongs in an ' +
    '`emptyDir` — a plain volume mount, faster than overlayfs, cleaned up with the pod. A read-only root also stops an ' +
    'intruder from dropping tools into the image. The fix needs the owner to confirm which directories the app writes to.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir',
    'https://kubernetes.io/docs/concepts/storage/ephemeral-storage/',
  ],
  appliesTo(app) {
    // The API server rejects readOnlyRootFilesystem for Windows pods.
    if (app.podSpec?.os?.name === 'windows') return 'Windows pods cannot set readOnlyRootFilesystem';
    return null;
  },
  evaluate(app) {
    return containersOf(app, 'all').map((ref): CheckResult => {
      const sc = ref.container.securityContext ?? {};
      const label = `Container ${ref.name}${ref.role === 'init' ? ' (init)' : ref.role === 'sidecar' ? ' (sidecar)' : ''}`;
      if (sc.readOnlyRootFilesystem === true) return pass(`${label} has a read-only root filesystem`, atContainer(ref, '/securityContext/readOnlyRootFilesystem'));
      const explicit = sc.readOnlyRootFilesystem === false;
      const writable = writableMounts(app, ref);
      return {
        status: 'fail',
        ...atContainer(ref, '/securityContext'),
        message:
          `${label} ${explicit ? 'sets readOnlyRootFilesystem: false' : 'does not set readOnlyRootFilesystem: true'}: ` +
          `writes outside its volumes land in the overlay layer${writable.length ? ` (writable volumes: ${writable.join(', ')})` : ''}`,
        evidence: { readOnlyRootFilesystem: sc.readOnlyRootFilesystem ?? null, writableMounts: writable },
        fix: rootFsFix(app, ref, writable),
      };
    });
  },
};

/** Mount paths of volumes the container can write to (not readOnly, and not ConfigMap/Secret/projected/downwardAPI, which are read-only). */
function writableMounts(app: App, ref: ContainerRef): string[] {
  const vols: Json[] = Array.isArray(app.podSpec?.volumes) ? app.podSpec.volumes : [];
  const readOnlyKinds = ['configMap', 'secret', 'projected', 'downwardAPI'];
  return volumeMounts(ref.container)
    .filter((m) => m.readOnly !== true)
    .filter((m) => {
      const v = vols.find((x) => x?.name === m.name);
      return !v || !readOnlyKinds.some((k) => v[k]);
    })
    .map((m) => normalizePath(m.mountPath));
}

function rootFsFix(app: App, ref: ContainerRef, writable: string[]) {
  const hasTmp = volumeMounts(ref.container).some((m) => normalizePath(m.mountPath) === '/tmp');
  const others = writable.filter((p) => p !== '/tmp');
  const size = proposedSizeLimit([ref], app.related.limitRanges);
  const steps = [`set readOnlyRootFilesystem: true on container ${ref.name}`];
  const reuse = existingTmpVolume(app.podSpec);
  if (!hasTmp) steps.push(reuse ? `mount emptyDir ${reuse} (already the pod's /tmp) at /tmp` : `mount a new emptyDir (sizeLimit ${size}) at /tmp`);
  if (!others.length) steps.push('mount another emptyDir at the other directory the app writes to — replace the placeholder path, or delete that mount and its volume if /tmp is all it needs');
  else steps.push(`keep the writable volumes at ${others.join(', ')}; confirm the app writes nowhere else`);
  return workloadFix(app, {
    kind: 'input',
    summary: `${steps.join('; ')}. Run the app once with the change: a write to any other path now fails with "Read-only file system".`,
    mutate: (_w, podSpec) => {
      const c = containerIn(podSpec, ref);
      c.securityContext = { ...(c.securityContext ?? {}), readOnlyRootFilesystem: true };
      if (!Array.isArray(podSpec.volumes)) podSpec.volumes = [];
      if (!Array.isArray(c.volumeMounts)) c.volumeMounts = [];
      if (!volumeMounts(c).some((m) => normalizePath(m.mountPath) === '/tmp')) {
        c.volumeMounts.push({ name: tmpVolume(podSpec, size), mountPath: '/tmp' });
      }
      if (!others.length) {
        const name = uniqueVolumeName(podSpec, `${ref.name}-scratch`);
        podSpec.volumes.push({ name, emptyDir: { sizeLimit: size } });
        c.volumeMounts.push({ name, mountPath: changeMe(`another directory ${ref.name} writes to, e.g. ${writeHint(ref.container.image)}; or delete this mount and volume ${name}`) });
      }
    },
  });
}

/** The emptyDir another container already mounts at /tmp (reused), else a new one with a sizeLimit. */
function tmpVolume(podSpec: Json, size: string): string {
  const existing = existingTmpVolume(podSpec);
  if (existing) return existing;
  const name = uniqueVolumeName(podSpec, 'tmp');
  podSpec.volumes.push({ name, emptyDir: { sizeLimit: size } });
  return name;
}

/** A disk emptyDir some container of the pod already mounts (whole, no subPath) at /tmp. */
function existingTmpVolume(podSpec: Json): string | null {
  const vols: Json[] = Array.isArray(podSpec?.volumes) ? podSpec.volumes : [];
  const containers: Json[] = [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])];
  for (const c of containers) {
    for (const m of volumeMounts(c)) {
      if (normalizePath(m.mountPath) !== '/tmp' || m.subPath) continue;
      const v = vols.find((x) => x?.name === m.name);
      if (v && 'emptyDir' in v && v.emptyDir?.medium !== 'Memory') return String(v.name);
    }
  }
  return null;
}
