import type { App } from '../../apps/types';
import { isObject, type ContainerRef } from '../helpers';
import { digestOfImageId, type ImageRef } from '../helpers/images';

/**
 * Repository digests the live pods of the app actually run for one container (cluster scans).
 * Only pods whose container still has the workload's image count (a roll-out may be under way),
 * and only pullable digests (`repo@sha256:…`), not local image IDs.
 * https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodStatus
 */
export function observedDigests(app: App, ref: ContainerRef): string[] {
  const image = ref.container?.image;
  const statusList = ref.list === 'containers' ? 'containerStatuses' : 'initContainerStatuses';
  const out = new Set<string>();
  for (const pod of app.related.pods) {
    const specContainers: unknown[] = Array.isArray(pod.spec?.[ref.list]) ? pod.spec[ref.list] : [];
    const same = specContainers.find((c) => isObject(c) && c.name === ref.name);
    if (!isObject(same) || same.image !== image) continue;
    const statuses: unknown[] = Array.isArray(pod.status?.[statusList]) ? pod.status[statusList] : [];
    for (const s of statuses) {
      if (!isObject(s) || s.name !== ref.name) continue;
      const d = digestOfImageId(s.imageID);
      if (d) out.add(d);
    }
  }
  return [...out].sort();
}

/** `sha256:0123456789ab…` — enough of a digest to tell two apart in a message. */
export function shortDigest(d: string): string {
  const [alg, hex = ''] = d.split(':');
  return `${alg}:${hex.slice(0, 12)}…`;
}

/** The reference for a message: the digest shortened, the rest as written. */
export function displayImage(ref: ImageRef): string {
  return ref.digest ? `${ref.name}${ref.tag ? `:${ref.tag}` : ''}@${shortDigest(ref.digest)}` : ref.raw;
}
