/**
 * Strategic-merge metadata for the lists Drydock's fixes touch, as declared by the Kubernetes API
 * types (`patchStrategy:"merge" patchMergeKey:"…"`; see
 * https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/#notes-on-the-strategic-merge-patch).
 * Lists not named here are atomic: a strategic merge patch replaces them whole.
 */

/** `path` is the list's location as object keys only (array indexes dropped), e.g. ["spec","template","spec","containers"]. */
export function mergeKeyFor(path: readonly string[], kind: string): string | null {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'schedulingGates':
      return parent === 'spec' ? 'name' : null;
    case 'env':
      return isContainerField(path) ? 'name' : null;
    case 'volumeMounts':
      return isContainerField(path) ? 'mountPath' : null;
    case 'volumeDevices':
      return isContainerField(path) ? 'devicePath' : null;
    case 'ports':
      if (isContainerField(path)) return 'containerPort';
      return kind === 'Service' && parent === 'spec' && path.length === 2 ? 'port' : null;
    case 'topologySpreadConstraints':
      return parent === 'spec' ? 'topologyKey' : null;
    case 'hostAliases':
      return parent === 'spec' ? 'ip' : null;
    case 'ownerReferences':
      return parent === 'metadata' ? 'uid' : null;
    default:
      return null;
  }
}

/** Lists of scalars merged as sets (`patchStrategy:"merge"` on a []string). */
export function isMergedScalarList(path: readonly string[]): boolean {
  return path[path.length - 1] === 'finalizers' && path[path.length - 2] === 'metadata';
}

function isContainerField(path: readonly string[]): boolean {
  const owner = path[path.length - 2];
  return owner === 'containers' || owner === 'initContainers' || owner === 'ephemeralContainers';
}
