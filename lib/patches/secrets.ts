import { changeMe, CHANGE_ME_PREFIX } from '../checks/helpers/fix';
import type { KubeObject } from '../snapshot/types';
import { isPlainObject } from './deep';

/**
 * A Secret's value never appears in a patch (report-schema.md). Fixes that create a Secret put a
 * placeholder in each value; anything else found in a Secret's `data`/`stringData` is replaced by
 * one, and a note says so.
 */
export function redactSecretValues(obj: KubeObject, notes: string[]): KubeObject {
  if (obj.kind !== 'Secret') return obj;
  for (const field of ['data', 'stringData'] as const) {
    const values = obj[field];
    if (!isPlainObject(values)) continue;
    for (const [k, v] of Object.entries(values)) {
      if (typeof v === 'string' && v.includes(CHANGE_ME_PREFIX)) continue;
      values[k] = changeMe(field === 'data' ? `base64 of the value of ${k}` : `value of ${k}`);
      notes.push(`Secret ${obj.metadata.name}: the value of ${k} was replaced by a placeholder (Drydock never writes a Secret value).`);
    }
  }
  return obj;
}
