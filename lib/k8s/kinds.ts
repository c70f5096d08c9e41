import 'server-only';

/** What Drydock lists from a cluster. Secrets are deliberately absent: Drydock never requests them. */
export interface ReadableKind {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  /** What a scan loses when the kind cannot be read (for `errors[].effect`). */
  role: 'workload' | 'related' | 'observed' | 'cluster';
}

export const READABLE_KINDS: ReadableKind[] = [
  { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false, role: 'related' },
  { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false, role: 'cluster' },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, role: 'workload' },
  { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet', namespaced: true, role: 'workload' },
  { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet', namespaced: true, role: 'workload' },
  { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet', namespaced: true, role: 'workload' },
  { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true, role: 'workload' },
  { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true, role: 'workload' },
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, role: 'observed' },
  { group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true, role: 'related' },
  { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true, role: 'related' },
  { group: '', version: 'v1', resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', namespaced: true, role: 'related' },
  { group: '', version: 'v1', resource: 'persistentvolumes', kind: 'PersistentVolume', namespaced: false, role: 'related' },
  { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', kind: 'StorageClass', namespaced: false, role: 'related' },
  { group: '', version: 'v1', resource: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, role: 'related' },
  { group: '', version: 'v1', resource: 'limitranges', kind: 'LimitRange', namespaced: true, role: 'related' },
  { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true, role: 'related' },
  { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true, role: 'related' },
];

export function listPath(k: ReadableKind, namespace: string | null): string {
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  return namespace && k.namespaced ? `${base}/namespaces/${encodeURIComponent(namespace)}/${k.resource}` : `${base}/${k.resource}`;
}

export function apiVersionOf(k: ReadableKind): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}
