import type { App } from '../../apps/types';
import type { Json, KubeObject } from '../../snapshot/types';
import { allContainers, hasQuantity, isObject, parseQuantity, volumeMounts, type ContainerRef } from '../helpers';

/**
 * Shared emptyDir logic of the storage topic (private: the registry ignores `_*` files).
 * https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
 */

/** Size given to the emptyDirs Drydock's fixes add or bound, unless a larger ephemeral-storage request says otherwise. */
export const DEFAULT_EMPTYDIR_SIZE_LIMIT = '1Gi';

export interface EmptyDirVolume {
  name: string;
  index: number;
  /** JSON pointer to the volume in the workload. */
  path: string;
  medium: 'disk' | 'memory';
  /** `sizeLimit` as written, or null. */
  sizeLimit: string | null;
  /** Containers (init included) that mount it. */
  mounters: ContainerRef[];
}

/** Every emptyDir volume of the pod with the containers that mount it. */
export function emptyDirVolumes(app: App): EmptyDirVolume[] {
  const vols: unknown[] = Array.isArray(app.podSpec?.volumes) ? app.podSpec.volumes : [];
  const containers = allContainers(app);
  const out: EmptyDirVolume[] = [];
  vols.forEach((v, index) => {
    // `emptyDir:` with nothing after it parses as null: still an emptyDir.
    if (!isObject(v) || typeof v.name !== 'string' || !('emptyDir' in v) || v.emptyDir === undefined) return;
    const ed: Json = v.emptyDir ?? {};
    const name = v.name;
    out.push({
      name,
      index,
      path: `${app.podSpecPath}/volumes/${index}`,
      medium: ed?.medium === 'Memory' ? 'memory' : 'disk',
      sizeLimit: hasQuantity(ed, 'sizeLimit') ? String(ed.sizeLimit) : null,
      mounters: containers.filter((c) => volumeMounts(c.container).some((m) => m.name === name)),
    });
  });
  return out;
}

/**
 * A container's effective `ephemeral-storage` value (`limits` or `requests`): written, else the
 * namespace LimitRange default (`default`/`max` for limits, `defaultRequest` for requests).
 * `effectiveResources` only covers cpu and memory, hence this small twin.
 * https://kubernetes.io/docs/concepts/policy/limit-range/
 */
export function ephemeralStorage(container: Json, kind: 'limits' | 'requests', limitRanges: KubeObject[]): string | null {
  const res = container?.resources?.[kind];
  if (hasQuantity(res, 'ephemeral-storage')) return String(res['ephemeral-storage']);
  if (kind === 'requests' && hasQuantity(container?.resources?.limits, 'ephemeral-storage')) return String(container.resources.limits['ephemeral-storage']);
  for (const lr of limitRanges) {
    const items: Json[] = Array.isArray(lr.spec?.limits) ? lr.spec.limits : [];
    for (const item of items) {
      if (item?.type !== 'Container') continue;
      const dflt = item.default?.['ephemeral-storage'] ?? item.max?.['ephemeral-storage'];
      const v = kind === 'limits' ? dflt : (item.defaultRequest?.['ephemeral-storage'] ?? dflt);
      if (v !== undefined && v !== null && v !== '') return String(v);
    }
  }
  return null;
}

/**
 * The sizeLimit a fix writes: the largest ephemeral-storage request of the given containers when
 * it exceeds the default (the owner already said the app needs that much), else 1Gi. Erring large
 * on purpose: the kubelet evicts the pod when the volume outgrows its limit, and a safe fix must
 * not evict a healthy app.
 */
export function proposedSizeLimit(containers: ContainerRef[], limitRanges: KubeObject[]): string {
  let best = { raw: DEFAULT_EMPTYDIR_SIZE_LIMIT, value: parseQuantity(DEFAULT_EMPTYDIR_SIZE_LIMIT)! };
  for (const c of containers) {
    const raw = ephemeralStorage(c.container, 'requests', limitRanges);
    const value = parseQuantity(raw);
    if (raw !== null && value !== null && value > best.value) best = { raw, value };
  }
  return best.raw;
}

/** A volume name not yet used in the pod spec (DNS label, ≤ 63 characters). */
export function uniqueVolumeName(podSpec: Json, base: string): string {
  const used = new Set((Array.isArray(podSpec?.volumes) ? podSpec.volumes : []).map((v: Json) => v?.name));
  const clean = base.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 55) || 'scratch';
  if (!used.has(clean)) return clean;
  for (let i = 2; ; i++) if (!used.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

/** `/tmp/` and `/tmp` are the same directory. */
export function normalizePath(p: unknown): string {
  const s = String(p ?? '').replace(/\/{2,}/g, '/');
  return s.length > 1 ? s.replace(/\/+$/, '') : s;
}
