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

/**
 * Lists of scalars merged as sets (`patchStrategy:"merge"` on a []string): only
 * `metadata.finalizers` among the fields Drydock handles.
 */
export function isMergedScalarList(path: readonly string[]): boolean {
  return path[path.length - 1] === 'finalizers' && path[path.length - 2] === 'metadata';
}

function isContainerField(path: readonly string[]): boolean {
  const owner = path[path.length - 2];
  return owner === 'containers' || owner === 'initContainers' || owner === 'ephemeralContainers';
}

export type ListStrategy = { type: 'keyed'; key: string } | { type: 'set' } | { type: 'atomic' };

/** How a strategic merge patch treats the list at `path` (object keys only). */
export function listStrategyFor(path: readonly string[], kind: string): ListStrategy {
  if (isMergedScalarList(path)) return { type: 'set' };
  const key = mergeKeyFor(path, kind);
  return key ? { type: 'keyed', key } : { type: 'atomic' };
}

/**
 * Lists where kustomize (kyaml) does not match elements by the patch merge key alone but by the
 * OpenAPI list-map keys (`containerPort`+`protocol`, `topologyKey`+`whenUnsatisfiable`,
 * `port`+`protocol`): a strategic patch that merges into such a list gives a different result
 * under kustomize than under kubectl, so the overlay uses a JSON 6902 patch instead.
 */
export function isKustomizeAmbiguousList(path: readonly string[], kind: string): boolean {
  const field = path[path.length - 1];
  return (field === 'ports' && mergeKeyFor(path, kind) !== null) || (field === 'topologySpreadConstraints' && mergeKeyFor(path, kind) !== null);
}

/**
 * Strategic merge needs the type's patch metadata, which only built-in API groups have: the API
 * server and kubectl refuse it for custom resources (use the JSON Patch).
 * https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#advanced-topics
 */
export function supportsStrategicMerge(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}
