import type { Json } from '../../snapshot/types';
import { adviceFix, allContainers, isObject, pass, volumeMounts } from '../helpers';
import type { Check, CheckResult } from '../types';
import { normalizePath } from './_emptydir';

/**
 * hostPath mounts a directory of the node into the pod: the data stays on that node, and the pod
 * can read (or change) the node's own files. It exists for node agents, not for applications.
 * https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
 */

/** Directories whose exposure hands over the node even read-only (credentials, every pod's volumes, the runtime). */
const CRITICAL_DIRS = new Set(['/', '/etc', '/var/run', '/run', '/var/lib/docker', '/var/lib/kubelet', '/var/lib/containerd', '/etc/kubernetes']);
/** Container runtime sockets: whoever can talk to one can start a privileged container on the node. */
const RUNTIME_SOCKETS = /(^|\/)(docker|containerd|crio|cri-dockerd|podman)\.sock$/;
/** Directories that hold a runtime socket. */
const RUNTIME_SOCKET_DIRS = new Set(['/run/containerd', '/var/run/containerd', '/run/crio', '/var/run/crio', '/run/docker', '/var/run/docker', '/run/podman', '/var/run/podman']);

/** Why a host path is critical whatever the mount mode, or null. */
export function criticalHostPath(path: string): string | null {
  const p = normalizePath(path);
  if (RUNTIME_SOCKETS.test(p)) return 'a container runtime socket: whoever reaches it controls every container on the node';
  if (RUNTIME_SOCKET_DIRS.has(p)) return 'the directory of a container runtime socket: whoever reaches it controls every container on the node';
  if (p === '/') return "the node's root filesystem";
  if (CRITICAL_DIRS.has(p)) return `${p} holds node credentials, runtime state or other pods' data`;
  return null;
}

export const check: Check = {
  id: 'storage-hostpath',
  title: 'hostPath volume in a workload',
  topic: 'storage',
  severity: 'critical',
  severities: ['critical', 'warning'],
  fixKind: 'advice',
  needs: 'spec',
  summary: 'A hostPath volume mounts a node directory into the pod (critical for /, /etc, /var/run, runtime sockets, or when writable; warning when read-only).',
  rationale:
    '`hostPath` is not offered to end-user applications: it exists for programs that mean to read or change the node\'s files. ' +
    'Data written there stays on one node — the next replica or the rescheduled pod sees a different directory — and a ' +
    'writable mount, the node\'s `/etc`, or a container runtime socket lets the pod take over the node. Scratch data belongs ' +
    'in an `emptyDir`, durable data in a PersistentVolumeClaim. Node agents that really need the host (log shippers, CNI, ' +
    'CSI, monitoring) should carry an exemption that says so.',
  docs: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  appliesTo: () => null,
  evaluate(app) {
    const vols: unknown[] = Array.isArray(app.podSpec?.volumes) ? app.podSpec.volumes : [];
    const containers = allContainers(app);
    const results: CheckResult[] = [];
    vols.forEach((v, index) => {
      if (!isObject(v) || !isObject(v.hostPath) || typeof v.name !== 'string') return;
      const name = v.name;
      const hostPath = normalizePath(v.hostPath.path);
      const type: string | null = typeof v.hostPath.type === 'string' && v.hostPath.type ? v.hostPath.type : null;
      const mounts = containers.flatMap((c) => volumeMounts(c.container).filter((m) => m.name === name).map((m) => ({ container: c.name, mount: m as Json })));
      const writers = mounts.filter((m) => m.mount.readOnly !== true);
      const critical = criticalHostPath(hostPath);
      const mountText = mounts.length
        ? mounts.map((m) => `${m.container} at ${m.mount.mountPath ?? '?'}${m.mount.readOnly === true ? ' (readOnly)' : ' (writable)'}`).join(', ')
        : 'not mounted by any container';
      const severity = critical || writers.length ? 'critical' : 'warning';
      const why = critical ?? (writers.length ? `writable by ${[...new Set(writers.map((w) => w.container))].join(', ')}: the pod can change the node's files` : 'mounted read-only, but the pod still reads the node\'s own files and works only where they exist');
      results.push({
        status: 'fail',
        container: null,
        path: `${app.podSpecPath}/volumes/${index}`,
        severity,
        message: `Volume ${name} mounts host path ${hostPath || '?'}${type ? ` (type ${type})` : ''} — ${why}; mounted by ${mountText}`,
        evidence: { volume: name, hostPath, type, mounts: mounts.map((m) => ({ container: m.container, mountPath: m.mount.mountPath ?? null, readOnly: m.mount.readOnly === true })), critical: critical !== null },
        fix: adviceFix(
          `Replace hostPath volume ${name} (${hostPath || '?'}): use an emptyDir for scratch data and a PersistentVolumeClaim for data that must outlive the pod. ` +
            (critical ? `Exposing ${hostPath} gives the pod control of the node — remove it unless this is a node agent that cannot work without it. ` : '') +
            (writers.length ? 'If the host directory must stay, mount it with readOnly: true. ' : '') +
            `For a node agent (log shipper, CNI, CSI, monitoring) that needs the host, keep the volume and record an exemption: annotation drydock.dev/exempt: storage-hostpath with drydock.dev/exempt-reason.`,
        ),
      });
    });
    return results.length ? results : [pass('No hostPath volume: the pod keeps no data on, and reads nothing from, the node\'s filesystem')];
  },
};
