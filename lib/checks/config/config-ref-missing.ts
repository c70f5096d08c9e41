import type { App } from '../../apps/types';
import type { Json, KubeObject } from '../../snapshot/types';
import { adviceFix, allContainers, isObject, pass, podVolumes } from '../helpers';
import type { Check } from '../types';

/**
 * A pod whose ConfigMap (or Secret, or key) is missing does not start: env references fail with
 * CreateContainerConfigError, volumes with FailedMount (ContainerCreating forever), unless the
 * reference is `optional: true`. https://kubernetes.io/docs/concepts/configuration/configmap/#optional-configmaps
 *
 * ConfigMaps are checked against the snapshot. Secrets never are: Drydock asks for no verb on
 * Secrets (`list` returns their values), so a missing Secret is only seen through pod status
 * (`state.waiting.reason: CreateContainerConfigError`, with the kubelet's message).
 */

interface CmRef {
  name: string;
  key: string | null;
  optional: boolean;
  where: string;
}

function configMapRefs(app: App): CmRef[] {
  const out: CmRef[] = [];
  for (const c of allContainers(app)) {
    const env: Json[] = Array.isArray(c.container.env) ? c.container.env : [];
    for (const e of env) {
      const r = e?.valueFrom?.configMapKeyRef;
      if (isObject(r) && typeof r.name === 'string') out.push({ name: r.name, key: typeof r.key === 'string' ? r.key : null, optional: r.optional === true, where: `env ${e.name} of ${c.name}` });
    }
    const envFrom: Json[] = Array.isArray(c.container.envFrom) ? c.container.envFrom : [];
    for (const ef of envFrom) {
      const r = ef?.configMapRef;
      if (isObject(r) && typeof r.name === 'string') out.push({ name: r.name, key: null, optional: r.optional === true, where: `envFrom of ${c.name}` });
    }
  }
  for (const v of podVolumes(app)) {
    const sources: { cm: Json; where: string }[] = [];
    if (isObject(v.configMap)) sources.push({ cm: v.configMap, where: `volume ${v.name}` });
    for (const s of Array.isArray(v.projected?.sources) ? v.projected.sources : []) if (isObject(s?.configMap)) sources.push({ cm: s.configMap, where: `projected volume ${v.name}` });
    for (const { cm, where } of sources) {
      if (typeof cm.name !== 'string') continue;
      const items: Json[] = Array.isArray(cm.items) ? cm.items : [];
      if (!items.length) out.push({ name: cm.name, key: null, optional: cm.optional === true, where });
      for (const it of items) out.push({ name: cm.name, key: typeof it?.key === 'string' ? it.key : null, optional: cm.optional === true, where });
    }
  }
  return out;
}

/** Whether a ConfigMap's keys are known (a metadata-only copy would make every key look missing). */
function hasKey(cm: KubeObject, key: string): boolean | null {
  const data = isObject(cm.data) ? cm.data : null;
  const binary = isObject(cm.binaryData) ? (cm.binaryData as Record<string, unknown>) : null;
  if (!data && !binary) return null;
  return (data !== null && key in data) || (binary !== null && key in binary);
}

interface Stuck {
  pod: string;
  container: string;
  message: string;
}

function stuckPods(app: App): Stuck[] {
  const out: Stuck[] = [];
  for (const pod of app.related.pods) {
    const statuses: Json[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const s of statuses) {
      const w = s?.state?.waiting;
      if (w?.reason === 'CreateContainerConfigError') out.push({ pod: pod.metadata.name, container: String(s.name), message: typeof w.message === 'string' ? w.message : 'no message' });
    }
  }
  return out;
}

export const check: Check = {
  id: 'config-ref-missing',
  title: 'Referenced configuration is missing',
  topic: 'config',
  severity: 'critical',
  fixKind: 'advice',
  needs: 'cluster',
  reads: ['configmaps', 'pods'],
  summary: 'A referenced ConfigMap is absent from the cluster, or a pod is stuck in CreateContainerConfigError (missing Secret, ConfigMap or key).',
  rationale:
    'Configuration reaches the process from a ConfigMap or a Secret — and when the object is missing, the container never starts: ' +
    'env references leave it in `CreateContainerConfigError`, volume references in `ContainerCreating` with FailedMount events. A ' +
    'roll-out that depends on a ConfigMap nobody created stalls, and the old ReplicaSet keeps serving until someone looks. Mark a ' +
    'reference `optional: true` only when the app really copes without it. Drydock never lists Secrets (listing returns their values): ' +
    'a missing Secret shows up through the status of the pods that need it.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/configmap/#optional-configmaps',
    'https://kubernetes.io/docs/concepts/configuration/secret/#optional-secrets',
    'https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/',
  ],
  appliesTo: (_app, ctx) => (ctx.sourceType === 'cluster' ? null : 'ConfigMaps are checked against a live cluster: scan the cluster to evaluate it'),
  evaluate(app) {
    const present = new Map(app.related.configMaps.map((cm) => [cm.metadata.name, cm]));
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const r of configMapRefs(app)) {
      if (r.optional) continue;
      const cm = present.get(r.name);
      const problem = !cm ? `ConfigMap ${r.name} (${r.where}) does not exist` : r.key && hasKey(cm, r.key) === false ? `ConfigMap ${r.name} has no key ${r.key} (${r.where})` : null;
      if (problem && !seen.has(problem)) {
        seen.add(problem);
        missing.push(problem);
      }
    }
    const stuck = stuckPods(app);
    const at = { container: null, path: app.podSpecPath };
    if (!missing.length && !stuck.length) {
      const n = new Set(configMapRefs(app).filter((r) => !r.optional).map((r) => r.name)).size;
      return [pass(`${n ? `All ${n} required ConfigMap${n === 1 ? '' : 's'} exist` : 'No ConfigMap is referenced'}; no pod is stuck in CreateContainerConfigError`, at)];
    }
    const stuckText = stuck.map((s) => `pod ${s.pod} container ${s.container} is stuck in CreateContainerConfigError: ${s.message}`);
    return [
      {
        status: 'fail',
        ...at,
        message: [...missing, ...stuckText].join('; '),
        evidence: { missingConfigMaps: missing, stuckPods: stuck },
        fix: adviceFix(
          [
            missing.length ? `Create the missing ConfigMap${missing.length === 1 ? '' : 's'} (or keys) in namespace ${app.namespace} before the roll-out, or mark the reference optional: true if the app copes without it.` : '',
            stuck.length ? 'Create the Secret, ConfigMap or key named in the pod status (kubectl describe pod shows the event); the pod starts by itself once it exists.' : '',
          ]
            .filter(Boolean)
            .join(' '),
        ),
      },
    ];
  },
};
