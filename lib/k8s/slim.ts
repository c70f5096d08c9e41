import 'server-only';
import type { Json, KubeObject } from '../snapshot/types';
import { sanitizeObject } from '../snapshot/sanitize';

const CONTROLLER_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);
const MAX_CONFIGMAP_VALUE = 64 * 1024;

/**
 * Strip what the server manages and nobody needs before anything is shown or patched:
 * managedFields (reduced to who owns spec.replicas — ha-hpa-pinned-replicas reads it),
 * resourceVersion, generation, controllers' status (but their replica counts), node image lists,
 * oversized ConfigMap values (the DNS checks read names in them; megabytes of data they do not need).
 */
export function slimObject(o: KubeObject): KubeObject {
  const replicasOwners = replicasManagers(o.metadata.managedFields);
  const out = sanitizeObject(o);
  if (replicasOwners.length) {
    out.metadata.managedFields = replicasOwners.map((m) => ({ manager: m.manager, operation: m.operation, ...(m.subresource ? { subresource: m.subresource } : {}), fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }));
  }
  if (CONTROLLER_KINDS.has(o.kind) && o.status) {
    const s = o.status as Json;
    out.status = pick(s, ['replicas', 'readyReplicas', 'updatedReplicas', 'availableReplicas', 'currentReplicas', 'numberReady', 'desiredNumberScheduled', 'active', 'lastScheduleTime']);
  }
  if (o.kind === 'Node' && o.status) {
    const { images: _i, volumesAttached: _v, volumesInUse: _u, ...rest } = o.status as Json;
    out.status = rest;
  }
  if (o.kind === 'ConfigMap') {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries((o.data ?? {}) as Record<string, string>)) data[k] = typeof v === 'string' && v.length > MAX_CONFIGMAP_VALUE ? v.slice(0, MAX_CONFIGMAP_VALUE) : v;
    out.data = data;
    delete out.binaryData;
  }
  return out;
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
