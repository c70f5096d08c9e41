import type { KubeObject } from '../snapshot/types';
import { deepClone, isPlainObject } from './deep';

/**
 * Fields the API server owns. A patch must never carry them: `status` is written by controllers,
 * the metadata below by the API server (a stale `resourceVersion` in a patch even makes it fail
 * with a conflict). https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions
 */
export const SERVER_MANAGED_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
] as const;

/** A copy of the object without `status` and server-managed metadata. */
export function withoutServerFields(obj: KubeObject): KubeObject {
  const out = deepClone(obj);
  delete out.status;
  if (isPlainObject(out.metadata)) for (const f of SERVER_MANAGED_METADATA) delete out.metadata[f];
  return out;
}

/** True when a JSON pointer designates a server-managed field or something inside one. */
export function isServerManagedPath(ptr: string): boolean {
  if (ptr === '/status' || ptr.startsWith('/status/')) return true;
  return SERVER_MANAGED_METADATA.some((f) => ptr === `/metadata/${f}` || ptr.startsWith(`/metadata/${f}/`));
}
