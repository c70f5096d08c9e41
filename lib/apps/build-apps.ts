import type { DrydockConfig } from '../config/types';
import type { Json, KubeObject, Snapshot } from '../snapshot/types';
import { labelSelectorMatches, serviceSelects } from '../checks/helpers/selectors';
import { ClusterIndex, indexSnapshot, namespaceOf } from './snapshot-index';
import { groupOf, managedByOf, teamOf } from './identity';
import type { App, RelatedObjects, WorkloadKind } from './types';
import { controllerOf, isWorkloadKind, podTemplateOf } from './workload-shape';

/** Kinds Drydock reads besides workloads; anything else in the input is listed as not read. */
export const RELATED_KINDS = new Set([
  'Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'LimitRange', 'PersistentVolumeClaim',
  'PersistentVolume', 'StorageClass', 'ConfigMap', 'Secret', 'Namespace', 'Node', 'Endpoints', 'EndpointSlice', 'ServiceAccount',
]);

export interface BuiltApps {
  apps: App[];
  /** Kinds present in the input that no check reads, with counts. */
  unreadKinds: Record<string, number>;
}

/**
 * One app per top-level workload. Pods, ReplicaSets and Jobs owned by a workload in the snapshot
 * are not apps of their own: live pods become the observed pods of the app that owns them.
 */
export function buildApps(snapshot: Snapshot, config: DrydockConfig): BuiltApps {
  const apps: App[] = [];
  const unreadKinds: Record<string, number> = {};
  for (const [cluster, index] of indexSnapshot(snapshot)) {
    for (const kind of index.kinds()) {
      if (!isWorkloadKind(kind) && !RELATED_KINDS.has(kind)) unreadKinds[kind] = (unreadKinds[kind] ?? 0) + index.entries(kind).length;
    }
    const podsByApp = podsByTopLevelOwner(index);
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'ReplicaSet', 'Pod'] as const) {
      for (const entry of index.entries(kind)) {
        const w = entry.object;
        if (!isTopLevel(w, index)) continue;
        const namespace = w.metadata.namespace ?? 'default';
        if (config.namespaces.length && !config.namespaces.includes(namespace)) continue;
        apps.push(buildApp(cluster, kind, w, namespace, index, podsByApp, config, entry.source));
      }
    }
  }
  apps.sort((a, b) => COLLATOR.compare(a.id, b.id));
  return { apps, unreadKinds };
}

/**
 * `a.localeCompare(b)` without locale or options is defined as this collator's compare; one shared
 * instance spares the per-call collator lookup (the sort of 10,000 apps makes ~130,000 comparisons).
 */
const COLLATOR = new Intl.Collator();

const CONTROLLED_KINDS: Record<string, WorkloadKind[]> = {
  ReplicaSet: ['Deployment'],
  Job: ['CronJob'],
  Pod: ['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Deployment', 'CronJob'],
};

/**
 * A workload is top-level unless a workload kind in scope controls it. A Pod with any controller
 * is never an app (its controller is, or a custom controller we do not judge); a ReplicaSet owned
 * by a custom controller (e.g. an Argo Rollout) stays an app: it is what runs.
 */
function isTopLevel(w: KubeObject, index: ClusterIndex): boolean {
  const owner = controllerOf(w);
  if (!owner) return true;
  if (w.kind === 'Pod') return false;
  const controlling = CONTROLLED_KINDS[w.kind];
  if (!controlling || !controlling.includes(owner.kind as WorkloadKind)) return true;
  // Owned by an in-scope kind: an app of its own only when the owner is absent from the snapshot.
  return !index.byUidOrName(owner.kind, namespaceOf(w), owner.name, owner.uid);
}

/** Live pods grouped by the top-level workload that owns them (resolved from lists, no GETs). */
function podsByTopLevelOwner(index: ClusterIndex): Map<string, KubeObject[]> {
  const out = new Map<string, KubeObject[]>();
  for (const pod of index.all('Pod')) {
    let cur: KubeObject = pod;
    let top: KubeObject | null = null;
    for (let depth = 0; depth < 4; depth++) {
      const ref = controllerOf(cur);
      if (!ref) break;
      const owner = index.byUidOrName(ref.kind, namespaceOf(cur), ref.name, ref.uid);
      if (!owner) break;
      top = owner;
      cur = owner;
    }
    if (!top) continue;
    const key = `${top.kind}/${namespaceOf(top)}/${top.metadata.name}`;
    const list = out.get(key);
    if (list) list.push(pod);
    else out.set(key, [pod]);
  }
  return out;
}

function buildApp(
  cluster: string,
  kind: WorkloadKind,
  w: KubeObject,
  namespace: string,
  index: ClusterIndex,
  podsByApp: Map<string, KubeObject[]>,
  config: DrydockConfig,
  source: App['source'],
): App {
  const tpl = podTemplateOf(w, kind);
  const podLabels = tpl.podMeta.labels;
  const nsObj = index.get('Namespace', undefined, namespace) ?? null;
  const hpas = index.inNamespace('HorizontalPodAutoscaler', namespace).filter((h) => {
    const ref = h.spec?.scaleTargetRef;
    return ref?.kind === kind && ref?.name === w.metadata.name;
  });
  const services = index.inNamespace('Service', namespace).filter((s) => serviceSelects(s, podLabels));
  const pdbs = index.inNamespace('PodDisruptionBudget', namespace).filter((p) => labelSelectorMatches(p.spec?.selector, podLabels));
  const pvcs = claimsOf(w, kind, tpl.podSpec, namespace, index);
  // A claim names its volume (spec.volumeName); a pre-bound volume names its claim (spec.claimRef).
  const pvs = !pvcs.length ? [] : [
    ...new Set([
      ...pvcs.map((c) => (typeof c.spec?.volumeName === 'string' ? index.get('PersistentVolume', undefined, c.spec.volumeName) : undefined)),
      ...(pvcs.length ? index.all('PersistentVolume').filter((pv) => pv.spec?.claimRef?.namespace === namespace && pvcs.some((c) => c.metadata.name === pv.spec.claimRef.name)) : []),
    ]),
  ].filter((x): x is KubeObject => !!x);
  const scNames = new Set(pvcs.map((c) => c.spec?.storageClassName).filter((n): n is string => typeof n === 'string'));
  const storageClasses = !pvcs.length ? [] : index.all('StorageClass').filter(
    (sc) => scNames.has(sc.metadata.name) || isDefaultStorageClass(sc),
  );
  const cmNames = configMapNames(tpl.podSpec);
  const configMaps = [...cmNames].map((n) => index.get('ConfigMap', namespace, n)).filter((x): x is KubeObject => !!x);
  // A bare Pod is its own live pod when the scan read its status.
  const pods = kind === 'Pod' ? (w.status ? [w] : []) : (podsByApp.get(`${kind}/${namespace}/${w.metadata.name}`) ?? []);
  const related: RelatedObjects = {
    services,
    pdbs,
    hpas,
    limitRanges: index.inNamespace('LimitRange', namespace),
    pvcs,
    pvs,
    storageClasses,
    configMaps,
    pods,
    namespace: nsObj,
    serviceAccount: index.get('ServiceAccount', namespace, String(tpl.podSpec?.serviceAccountName ?? tpl.podSpec?.serviceAccount ?? 'default')) ?? null,
    serviceNamesInNamespace: index.serviceNames(namespace),
  };
  const specReplicas = typeof w.spec?.replicas === 'number' ? w.spec.replicas : undefined;
  return {
    id: `${cluster}/${namespace}/${kind}/${w.metadata.name}`,
    cluster,
    namespace,
    kind,
    name: w.metadata.name,
    group: groupOf(w, podLabels),
    team: teamOf(w, podLabels, nsObj, config.teamLabelKeys),
    managedBy: managedByOf(w),
    workload: w,
    source,
    ...tpl,
    specReplicas,
    replicas: replicasOf(kind, w, specReplicas, hpas, index, tpl.podSpec),
    longRunning: kind !== 'Job' && kind !== 'CronJob',
    related,
  };
}

function replicasOf(kind: WorkloadKind, w: KubeObject, specReplicas: number | undefined, hpas: KubeObject[], index: ClusterIndex, podSpec: Json): number | null {
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const hpa = hpas[0];
      if (hpa) return typeof hpa.spec?.minReplicas === 'number' ? hpa.spec.minReplicas : 1;
      return specReplicas ?? 1;
    }
    case 'DaemonSet': {
      const nodes = index.all('Node');
      if (!nodes.length) return null;
      const sel: Record<string, string> = podSpec?.nodeSelector ?? {};
      return nodes.filter((n) => Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v)).length;
    }
    case 'Job':
      return typeof w.spec?.parallelism === 'number' ? w.spec.parallelism : 1;
    case 'CronJob':
      return typeof w.spec?.jobTemplate?.spec?.parallelism === 'number' ? w.spec.jobTemplate.spec.parallelism : 1;
    case 'Pod':
      return 1;
  }
}

/** Claims used by the pod template, and a StatefulSet's volumeClaimTemplates (with their live claims). */
function claimsOf(w: KubeObject, kind: WorkloadKind, podSpec: Json, namespace: string, index: ClusterIndex): KubeObject[] {
  const out: KubeObject[] = [];
  const volumes: Json[] = Array.isArray(podSpec?.volumes) ? podSpec.volumes : [];
  for (const v of volumes) {
    const name = v?.persistentVolumeClaim?.claimName;
    if (typeof name !== 'string') continue;
    const pvc = index.get('PersistentVolumeClaim', namespace, name);
    if (pvc) out.push(pvc);
  }
  if (kind === 'StatefulSet' && Array.isArray(w.spec?.volumeClaimTemplates)) {
    for (const t of w.spec.volumeClaimTemplates as Json[]) {
      const tname = t?.metadata?.name;
      if (typeof tname !== 'string') continue;
      const live = index
        .inNamespace('PersistentVolumeClaim', namespace)
        .filter((c) => c.metadata.name.startsWith(`${tname}-${w.metadata.name}-`));
      if (live.length) out.push(...live);
      else out.push({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: tname, namespace }, spec: t.spec ?? {} });
    }
  }
  return out;
}

/** The default class takes claims that name none (the beta annotation is still honoured by the API server). */
export function isDefaultStorageClass(sc: KubeObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/** Names of ConfigMaps the pod spec references anywhere (env, envFrom, volumes, projected sources). */
export function configMapNames(podSpec: Json): Set<string> {
  const names = new Set<string>();
  const containers: Json[] = [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])];
  for (const c of containers) {
    for (const e of c?.env ?? []) {
      const n = e?.valueFrom?.configMapKeyRef?.name;
      if (typeof n === 'string') names.add(n);
    }
    for (const ef of c?.envFrom ?? []) {
      const n = ef?.configMapRef?.name;
      if (typeof n === 'string') names.add(n);
    }
  }
  for (const v of podSpec?.volumes ?? []) {
    if (typeof v?.configMap?.name === 'string') names.add(v.configMap.name);
    for (const s of v?.projected?.sources ?? []) {
      if (typeof s?.configMap?.name === 'string') names.add(s.configMap.name);
    }
  }
  return names;
}
