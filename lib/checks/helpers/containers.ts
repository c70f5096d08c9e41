import type { App } from '../../apps/types';
import type { Json } from '../../snapshot/types';

/**
 * How a container takes part in the pod.
 * - `app`: a regular container.
 * - `sidecar`: a native sidecar — an init container with `restartPolicy: Always`
 *   (https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/); judged like an app container.
 * - `init`: a plain init container: runs to completion, in order, before the app containers start.
 */
export type ContainerRole = 'app' | 'sidecar' | 'init';

export interface ContainerRef {
  name: string;
  role: ContainerRole;
  /** Index in its list (`containers` or `initContainers`). */
  index: number;
  list: 'containers' | 'initContainers';
  /** JSON pointer to the container inside the workload object. */
  path: string;
  container: Json;
}

export type ContainerSelection =
  /** App containers and native sidecars (probes, processes, DNS, config). */
  | 'app'
  /** App containers, native sidecars and plain init containers (resources, images, security, root FS). */
  | 'all'
  /** Plain init containers only. */
  | 'init';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isNativeSidecar(c: Json): boolean {
  return isObject(c) && c.restartPolicy === 'Always';
}

/** Every container of the pod with its role, in pod order (init containers first). */
export function allContainers(app: App): ContainerRef[] {
  const out: ContainerRef[] = [];
  const spec = app.podSpec;
  const inits: unknown[] = Array.isArray(spec?.initContainers) ? spec.initContainers : [];
  inits.forEach((c, index) => {
    if (!isObject(c)) return;
    out.push({
      name: typeof c.name === 'string' ? c.name : `init-${index}`,
      role: isNativeSidecar(c) ? 'sidecar' : 'init',
      index,
      list: 'initContainers',
      path: `${app.podSpecPath}/initContainers/${index}`,
      container: c,
    });
  });
  const mains: unknown[] = Array.isArray(spec?.containers) ? spec.containers : [];
  mains.forEach((c, index) => {
    if (!isObject(c)) return;
    out.push({
      name: typeof c.name === 'string' ? c.name : `container-${index}`,
      role: 'app',
      index,
      list: 'containers',
      path: `${app.podSpecPath}/containers/${index}`,
      container: c,
    });
  });
  return out;
}

export function containersOf(app: App, selection: ContainerSelection): ContainerRef[] {
  const all = allContainers(app);
  switch (selection) {
    case 'app':
      return all.filter((c) => c.role !== 'init');
    case 'init':
      return all.filter((c) => c.role === 'init');
    case 'all':
      return all;
  }
}

/** Find the same container in another copy of the workload (e.g. the one a fix mutates). */
export function containerIn(podSpec: Json, ref: Pick<ContainerRef, 'list' | 'index'>): Json {
  return podSpec?.[ref.list]?.[ref.index];
}

/** Volumes of the pod spec (objects only). */
export function podVolumes(app: App): Json[] {
  const v = app.podSpec?.volumes;
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** Volume mounts of a container (objects only). */
export function volumeMounts(container: Json): Json[] {
  const m = container?.volumeMounts;
  return Array.isArray(m) ? m.filter(isObject) : [];
}

export { isObject };
