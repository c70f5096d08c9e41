import type { KubeObject } from '../../lib/snapshot/types';

/**
 * Deterministic generator of realistic workloads for benchmarks and the demo cluster: a mix of
 * kinds, 1–3 containers, probes of every handler, env of realistic size, volumes of every class,
 * and the related Services, PDBs, HPAs, ConfigMaps and claims — good and bad practice mixed.
 */
export interface GenerateOptions {
  workloads: number;
  namespaces: number;
  seed?: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['payments', 'search', 'platform', 'data', 'growth', 'identity', 'catalog', 'sre'];
const IMAGES = ['registry.example.com/{ns}/{name}:{v}', 'envoyproxy/envoy:v1.31.2', 'eclipse-temurin:21-jre', 'node:20.17-alpine', 'python:3.12-slim', 'nginx:1.27', 'redis:7.4', 'registry.example.com/{ns}/{name}:latest', 'registry.example.com/{ns}/{name}'];

export function generateWorkloads(opts: GenerateOptions): KubeObject[] {
  const rnd = mulberry32(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const out: KubeObject[] = [];
  for (let n = 0; n < opts.namespaces; n++) {
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${n}`, labels: { team: TEAMS[n % TEAMS.length]! } } });
    if (n % 3 === 0) {
      out.push({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: `ns-${n}` }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { memory: '256Mi' } }] } });
    }
  }
  for (let i = 0; i < opts.workloads; i++) {
    const ns = `ns-${i % opts.namespaces}`;
    const name = `app-${i}`;
    const r = rnd();
    const kind = r < 0.62 ? 'Deployment' : r < 0.74 ? 'StatefulSet' : r < 0.8 ? 'DaemonSet' : r < 0.9 ? 'CronJob' : r < 0.95 ? 'Job' : 'Pod';
    const labels = { app: name, 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': `group-${Math.floor(i / 4)}` };
    const containers = Array.from({ length: chance(0.3) ? (chance(0.5) ? 3 : 2) : 1 }, (_, c) => container(`${name}-${c}`, ns, name, c, rnd, pick, chance, kind));
    const volumes: Record<string, unknown>[] = [];
    if (chance(0.4)) volumes.push({ name: 'scratch', emptyDir: chance(0.5) ? { sizeLimit: '1Gi' } : {} });
    if (chance(0.3)) volumes.push({ name: 'config', configMap: { name: `${name}-config` } });
    if (chance(0.05)) volumes.push({ name: 'host', hostPath: { path: pick(['/var/log', '/var/run/docker.sock', '/data']) } });
    if (kind === 'Deployment' && chance(0.08)) volumes.push({ name: 'data', persistentVolumeClaim: { claimName: `${name}-data` } });
    for (const v of volumes) containers[0]!.volumeMounts = [...((containers[0]!.volumeMounts as unknown[]) ?? []), { name: v.name, mountPath: `/mnt/${v.name as string}` }];
    const initContainers = chance(0.2)
      ? [{ name: 'init-token', image: 'registry.example.com/platform/token-fetcher:2.3.1', args: ['--out=/var/run/token'], volumeMounts: [{ name: 'token', mountPath: '/var/run' }], ...(chance(0.5) ? { resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '50m', memory: '64Mi' } } } : {}) }]
      : undefined;
    if (initContainers) {
      volumes.push({ name: 'token', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } });
      if (chance(0.8)) containers[0]!.volumeMounts = [...((containers[0]!.volumeMounts as unknown[]) ?? []), { name: 'token', mountPath: '/var/run/token', readOnly: true }];
    }
    const podSpec: Record<string, unknown> = {
      containers,
      ...(initContainers ? { initContainers } : {}),
      ...(volumes.length ? { volumes } : {}),
      ...(chance(0.3) ? { securityContext: { runAsNonRoot: true, runAsUser: 10001 } } : {}),
      ...(kind === 'DaemonSet' && chance(0.5) ? { hostNetwork: true } : {}),
      ...(chance(0.25) ? { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: name } } }] } : {}),
      ...(chance(0.1) ? { shareProcessNamespace: true } : {}),
      ...(kind === 'CronJob' || kind === 'Job' ? { restartPolicy: 'OnFailure' } : {}),
    };
    const template = { metadata: { labels }, spec: podSpec };
    const replicas = chance(0.3) ? 1 : pick([2, 3, 3, 5, 10]);
    const meta = { name, namespace: ns, labels: { ...labels, ...(chance(0.5) ? { team: pick(TEAMS) } : {}) }, ...(chance(0.2) ? { annotations: { 'meta.helm.sh/release-name': name } } : {}) };
    switch (kind) {
      case 'Deployment':
        out.push({ apiVersion: 'apps/v1', kind, metadata: meta, spec: { replicas, selector: { matchLabels: { app: name } }, template, ...(chance(0.05) ? { revisionHistoryLimit: 0 } : {}), ...(chance(0.1) ? { strategy: { type: 'Recreate' } } : {}) } });
        break;
      case 'StatefulSet':
        out.push({ apiVersion: 'apps/v1', kind, metadata: meta, spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }] } });
        break;
      case 'DaemonSet':
        out.push({ apiVersion: 'apps/v1', kind, metadata: meta, spec: { selector: { matchLabels: { app: name } }, template } });
        break;
      case 'CronJob':
        out.push({ apiVersion: 'batch/v1', kind, metadata: meta, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } });
        break;
      case 'Job':
        out.push({ apiVersion: 'batch/v1', kind, metadata: meta, spec: { template } });
        break;
      default:
        out.push({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: podSpec });
    }
    if (kind !== 'CronJob' && kind !== 'Job' && chance(0.7)) {
      out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
    }
    if ((kind === 'Deployment' || kind === 'StatefulSet') && chance(0.4)) {
      out.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: ns }, spec: { ...(chance(0.1) ? { maxUnavailable: 0 } : { maxUnavailable: 1 }), selector: { matchLabels: { app: name } } } });
    }
    if (kind === 'Deployment' && chance(0.2)) {
      out.push({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name, namespace: ns }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: pick([1, 2, 3]), maxReplicas: 10 } });
    }
    if (volumes.some((v) => v.name === 'config')) {
      out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-config`, namespace: ns }, data: { 'app.yaml': `upstream: http://app-${(i + 1) % opts.workloads}.${ns}.svc.cluster.local:8080\nexternal: https://api.partner-${i % 50}.example.com\n` } });
    }
    if (volumes.some((v) => v.name === 'data')) {
      out.push({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `${name}-data`, namespace: ns }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } });
    }
  }
  return out;
}

function container(
  cname: string,
  ns: string,
  name: string,
  index: number,
  rnd: () => number,
  pick: <T>(xs: readonly T[]) => T,
  chance: (p: number) => boolean,
  kind: string,
): Record<string, unknown> {
  const image = pick(IMAGES).replace('{ns}', ns).replace('{name}', name).replace('{v}', `1.${Math.floor(rnd() * 40)}.${Math.floor(rnd() * 10)}`);
  const env = Array.from({ length: Math.floor(rnd() * 16) }, (_, e) => ({
    name: pick(['LOG_LEVEL', 'UPSTREAM_URL', 'DB_HOST', 'FEATURE_FLAGS', 'CACHE_TTL', 'API_TOKEN', 'REGION', 'WORKERS']) + `_${e}`,
    value: pick(['info', `http://app-${Math.floor(rnd() * 100)}.${ns}.svc.cluster.local:8080`, 'db.example.com', 'a,b,c', '300', '', 'eu-west-1', '4']),
  }));
  const c: Record<string, unknown> = { name: index === 0 ? name : cname, image, ports: [{ name: 'http', containerPort: 8080 + index }] };
  if (env.length) c.env = env;
  if (kind !== 'Job' && kind !== 'CronJob') {
    const handler = pick(['http', 'http', 'tcp', 'exec-curl', 'exec-script', 'none']);
    const probe =
      handler === 'http' ? { httpGet: { path: '/healthz', port: 'http' } } :
      handler === 'tcp' ? { tcpSocket: { port: 8080 + index } } :
      handler === 'exec-curl' ? { exec: { command: ['curl', '-fsS', `http://localhost:${8080 + index}/healthz`] } } :
      handler === 'exec-script' ? { exec: { command: ['/bin/check.sh'] } } : null;
    if (probe) {
      if (chance(0.8)) c.readinessProbe = { ...probe, periodSeconds: pick([5, 10]) };
      if (chance(0.6)) c.livenessProbe = { ...probe, periodSeconds: 10, failureThreshold: pick([1, 3, 5]) };
    }
  }
  const res = rnd();
  if (res < 0.4) c.resources = { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '250m', memory: '256Mi' } };
  else if (res < 0.7) c.resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '1Gi' } };
  else if (res < 0.85) c.resources = { limits: { cpu: '1', memory: '512Mi' } };
  if (chance(0.5)) c.securityContext = { allowPrivilegeEscalation: false, ...(chance(0.5) ? { readOnlyRootFilesystem: true } : {}), ...(chance(0.05) ? { privileged: true } : {}), ...(chance(0.1) ? { capabilities: { add: [pick(['NET_ADMIN', 'SYS_ADMIN', 'NET_BIND_SERVICE'])] } } : {}) };
  if (chance(0.2)) c.command = pick([['sh', '-c', `exec /app/${name}`], ['sh', '-c', `/app/${name} --port 8080`], ['/sbin/tini', '--', `/app/${name}`], [`/app/${name}`]]);
  return c;
}
