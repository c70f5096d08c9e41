import type { App } from '../../apps/types';
import type { Json, KubeObject } from '../../snapshot/types';
import { deepClone } from '../../patches/deep';
import { labelSelectorMatches } from './selectors';

/**
 * Spread logic for the availability checks: does the pod template spread its own replicas over a
 * topology key, and over which domains could it spread at all.
 * https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 * https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
 */

export const HOSTNAME_KEY = 'kubernetes.io/hostname';
export const ZONE_KEY = 'topology.kubernetes.io/zone';
/** Deprecated zone label; nodes of older clusters (and some still) carry it alongside the new one. */
export const LEGACY_ZONE_KEY = 'failure-domain.beta.kubernetes.io/zone';

export interface SpreadRule {
  /** What satisfies the spread, for messages: "topologySpreadConstraint (maxSkew 1, ScheduleAnyway)". */
  how: string;
  /** JSON pointer into the workload. */
  path: string;
}

function arr(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : [];
}

/**
 * Whether a pod (anti-)affinity term counts the pod's own replicas: its label selector matches the
 * pod's labels (null matches nothing), `mismatchLabelKeys` does not exclude them, and its namespaces
 * include the pod's namespace (empty namespaces and a null namespaceSelector mean "this namespace").
 */
export function affinityTermMatchesOwnPods(term: Json, app: App): boolean {
  if (!labelSelectorMatches(term?.labelSelector, app.podMeta.labels)) return false;
  const mismatch: unknown[] = Array.isArray(term?.mismatchLabelKeys) ? term.mismatchLabelKeys : [];
  if (mismatch.some((k) => typeof k === 'string' && k in app.podMeta.labels)) return false;
  const namespaces: unknown[] = Array.isArray(term?.namespaces) ? term.namespaces : [];
  const nsSelector = term?.namespaceSelector;
  if (namespaces.length === 0 && (nsSelector === undefined || nsSelector === null)) return true;
  if (namespaces.includes(app.namespace)) return true;
  if (nsSelector && typeof nsSelector === 'object') {
    const nsLabels: Record<string, string> = { ...(app.related.namespace?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': app.namespace };
    return labelSelectorMatches(nsSelector, nsLabels);
  }
  return false;
}

/** Every rule of the pod template that spreads its own replicas over `key` (one of `keys`). */
export function spreadRules(app: App, keys: readonly string[]): SpreadRule[] {
  const out: SpreadRule[] = [];
  const base = app.podSpecPath;
  arr(app.podSpec?.topologySpreadConstraints).forEach((c, i) => {
    if (!keys.includes(c.topologyKey) || !labelSelectorMatches(c.labelSelector, app.podMeta.labels)) return;
    out.push({
      how: `topologySpreadConstraint on ${c.topologyKey} (maxSkew ${c.maxSkew ?? '?'}, ${c.whenUnsatisfiable ?? 'DoNotSchedule'})`,
      path: `${base}/topologySpreadConstraints/${i}`,
    });
  });
  const anti = app.podSpec?.affinity?.podAntiAffinity;
  arr(anti?.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    if (keys.includes(t.topologyKey) && affinityTermMatchesOwnPods(t, app)) {
      out.push({ how: `required pod anti-affinity on ${t.topologyKey}`, path: `${base}/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/${i}` });
    }
  });
  arr(anti?.preferredDuringSchedulingIgnoredDuringExecution).forEach((w, i) => {
    const t = w.podAffinityTerm;
    if (t && keys.includes(t.topologyKey) && affinityTermMatchesOwnPods(t, app)) {
      out.push({ how: `preferred pod anti-affinity on ${t.topologyKey} (weight ${w.weight ?? '?'})`, path: `${base}/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/${i}` });
    }
  });
  return out;
}

/** Spread rules on `keys` whose selector does not count the pod's own replicas (they spread nothing of this app). */
export function ineffectiveSpreadConstraints(app: App, keys: readonly string[]): Json[] {
  return arr(app.podSpec?.topologySpreadConstraints).filter((c) => keys.includes(c.topologyKey) && !labelSelectorMatches(c.labelSelector, app.podMeta.labels));
}

/**
 * The label selector to spread by: the workload's own selector (it matches exactly the replicas),
 * or the pod template labels when the workload has none.
 */
export function workloadSelector(app: App): Json {
  const sel = app.workload.spec?.selector;
  if (sel && typeof sel === 'object' && (sel.matchLabels || sel.matchExpressions)) {
    const out: Json = {};
    if (sel.matchLabels) out.matchLabels = { ...sel.matchLabels };
    if (Array.isArray(sel.matchExpressions) && sel.matchExpressions.length) out.matchExpressions = deepClone(sel.matchExpressions);
    return out;
  }
  return { matchLabels: { ...app.podMeta.labels } };
}

/** A soft spread constraint: spread when possible, never leave a pod Pending because of it. */
export function softSpreadConstraint(app: App, key: string): Json {
  return { maxSkew: 1, topologyKey: key, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: workloadSelector(app) };
}

function nodeLabels(n: KubeObject): Record<string, string> {
  return n.metadata.labels ?? {};
}

/** A node selector requirement (In, NotIn, Exists, DoesNotExist, Gt, Lt) against node labels. */
function requirementMatches(req: Json, labels: Record<string, string>): boolean {
  const key = req?.key;
  const values: string[] = Array.isArray(req?.values) ? req.values.map(String) : [];
  const has = typeof key === 'string' && key in labels;
  const val = has ? labels[key] : undefined;
  switch (req?.operator) {
    case 'In':
      return has && values.includes(val!);
    case 'NotIn':
      return !has || !values.includes(val!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(val) > Number(values[0]);
    case 'Lt':
      return has && Number(val) < Number(values[0]);
    default:
      return false;
  }
}

function tolerates(tolerations: Json[], taint: Json): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/**
 * Nodes the pod may be scheduled on: its `nodeSelector`, required node affinity (matchExpressions;
 * matchFields on metadata.name) and NoSchedule/NoExecute taints it does not tolerate.
 * https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
 */
export function eligibleNodes(app: App, nodes: KubeObject[]): KubeObject[] {
  const spec = app.podSpec ?? {};
  const nodeSelector: Record<string, unknown> = spec.nodeSelector && typeof spec.nodeSelector === 'object' ? spec.nodeSelector : {};
  const terms = arr(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms);
  const tolerations = arr(spec.tolerations);
  return nodes.filter((n) => {
    const labels = nodeLabels(n);
    if (!Object.entries(nodeSelector).every(([k, v]) => labels[k] === String(v))) return false;
    if (terms.length) {
      const fields = { 'metadata.name': n.metadata.name };
      const ok = terms.some(
        (t) => arr(t.matchExpressions).every((r) => requirementMatches(r, labels)) && arr(t.matchFields).every((r) => requirementMatches(r, fields)),
      );
      if (!ok) return false;
    }
    const taints = arr(n.spec?.taints).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    return taints.every((t) => tolerates(tolerations, t));
  });
}

/** Distinct values of `key` among `nodes`, with how many nodes carry each (nodes without the label are skipped). */
export function domainsOf(nodes: KubeObject[], key: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of nodes) {
    const v = nodeLabels(n)[key];
    if (v !== undefined && v !== '') out.set(v, (out.get(v) ?? 0) + 1);
  }
  return out;
}

/** The value of `key` on the node named `nodeName`, if the node is known and labelled. */
export function nodeLabel(nodes: KubeObject[], nodeName: string, key: string): string | undefined {
  return nodes.find((n) => n.metadata.name === nodeName)?.metadata.labels?.[key];
}
