import type { KubeObject } from '../snapshot/types';
import type { ManagedBy } from './types';
import { annotationsOf, labelsOf } from './workload-shape';

/**
 * Application grouping: `app.kubernetes.io/part-of`, then `app.kubernetes.io/instance`, then the
 * Helm release, else the workload itself
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/).
 */
export function groupOf(workload: KubeObject, podLabels: Record<string, string>): string {
  const labels = { ...podLabels, ...labelsOf(workload) };
  const annotations = annotationsOf(workload);
  return (
    labels['app.kubernetes.io/part-of'] ||
    labels['app.kubernetes.io/instance'] ||
    annotations['meta.helm.sh/release-name'] ||
    labels['helm.sh/release'] ||
    labels['release'] ||
    workload.metadata.name
  );
}

/** Team from the configured label keys: the workload (and its pod template) first, then its namespace. */
export function teamOf(workload: KubeObject, podLabels: Record<string, string>, namespace: KubeObject | null, keys: string[]): string | null {
  const wl = { ...podLabels, ...labelsOf(workload) };
  for (const k of keys) if (wl[k]) return wl[k];
  const ns = labelsOf(namespace);
  for (const k of keys) if (ns[k]) return ns[k];
  return null;
}

/** Who applies this workload: GitOps controllers and Helm leave labels and annotations behind. */
export function managedByOf(workload: KubeObject): ManagedBy {
  const labels = labelsOf(workload);
  const annotations = annotationsOf(workload);
  if (labels['kustomize.toolkit.fluxcd.io/name'] || labels['helm.toolkit.fluxcd.io/name']) return 'flux';
  if (labels['argocd.argoproj.io/instance'] || annotations['argocd.argoproj.io/tracking-id'] || labels['app.kubernetes.io/managed-by']?.toLowerCase() === 'argocd') return 'argocd';
  if (labels['app.kubernetes.io/managed-by'] === 'Helm' || annotations['meta.helm.sh/release-name'] || labels['helm.sh/chart']) return 'helm';
  if (annotations['kubectl.kubernetes.io/last-applied-configuration']) return 'kubectl';
  return null;
}
