import { createHash } from 'node:crypto';
import { qosClassOf } from '../../lib/facts/qos';
import type { Json, KubeObject } from '../../lib/snapshot/types';

/**
 * Play the controllers: from workloads, make what a live cluster would hold — ReplicaSets with
 * revision history, Pods with owner references, node placement and status, Jobs of CronJobs,
 * StatefulSet claims bound to volumes — so the scanner meets realistic lists.
 */
export interface NodeSpec {
  count: number;
  zones: string[];
  racksPerZone: number;
  cpu?: string;
  memory?: string;
  namePrefix?: string;
}

export interface PodScenario {
  /** Put every replica on this node (replicas piled on one node). */
  pinToNode?: string;
  /** Containers whose last termination was OOMKilled. */
  oomKilled?: string[];
  /** Restart counts per container. */
  restarts?: Record<string, number>;
  /** Containers stuck in CreateContainerConfigError with this message (e.g. a missing Secret). */
  configError?: { container: string; message: string };
  /** Pods not Ready. */
  notReady?: boolean;
}

export interface MaterializeOptions {
  nodes: NodeSpec;
  /** Scenarios by "namespace/name" of the workload. */
  scenarios?: Record<string, PodScenario>;
  /** Older ReplicaSet revisions kept per Deployment (capped by revisionHistoryLimit). */
  history?: number;
  /** Cap on pods per workload (bench realism without runaway counts). */
  maxPodsPerWorkload?: number;
  /** Add managedFields like a real API server (the scanner must strip them). */
  managedFields?: boolean;
}

export function uidOf(kind: string, namespace: string | undefined, name: string): string {
  const h = createHash('sha1').update(`${kind}/${namespace ?? ''}/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function hash(s: string): string {
  return createHash('sha1').update(s).digest('hex').slice(0, 10).replace(/[^a-z0-9]/g, 'x');
}

export function makeNodes(spec: NodeSpec): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < spec.count; i++) {
    const zone = spec.zones[i % spec.zones.length]!;
    const rack = `${zone}-rack-${Math.floor(i / spec.zones.length) % spec.racksPerZone}`;
    const name = `${spec.namePrefix ?? 'node'}-${String(i).padStart(3, '0')}`;
    out.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        uid: uidOf('Node', undefined, name),
        labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': zone, 'topology.kubernetes.io/region': zone.replace(/-[a-z]$/, ''), 'topology.kubernetes.io/rack': rack, 'node.kubernetes.io/instance-type': 'm6i.2xlarge' },
      },
      spec: {},
      status: {
        capacity: { cpu: spec.cpu ?? '8', memory: spec.memory ?? '32Gi', pods: '110' },
        allocatable: { cpu: spec.cpu ?? '8', memory: spec.memory ?? '32Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
        nodeInfo: { kubeletVersion: 'v1.31.4', containerRuntimeVersion: 'containerd://1.7.22', osImage: 'Ubuntu 24.04 LTS' },
        images: [{ names: ['registry.example.com/pause:3.10'], sizeBytes: 320000 }],
      },
    });
  }
  return out;
}

export function materialize(workloads: KubeObject[], opts: MaterializeOptions): KubeObject[] {
  const nodes = makeNodes(opts.nodes);
  const out: KubeObject[] = [...nodes];
  let rr = 0;
  const nextNode = () => nodes[rr++ % nodes.length]!.metadata.name;
  const cap = opts.maxPodsPerWorkload ?? 50;
  for (const w0 of workloads) {
    const w: KubeObject = { ...w0, metadata: { ...w0.metadata, uid: w0.metadata.uid ?? uidOf(w0.kind, w0.metadata.namespace, w0.metadata.name) } };
    if (opts.managedFields && ['Deployment', 'StatefulSet', 'DaemonSet'].includes(w.kind)) {
      w.metadata.managedFields = [
        { manager: 'kubectl-client-side-apply', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': {} }, 'f:spec': { 'f:replicas': {}, 'f:template': {} } } },
        { manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': {} } },
      ];
    }
    out.push(w);
    const ns = w.metadata.namespace ?? 'default';
    const key = `${ns}/${w.metadata.name}`;
    const sc = opts.scenarios?.[key] ?? {};
    const owner = (o: KubeObject) => [{ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true }];
    const podsFor = (parent: KubeObject, template: Json, count: number, naming: (i: number) => string, nodeFor: (i: number) => string, phase = 'Running') => {
      for (let i = 0; i < Math.min(count, cap); i++) {
        const name = naming(i);
        const spec = { ...(template?.spec ?? {}), nodeName: sc.pinToNode ?? nodeFor(i) };
        out.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, uid: uidOf('Pod', ns, name), labels: { ...(template?.metadata?.labels ?? {}) }, ownerReferences: owner(parent) }, spec, status: podStatus(spec, sc, phase) });
      }
    };
    switch (w.kind) {
      case 'Deployment': {
        const replicas = typeof w.spec?.replicas === 'number' ? w.spec.replicas : 1;
        const hist = Math.min(opts.history ?? 2, typeof w.spec?.revisionHistoryLimit === 'number' ? w.spec.revisionHistoryLimit : 10);
        const revisions = hist + 1;
        let current: KubeObject | null = null;
        for (let r = 1; r <= revisions; r++) {
          const name = `${w.metadata.name}-${hash(`${key}#${r}`)}`;
          const rs: KubeObject = {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            metadata: { name, namespace: ns, uid: uidOf('ReplicaSet', ns, name), labels: { ...(w.spec?.template?.metadata?.labels ?? {}), 'pod-template-hash': hash(`${key}#${r}`) }, annotations: { 'deployment.kubernetes.io/revision': String(r) }, ownerReferences: owner(w) },
            spec: { replicas: r === revisions ? replicas : 0, selector: w.spec?.selector, template: w.spec?.template },
            status: { replicas: r === revisions ? replicas : 0 },
          };
          out.push(rs);
          current = rs;
        }
        if (current) podsFor(current, w.spec?.template, replicas, (i) => `${current!.metadata.name}-${hash(`${key}/${i}`).slice(0, 5)}`, () => nextNode());
        break;
      }
      case 'StatefulSet': {
        const replicas = typeof w.spec?.replicas === 'number' ? w.spec.replicas : 1;
        for (let i = 0; i < Math.min(replicas, cap); i++) {
          for (const t of (w.spec?.volumeClaimTemplates ?? []) as Json[]) {
            const claim = `${t.metadata?.name}-${w.metadata.name}-${i}`;
            const pv = `pvc-${uidOf('PersistentVolumeClaim', ns, claim)}`;
            out.push({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claim, namespace: ns, uid: uidOf('PersistentVolumeClaim', ns, claim) }, spec: { ...(t.spec ?? {}), volumeName: pv }, status: { phase: 'Bound' } });
            out.push({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: pv }, spec: { capacity: t.spec?.resources?.requests ?? {}, accessModes: t.spec?.accessModes ?? ['ReadWriteOnce'], storageClassName: t.spec?.storageClassName, csi: { driver: 'ebs.csi.aws.com', volumeHandle: `vol-${hash(pv)}` }, claimRef: { namespace: ns, name: claim } }, status: { phase: 'Bound' } });
          }
        }
        podsFor(w, w.spec?.template, replicas, (i) => `${w.metadata.name}-${i}`, () => nextNode());
        break;
      }
      case 'DaemonSet': {
        const sel: Record<string, string> = w.spec?.template?.spec?.nodeSelector ?? {};
        const eligible = nodes.filter((n) => Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v));
        podsFor(w, w.spec?.template, eligible.length, (i) => `${w.metadata.name}-${hash(`${key}/${i}`).slice(0, 5)}`, (i) => eligible[i]!.metadata.name);
        break;
      }
      case 'CronJob': {
        const jobName = `${w.metadata.name}-29${String(Math.abs(parseInt(hash(key), 16)) % 1000000).padStart(6, '0')}`;
        const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: jobName, namespace: ns, uid: uidOf('Job', ns, jobName), ownerReferences: owner(w) }, spec: w.spec?.jobTemplate?.spec ?? {}, status: { succeeded: 1 } };
        out.push(job);
        podsFor(job, w.spec?.jobTemplate?.spec?.template, 1, () => `${jobName}-${hash(jobName).slice(0, 5)}`, () => nextNode(), 'Succeeded');
        break;
      }
      case 'Job':
        podsFor(w, w.spec?.template, 1, () => `${w.metadata.name}-${hash(key).slice(0, 5)}`, () => nextNode(), 'Succeeded');
        break;
      case 'Pod':
        out[out.length - 1] = { ...w, spec: { ...(w.spec ?? {}), nodeName: sc.pinToNode ?? nextNode() }, status: podStatus(w.spec, sc, 'Running') };
        break;
    }
  }
  return out;
}

function podStatus(spec: Json, sc: PodScenario, phase: string): Json {
  const containers: Json[] = spec?.containers ?? [];
  const ready = phase === 'Running' && !sc.notReady && !sc.configError;
  return {
    phase: sc.configError ? 'Pending' : phase,
    qosClass: qosClassOf(spec, []),
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: ready ? 'True' : 'False' },
    ],
    containerStatuses: containers.map((c) => {
      const name = String(c?.name ?? 'c');
      const oom = sc.oomKilled?.includes(name);
      const restarts = sc.restarts?.[name] ?? (oom ? 3 : 0);
      if (sc.configError?.container === name) {
        return { name, ready: false, restartCount: 0, image: c.image, state: { waiting: { reason: 'CreateContainerConfigError', message: sc.configError.message } } };
      }
      return {
        name,
        ready,
        restartCount: restarts,
        image: c.image,
        state: phase === 'Succeeded' ? { terminated: { reason: 'Completed', exitCode: 0 } } : { running: { startedAt: '2026-11-26T07:00:00Z' } },
        ...(oom ? { lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: '2026-11-26T06:58:00Z' } } } : restarts ? { lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: '2026-11-26T06:40:00Z' } } } : {}),
      };
    }),
  };
}
