import type { App } from '../../apps/types';
import type { Json } from '../../snapshot/types';
import { appMemo } from './app-memos';

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

interface ContainersMemo {
  /** What the lists were derived from: a hit must still see the same spec, lists and lengths. */
  spec: unknown;
  path: string;
  inits: unknown;
  mains: unknown;
  initCount: number;
  mainCount: number;
  all: ContainerRef[];
  app: ContainerRef[];
  init: ContainerRef[];
}

/**
 * About forty checks ask for the same container lists of each app: derive them once per app.
 * The cached lists are shared, so callers treat them (and the refs) as read-only; the entry is
 * re-derived when the app's pod spec or its container lists have been replaced or resized.
 */
const containersMemo = appMemo<ContainersMemo>();

function memoOf(app: App): ContainersMemo {
  const spec = app.podSpec;
  const inits: unknown = spec?.initContainers;
  const mains: unknown = spec?.containers;
  const initCount = Array.isArray(inits) ? inits.length : -1;
  const mainCount = Array.isArray(mains) ? mains.length : -1;
  let m = containersMemo.get(app);
  if (m && m.spec === spec && m.path === app.podSpecPath && m.inits === inits && m.mains === mains && m.initCount === initCount && m.mainCount === mainCount) return m;
  const all = deriveContainers(app);
  m = {
    spec,
    path: app.podSpecPath,
    inits,
    mains,
    initCount,
    mainCount,
    all,
    app: all.filter((c) => c.role !== 'init'),
    init: all.filter((c) => c.role === 'init'),
  };
  containersMemo.set(app, m);
  return m;
}

/** Every container of the pod with its role, in pod order (init containers first). Shared: do not mutate. */
export function allContainers(app: App): ContainerRef[] {
  return memoOf(app).all;
}

function deriveContainers(app: App): ContainerRef[] {
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

/** The containers of one selection (shared lists: do not mutate). */
export function containersOf(app: App, selection: ContainerSelection): ContainerRef[] {
  const m = memoOf(app);
  switch (selection) {
    case 'app':
      return m.app;
    case 'init':
      return m.init;
    case 'all':
      return m.all;
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
