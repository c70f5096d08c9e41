import type { Json } from '../../snapshot/types';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A metav1.LabelSelector against a label set
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors).
 * A null/absent selector matches nothing; an empty one ({}) matches everything — the PDB rule.
 */
export function labelSelectorMatches(selector: Json, labels: Record<string, string>): boolean {
  if (selector === null || selector === undefined || typeof selector !== 'object') return false;
  const matchLabels = selector.matchLabels ?? {};
  // for…in with an own-key guard: the same keys as Object.entries, without an array per call
  // (buildApps matches every PDB of a namespace against every app there).
  for (const k in matchLabels) {
    if (hasOwn.call(matchLabels, k) && labels[k] !== matchLabels[k]) return false;
  }
  const exprs: Json[] = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of exprs) {
    const key: string = e?.key;
    const values: string[] = Array.isArray(e?.values) ? e.values.map(String) : [];
    const has = hasOwn.call(labels, key);
    switch (e?.operator) {
      case 'In':
        if (!has || !values.includes(labels[key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * A Service's `spec.selector` (a plain map) against pod labels. A Service without a selector
 * (or an empty one) selects no pods: its endpoints are managed by hand.
 */
export function serviceSelects(service: Json, podLabels: Record<string, string>): boolean {
  const sel = service?.spec?.selector;
  if (!sel || typeof sel !== 'object') return false;
  // Same as "has a key, and every entry matches", without allocating key/entry arrays per Service.
  let any = false;
  for (const k in sel) {
    if (!hasOwn.call(sel, k)) continue;
    any = true;
    if (podLabels[k] !== sel[k]) return false;
  }
  return any;
}
