import 'server-only';
import type { Json, KubeObject } from '../snapshot/types';
import { sanitizeObject } from '../snapshot/sanitize';

const CONTROLLER_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);
const MAX_CONFIGMAP_VALUE = 64 * 1024;

/**
 * Strip what the server manages and nobody needs before anything is shown or patched:
 * managedFields (reduced to who owns spec.replicas — ha-hpa-pinned-replicas reads it),
 * resourceVersion, generation, controllers' status (but their replica counts and revisions), node image lists,
 * oversized ConfigMap values (the DNS checks read names in them; megabytes of data they do not need),
 * and the pod spec of owned pods (see slimOwnedPod).
 */
export function slimObject(o: KubeObject): KubeObject {
  const replicasOwners = replicasManagers(o.metadata.managedFields);
  const out = sanitizeObject(o);
  if (replicasOwners.length) {
    out.metadata.managedFields = replicasOwners.map((m) => ({ manager: m.manager, operation: m.operation, ...(m.subresource ? { subresource: m.subresource } : {}), fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }));
  }
  if (CONTROLLER_KINDS.has(o.kind) && o.status) {
    const s = o.status as Json;
    out.status = pick(s, ['replicas', 'readyReplicas', 'updatedReplicas', 'availableReplicas', 'currentReplicas', 'numberReady', 'desiredNumberScheduled', 'active', 'lastScheduleTime', 'currentRevision', 'updateRevision']);
  }
  if (o.kind === 'Node' && o.status) {
    const { images: _i, volumesAttached: _v, volumesInUse: _u, ...rest } = o.status as Json;
    out.status = rest;
  }
  if (o.kind === 'Pod' && Array.isArray(o.metadata.ownerReferences) && o.metadata.ownerReferences.length) slimOwnedPod(out);
  if (o.kind === 'ReplicaSet' && Array.isArray(o.metadata.ownerReferences) && o.metadata.ownerReferences.some((r) => r?.controller === true)) slimOwnedReplicaSet(out);
  if (o.kind === 'ConfigMap') {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries((o.data ?? {}) as Record<string, string>)) data[k] = typeof v === 'string' && v.length > MAX_CONFIGMAP_VALUE ? v.slice(0, MAX_CONFIGMAP_VALUE) : v;
    out.data = data;
    delete out.binaryData;
  }
  return out;
}

const POD_CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/**
 * A pod with an owner is never an app (lib/apps/build-apps): it is read only as one of its app's
 * live pods (`related.pods`), for its metadata, status, `spec.nodeName` (ha-observed-colocated,
 * the scorecard's placement), the pod-level `spec.resources` and `spec.overhead` (placed requests, lib/fleet/capacity) and each container's name, image and
 * resources (images/_observed, resources/_resources and resources-oom-killed). Everything else of
 * its spec (env, probes, mounts, volumes, affinity: a copy of the template, about half a pod's
 * bytes) goes. Metadata and status stay whole.
 */
function slimOwnedPod(out: KubeObject): void {
  const spec = out.spec as Json;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return;
  const slim: Json = {};
  if (spec.nodeName !== undefined) slim.nodeName = spec.nodeName;
  if (spec.resources !== undefined) slim.resources = spec.resources;
  // RuntimeClass overhead counts in what a node has placed (lib/fleet/capacity.ts).
  if (spec.overhead !== undefined) slim.overhead = spec.overhead;
  for (const list of POD_CONTAINER_LISTS) {
    const cs = spec[list];
    if (!Array.isArray(cs)) continue;
    slim[list] = cs.map((c: Json) => (c && typeof c === 'object' && !Array.isArray(c) ? pick(c, ['name', 'image', 'resources']) : c));
  }
  out.spec = slim;
}

/**
 * A ReplicaSet with a controller (a Deployment's current and old revisions, 2–10 per Deployment) is
 * never an app: it is read for the owner chain of its pods (metadata) and, for the fleet's versions
 * and rollback targets (lib/fleet/versions.ts), for the images of its pod template. The rest of the
 * template (env, probes, volumes: a full pod spec per revision) goes.
 */
function slimOwnedReplicaSet(out: KubeObject): void {
  const spec = out.spec as Json;
  const podSpec = spec?.template?.spec;
  if (!podSpec || typeof podSpec !== 'object' || Array.isArray(podSpec)) return;
  const slim: Json = {};
  if (Array.isArray(podSpec.containers)) slim.containers = podSpec.containers.map((c: Json) => (c && typeof c === 'object' && !Array.isArray(c) ? pick(c, ['name', 'image']) : c));
  if (Array.isArray(podSpec.initContainers)) slim.initContainers = podSpec.initContainers.map((c: Json) => (c && typeof c === 'object' && !Array.isArray(c) ? pick(c, ['name', 'image', 'restartPolicy']) : c));
  out.spec = { ...spec, template: { ...(spec.template.metadata ? { metadata: spec.template.metadata } : {}), spec: slim } };
}

function pick(o: Json, keys: string[]): Json {
  const r: Json = {};
  for (const k of keys) if (o?.[k] !== undefined) r[k] = o[k];
  return r;
}

function replicasManagers(mf: unknown): { manager: string; operation: string; subresource?: string }[] {
  if (!Array.isArray(mf)) return [];
  return mf
    .filter((m) => m && typeof m === 'object' && (m as Json).fieldsV1?.['f:spec']?.['f:replicas'] !== undefined)
    .map((m) => ({ manager: String((m as Json).manager ?? ''), operation: String((m as Json).operation ?? ''), ...((m as Json).subresource ? { subresource: String((m as Json).subresource) } : {}) }));
}
