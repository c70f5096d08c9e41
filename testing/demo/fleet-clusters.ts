import { createHash } from 'node:crypto';
import type { Json, KubeObject } from '../../lib/snapshot/types';
import { materialize, uidOf } from '../cluster-sim/materialize';

/**
 * The demo fleet: next to the main `demo` cluster, two regions that run the storefront and the
 * platform services — `demo-east` (3 nodes) and `demo-west` (30 nodes of the same size), so their
 * allocatable CPU is 1:10 (shared/domain.md: replicas, and traffic, should follow capacity).
 *
 * The apps are the main cluster's own (same namespace, kind and name), with skews a real fleet has:
 *   - shop/orders runs 3 replicas everywhere despite 1:10 capacity (fleet-capacity-skew fails);
 *   - platform/ingress-gateway is weighted by capacity (3 / 1 / 8: passes);
 *   - shop/checkout is mid roll-out: east already runs 2.9.0 (revision 5), west still 2.8.1;
 *   - platform/policy-webhook lags in west by two releases;
 *   - shop/cart in west has revisionHistoryLimit 0: no ReplicaSet to roll back to.
 * Deployments keep ReplicaSet history with the older images and `deployment.kubernetes.io/revision`.
 */
export type RegionName = 'demo-east' | 'demo-west';

export interface AppPlan {
  /** Leave the app out of this region. */
  omit?: boolean;
  /** Replicas (for an app with an HPA: its minReplicas). */
  replicas?: number;
  /** The image the region runs now (replaces the container of the same repository). */
  image?: string;
  /** Older images, oldest first: the ReplicaSet history behind the current revision. */
  history?: string[];
  /** The current `deployment.kubernetes.io/revision`. */
  revision?: number;
  revisionHistoryLimit?: number;
}

export interface RegionSpec {
  name: RegionName;
  nodes: number;
  zones: string[];
  nodePrefix: string;
  /** Replicas of apps without a plan: the main cluster's scaled by this factor (at least 1). */
  scale: number;
  plans: Record<string, AppPlan>;
}

/** Apps that stay in the home region: databases and caches with local state, single-replica jobs. */
const HOME_ONLY = new Set(['shop/orders-db', 'shop/cart-redis', 'shop/uploads', 'platform/registry-mirror', 'platform/cert-renewer']);

export const FLEET_REGIONS: Record<RegionName, RegionSpec> = {
  'demo-east': {
    name: 'demo-east',
    nodes: 3,
    zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    nodePrefix: 'east-node',
    scale: 0.25,
    plans: {
      'shop/orders': { replicas: 3 },
      'platform/ingress-gateway': { replicas: 1 },
      'shop/checkout': { image: 'registry.example.com/shop/checkout:2.9.0', history: ['registry.example.com/shop/checkout:2.7.4', 'registry.example.com/shop/checkout:2.8.0', 'registry.example.com/shop/checkout:2.8.1'], revision: 5 },
      'platform/policy-webhook': { history: ['registry.example.com/platform/policy-webhook:0.12.0', 'registry.example.com/platform/policy-webhook:0.13.1'], revision: 6 },
      'shop/cart': { history: ['registry.example.com/shop/cart:4.10.2', 'registry.example.com/shop/cart:4.11.0'], revision: 7 },
    },
  },
  'demo-west': {
    name: 'demo-west',
    nodes: 30,
    zones: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
    nodePrefix: 'west-node',
    scale: 2.5,
    plans: {
      'shop/orders': { replicas: 3 },
      'platform/ingress-gateway': { replicas: 8 },
      'shop/checkout': { history: ['registry.example.com/shop/checkout:2.7.0', 'registry.example.com/shop/checkout:2.7.4', 'registry.example.com/shop/checkout:2.8.0'], revision: 4 },
      'platform/policy-webhook': { image: 'registry.example.com/platform/policy-webhook:0.12.0', history: ['registry.example.com/platform/policy-webhook:0.11.3'], revision: 4 },
      'shop/cart': { revisionHistoryLimit: 0, revision: 7 },
    },
  },
};

export const FLEET_NAMESPACES = ['shop', 'platform'];

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job']);

/**
 * The declared objects of the fleet namespaces, taken from the main cluster's materialized objects:
 * what the controllers made (Nodes, Pods, ReplicaSets, claims and volumes) is dropped, so each
 * region can materialize its own.
 */
export function declaredFleetObjects(main: KubeObject[]): KubeObject[] {
  const keep = new Set(FLEET_NAMESPACES);
  const out: KubeObject[] = [];
  for (const o of main) {
    const ns = o.metadata.namespace;
    if (o.metadata.ownerReferences?.length) continue;
    if (o.kind === 'Node' || o.kind === 'Pod' || o.kind === 'PersistentVolume') continue;
    if (o.kind === 'PersistentVolumeClaim' && o.metadata.uid) continue; // made from a claim template
    if (ns ? !keep.has(ns) : o.kind === 'Namespace' && !keep.has(o.metadata.name)) continue;
    if (WORKLOAD_KINDS.has(o.kind)) {
      const { uid: _u, managedFields: _m, ...metadata } = o.metadata;
      out.push({ ...o, metadata });
    } else out.push(o);
  }
  return out;
}

const repoOf = (image: string) => image.replace(/@.*$/, '').replace(/:[^:/]+$/, '');

function withImage(template: Json, image: string): Json {
  const containers: Json[] = template?.spec?.containers ?? [];
  return { ...template, spec: { ...template.spec, containers: containers.map((c) => (repoOf(String(c.image)) === repoOf(image) ? { ...c, image } : c)) } };
}

/** Every object one region's API server serves. */
export function regionObjects(main: KubeObject[], region: RegionSpec): KubeObject[] {
  const declared = declaredFleetObjects(main);
  const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const hpaTargets = new Map<string, KubeObject>();
  for (const o of declared) if (o.kind === 'HorizontalPodAutoscaler') hpaTargets.set(`${o.metadata.namespace}/${o.spec?.scaleTargetRef?.name}`, o);
  const omitted = new Set<string>();
  for (const o of declared) if (WORKLOAD_KINDS.has(o.kind) && (HOME_ONLY.has(keyOf(o)) || region.plans[keyOf(o)]?.omit)) omitted.add(keyOf(o));

  const objects: KubeObject[] = [];
  for (const o of declared) {
    const key = keyOf(o);
    if (omitted.has(key)) continue;
    // A Service, PDB, HPA or claim of an omitted app goes with it.
    const owner = o.kind === 'HorizontalPodAutoscaler' ? `${o.metadata.namespace}/${o.spec?.scaleTargetRef?.name}` : key;
    if (!WORKLOAD_KINDS.has(o.kind) && o.metadata.namespace && omitted.has(owner)) continue;
    if (o.kind === 'HorizontalPodAutoscaler') {
      const plan = region.plans[owner];
      const min = plan?.replicas ?? Math.max(1, Math.round(Number(o.spec?.minReplicas ?? 1) * region.scale));
      objects.push({ ...o, spec: { ...o.spec, minReplicas: min, maxReplicas: Math.max(min, Math.round(Number(o.spec?.maxReplicas ?? min) * region.scale)) } });
      continue;
    }
    if (!WORKLOAD_KINDS.has(o.kind)) {
      objects.push(o);
      continue;
    }
    const plan = region.plans[key] ?? {};
    const spec: Json = { ...o.spec };
    if (typeof spec.replicas === 'number' && !hpaTargets.has(key)) spec.replicas = plan.replicas ?? Math.max(1, Math.round(spec.replicas * region.scale));
    if (plan.image) spec.template = withImage(spec.template, plan.image);
    if (plan.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = plan.revisionHistoryLimit;
    const annotations = { ...(o.metadata.annotations ?? {}), ...(o.kind === 'Deployment' && plan.revision ? { 'deployment.kubernetes.io/revision': String(plan.revision) } : {}) };
    // Own UIDs per cluster: the same app in two clusters is two objects.
    objects.push({ ...o, metadata: { ...o.metadata, uid: uidOf(o.kind, o.metadata.namespace, `${region.name}/${o.metadata.name}`), annotations }, spec });
  }

  const all = materialize(objects, { nodes: { count: region.nodes, zones: region.zones, racksPerZone: 2, namePrefix: region.nodePrefix }, history: 3, managedFields: true });
  return rewriteHistory(all, region);
}

/**
 * Give each Deployment's older ReplicaSets the older images and the revision numbers of the plan,
 * and name every ReplicaSet by a hash of its pod template, as the Deployment controller does: the
 * same template in two clusters gets the same `pod-template-hash`, a new image a new one.
 */
function rewriteHistory(objects: KubeObject[], region: RegionSpec): KubeObject[] {
  const deployments = new Map<string, string>(); // uid → "ns/name"
  for (const o of objects) if (o.kind === 'Deployment') deployments.set(o.metadata.uid!, `${o.metadata.namespace}/${o.metadata.name}`);
  const byDeployment = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const owner = o.kind === 'ReplicaSet' ? o.metadata.ownerReferences?.[0]?.uid : undefined;
    const key = owner ? deployments.get(owner) : undefined;
    if (!key) continue;
    const list = byDeployment.get(key) ?? [];
    list.push(o);
    byDeployment.set(key, list);
  }
  const drop = new Set<KubeObject>();
  const replaced = new Map<KubeObject, KubeObject>();
  const renamedOwners = new Map<string, { name: string; uid: string; hash: string }>(); // old RS uid → new
  const rev = (o: KubeObject) => Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  for (const [key, sets] of byDeployment) {
    const plan = region.plans[key] ?? {};
    sets.sort((a, b) => rev(a) - rev(b));
    const current = sets.length - 1;
    const revision = plan.revision ?? sets.length;
    const deployName = key.split('/')[1]!;
    sets.forEach((rs, i) => {
      const back = current - i; // 0 = the current ReplicaSet
      const history = plan.history;
      if (back > 0 && history && back > history.length) return void drop.add(rs);
      const image = back > 0 && history ? history[history.length - back] : undefined;
      const template = image ? withImage(rs.spec?.template, image) : rs.spec?.template;
      // Older revisions without a planned image differ by something else (a config change).
      const hash = templateHash(back > 0 && !image ? { template, revision: revision - back } : template);
      const name = `${deployName}-${hash}`;
      const uid = uidOf('ReplicaSet', rs.metadata.namespace, `${region.name}/${name}`);
      renamedOwners.set(rs.metadata.uid!, { name, uid, hash });
      replaced.set(rs, {
        ...rs,
        metadata: {
          ...rs.metadata,
          name,
          uid,
          labels: { ...(rs.metadata.labels ?? {}), 'pod-template-hash': hash },
          annotations: { ...(rs.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': String(revision - back) },
        },
        spec: { ...rs.spec, template, selector: rs.spec?.selector },
      });
    });
  }
  return objects
    .filter((o) => !drop.has(o))
    .map((o) => {
      const r = replaced.get(o);
      if (r) return r;
      const owner = o.kind === 'Pod' ? renamedOwners.get(o.metadata.ownerReferences?.[0]?.uid ?? '') : undefined;
      if (!owner) return o;
      const suffix = o.metadata.name.slice(o.metadata.name.lastIndexOf('-') + 1);
      const name = `${owner.name}-${suffix}`;
      return {
        ...o,
        metadata: {
          ...o.metadata,
          name,
          uid: uidOf('Pod', o.metadata.namespace, `${region.name}/${name}`),
          labels: { ...(o.metadata.labels ?? {}), 'pod-template-hash': owner.hash },
          ownerReferences: o.metadata.ownerReferences!.map((ref, i) => (i === 0 ? { ...ref, name: owner.name, uid: owner.uid } : ref)),
        },
      };
    });
}

function templateHash(v: unknown): string {
  return createHash('sha1').update(JSON.stringify(v)).digest('hex').slice(0, 10);
}

/** The regions a demo with `clusters` clusters serves (1: none, 2: east, 3: east and west). */
export function fleetRegions(clusters: number): RegionSpec[] {
  return clusters >= 3 ? [FLEET_REGIONS['demo-east'], FLEET_REGIONS['demo-west']] : clusters === 2 ? [FLEET_REGIONS['demo-east']] : [];
}
