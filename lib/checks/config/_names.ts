import type { App } from '../../apps/types';
import type { Json, KubeObject } from '../../snapshot/types';
import { allContainers, isObject, type ContainerRef } from '../helpers';

/**
 * Names for the objects config fixes create. One object per container, named after the workload
 * (`web-secrets`) when the container is the pod's only one or is named like the workload, else
 * `web-worker-secrets`: the name does not depend on which other containers have findings, so fixes
 * applied one after another never overwrite each other's objects.
 */
export function perContainerName(app: App, ref: ContainerRef, suffix: string): string {
  const single = allContainers(app).length === 1 || ref.name === app.name;
  return dnsSubdomain(single ? `${app.name}-${suffix}` : `${app.name}-${ref.name}-${suffix}`);
}

/** The first of `base`, `base-2`, `base-3`… not in `taken` (an existing object must never be replaced). */
export function freeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function dnsSubdomain(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 253) || 'config';
}

/** `DB_PASSWORD` → `db-password` (a valid Secret/ConfigMap key). */
export function kebabKey(envName: string): string {
  return envName.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'value';
}

function each(list: unknown): Json[] {
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** Secret names the pod spec refers to (env, envFrom, volumes, projected sources, imagePullSecrets). */
export function referencedSecretNames(podSpec: Json): Set<string> {
  const out = new Set<string>();
  const add = (n: unknown) => typeof n === 'string' && out.add(n);
  for (const c of [...each(podSpec?.initContainers), ...each(podSpec?.containers)]) {
    for (const e of each(c.env)) add(e.valueFrom?.secretKeyRef?.name);
    for (const ef of each(c.envFrom)) add(ef.secretRef?.name);
  }
  for (const v of each(podSpec?.volumes)) {
    add(v.secret?.secretName);
    for (const s of each(v.projected?.sources)) add(s.secret?.name);
  }
  for (const s of each(podSpec?.imagePullSecrets)) add(s.name);
  return out;
}

/** Metadata for an object created beside the workload (same namespace as written in the manifest). */
export function siblingMeta(app: App, name: string): KubeObject['metadata'] {
  const ns = app.workload.metadata.namespace;
  return { name, ...(ns ? { namespace: ns } : {}) };
}
