import type { Json, KubeObject } from '../../lib/snapshot/types';

/** Compact builders for the demo cluster's apps: realistic objects without pages of YAML. */
export interface AppSpec {
  ns: string;
  name: string;
  kind?: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  image: string;
  replicas?: number;
  port?: number;
  team?: string;
  partOf?: string;
  /** http (httpGet probes), tcp, none, or an exec command for both probes. */
  probes?: 'http' | 'tcp' | 'none' | string[];
  resources?: 'guaranteed' | 'burstable' | 'none';
  service?: boolean;
  pdb?: { maxUnavailable?: number | string; minAvailable?: number | string };
  hpa?: { min: number; max: number };
  spread?: 'host' | 'host+zone' | 'none';
  hardened?: boolean;
  env?: Record<string, string>;
  envFrom?: { configMap?: string; secret?: string }[];
  command?: string[];
  volumes?: Json[];
  mounts?: Json[];
  claimTemplates?: Json[];
  strategy?: Json;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  podSpec?: Json;
}

export function app(s: AppSpec): KubeObject[] {
  const kind = s.kind ?? 'Deployment';
  const labels = { app: s.name };
  const port = s.port ?? 8080;
  const probe = (path: string): Json =>
    s.probes === 'tcp' ? { tcpSocket: { port } } : Array.isArray(s.probes) ? { exec: { command: s.probes }, timeoutSeconds: 3 } : { httpGet: { path, port: 'http' } };
  const container: Json = {
    name: s.name,
    image: s.image,
    ports: [{ name: 'http', containerPort: port }],
    ...(s.command ? { command: s.command } : {}),
    ...(s.env ? { env: Object.entries(s.env).map(([name, value]) => ({ name, value })) } : {}),
    ...(s.envFrom ? { envFrom: s.envFrom.map((e) => (e.configMap ? { configMapRef: { name: e.configMap } } : { secretRef: { name: e.secret } })) } : {}),
    ...(s.probes !== 'none' ? { readinessProbe: { ...probe('/ready'), periodSeconds: 5 }, livenessProbe: { ...probe('/healthz'), periodSeconds: 10, failureThreshold: 5 } } : {}),
    ...(s.resources === 'none'
      ? {}
      : s.resources === 'burstable'
        ? { resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } } }
        : { resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '500m', memory: '512Mi' } } }),
    ...(s.hardened !== false ? { securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } } } : {}),
    volumeMounts: [...(s.hardened !== false ? [{ name: 'tmp', mountPath: '/tmp' }] : []), ...(s.mounts ?? [])],
  };
  if (!container.volumeMounts.length) delete container.volumeMounts;
  const spread = s.spread ?? 'host';
  const podSpec: Json = {
    ...(s.hardened !== false ? { securityContext: { runAsNonRoot: true, runAsUser: 10001 }, automountServiceAccountToken: false } : {}),
    containers: [container],
    volumes: [...(s.hardened !== false ? [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }] : []), ...(s.volumes ?? [])],
    ...(spread !== 'none' && kind !== 'DaemonSet'
      ? {
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } },
            ...(spread === 'host+zone' ? [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } }] : []),
          ],
        }
      : {}),
    ...(s.podSpec ?? {}),
  };
  if (!podSpec.volumes.length) delete podSpec.volumes;
  const meta = {
    name: s.name,
    namespace: s.ns,
    labels: { 'app.kubernetes.io/name': s.name, ...(s.partOf ? { 'app.kubernetes.io/part-of': s.partOf } : {}), ...(s.team ? { team: s.team } : {}), ...(s.labels ?? {}) },
    ...(s.annotations ? { annotations: s.annotations } : {}),
  };
  const spec: Json = {
    ...(kind !== 'DaemonSet' && !s.hpa ? { replicas: s.replicas ?? 2 } : {}),
    ...(kind === 'StatefulSet' ? { serviceName: s.name } : {}),
    selector: { matchLabels: labels },
    ...(s.strategy ? { strategy: s.strategy } : {}),
    template: { metadata: { labels }, spec: podSpec },
    ...(s.claimTemplates ? { volumeClaimTemplates: s.claimTemplates } : {}),
  };
  const out: KubeObject[] = [{ apiVersion: 'apps/v1', kind, metadata: meta, spec }];
  if (s.service !== false) out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: s.name, namespace: s.ns }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
  if (s.pdb) out.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: s.name, namespace: s.ns }, spec: { ...s.pdb, selector: { matchLabels: labels } } });
  if (s.hpa) {
    out.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: s.name, namespace: s.ns },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind, name: s.name }, minReplicas: s.hpa.min, maxReplicas: s.hpa.max, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
    });
  }
  return out;
}

export function namespace(name: string, team: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team, 'kubernetes.io/metadata.name': name } } };
}

export function configMap(ns: string, name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data };
}
