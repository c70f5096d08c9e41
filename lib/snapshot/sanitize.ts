import type { KubeObject } from './types';

/**
 * Make an object safe and small before anything is shown or patched:
 * - a Secret keeps only its key names (values never enter a snapshot, a report or a patch);
 * - server-managed metadata (managedFields, resourceVersion, generation, creationTimestamp,
 *   selfLink) is dropped; `uid` is kept until owner links are resolved by the caller.
 */
export function sanitizeObject(obj: KubeObject): KubeObject {
  const out: KubeObject = { ...obj, metadata: { ...(obj.metadata ?? { name: '' }) } };
  if (typeof out.metadata.name !== 'string' && typeof out.metadata.generateName === 'string') {
    out.metadata.name = out.metadata.generateName as string;
  }
  for (const f of ['managedFields', 'resourceVersion', 'generation', 'creationTimestamp', 'selfLink'] as const) {
    delete out.metadata[f];
  }
  if (out.kind === 'Secret') {
    const keys = new Set<string>([...Object.keys((obj.data as object) ?? {}), ...Object.keys((obj.stringData as object) ?? {})]);
    delete out.data;
    delete out.stringData;
    out.dataKeys = [...keys].sort();
    // kubectl apply keeps a full copy of the object, values included, in this annotation.
    if (out.metadata.annotations) {
      const annotations = { ...out.metadata.annotations };
      delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
      out.metadata.annotations = annotations;
    }
  }
  return out;
}
