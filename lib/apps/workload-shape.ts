import type { Json, KubeObject } from '../snapshot/types';
import { WORKLOAD_KINDS, type WorkloadKind } from './types';

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind);
}

/** Where the pod template lives inside each workload kind. */
export function podTemplatePaths(kind: WorkloadKind): { specPath: string; metaPath: string } {
  switch (kind) {
    case 'Pod':
      return { specPath: '/spec', metaPath: '/metadata' };
    case 'CronJob':
      return { specPath: '/spec/jobTemplate/spec/template/spec', metaPath: '/spec/jobTemplate/spec/template/metadata' };
    default:
      return { specPath: '/spec/template/spec', metaPath: '/spec/template/metadata' };
  }
}

export function readPointer(obj: Json, ptr: string): Json {
  let cur = obj;
  for (const tok of ptr.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[tok];
  }
  return cur;
}

function stringMap(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) out[k] = String(val);
  return out;
}

export function podTemplateOf(workload: KubeObject, kind: WorkloadKind) {
  const { specPath, metaPath } = podTemplatePaths(kind);
  const spec = readPointer(workload, specPath);
  const meta = readPointer(workload, metaPath);
  return {
    podSpec: spec && typeof spec === 'object' ? spec : {},
    podSpecPath: specPath,
    podMetaPath: metaPath,
    podMeta: { labels: stringMap(meta?.labels), annotations: stringMap(meta?.annotations) },
  };
}

export function labelsOf(o: KubeObject | null | undefined): Record<string, string> {
  return stringMap(o?.metadata?.labels);
}
export function annotationsOf(o: KubeObject | null | undefined): Record<string, string> {
  return stringMap(o?.metadata?.annotations);
}

/** The controller owner reference, if any. */
export function controllerOf(o: KubeObject) {
  const refs = Array.isArray(o.metadata.ownerReferences) ? o.metadata.ownerReferences : [];
  return refs.find((r) => r && r.controller) ?? refs[0];
}
