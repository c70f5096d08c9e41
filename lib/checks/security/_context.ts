import type { Json } from '../../snapshot/types';
import { CHANGE_ME_PREFIX, isObject, type ContainerRef } from '../helpers';

/**
 * Small readers shared by the security checks. Security contexts exist at two levels; for the
 * fields both have (runAsUser, runAsNonRoot, …) the container's value wins over the pod's.
 * https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 */

export function containerSecurityContext(ref: ContainerRef): Record<string, Json> {
  const sc = ref.container?.securityContext;
  return isObject(sc) ? sc : {};
}

export function podSecurityContext(podSpec: Json): Record<string, Json> {
  const sc = podSpec?.securityContext;
  return isObject(sc) ? sc : {};
}

/** "(init)" / "(sidecar)" after a container name, so messages say which list it is in. */
export function roleSuffix(ref: ContainerRef): string {
  return ref.role === 'init' ? ' (init container)' : ref.role === 'sidecar' ? ' (native sidecar)' : '';
}

/**
 * A capability name as the runtimes read it: containerd and CRI-O upper-case it and add `CAP_`,
 * so `sys_admin`, `SYS_ADMIN` and `CAP_SYS_ADMIN` are the same capability. Returned without the prefix.
 */
export function normalizeCapability(cap: unknown): string {
  return String(cap).trim().toUpperCase().replace(/^CAP_/, '');
}

/** Entries of a capabilities list, placeholders left by an input fix excluded (the owner has yet to choose). */
export function capabilityList(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.filter((c) => c !== null && c !== undefined && !String(c).includes(CHANGE_ME_PREFIX)).map((c) => String(c));
}

/**
 * The capabilities the Pod Security Standards' *baseline* profile allows to add: the runtimes'
 * default set (minus NET_RAW). Adding one of them to a container that keeps the defaults changes
 * nothing; re-adding one after `drop: [ALL]` is the least-privilege pattern the *restricted*
 * profile recommends (NET_BIND_SERVICE). Neither is a finding.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** Capabilities that amount to root on the node: every capability, or the catch-all SYS_ADMIN. */
export const CRITICAL_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN']);
