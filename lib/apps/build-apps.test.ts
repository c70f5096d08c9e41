import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/defaults';
import { snapshotOfObjects } from '../scan/scan-objects';
import { objectsOfText } from '../scan/scan-objects';
import { buildApps } from './build-apps';

const yaml = String.raw;

const world = objectsOfText(yaml`
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { team: payments } }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
  labels: { app.kubernetes.io/part-of: storefront, app.kubernetes.io/instance: cart-prod }
  annotations: { meta.helm.sh/release-name: cart }
spec:
  replicas: 5
  selector: { matchLabels: { app: cart } }
  template:
    metadata: { labels: { app: cart, tier: web } }
    spec:
      volumes:
        - { name: data, persistentVolumeClaim: { claimName: cart-data } }
        - { name: cfg, configMap: { name: cart-config } }
        - name: proj
          projected: { sources: [ { configMap: { name: cart-extra } } ] }
      containers:
        - name: cart
          image: shop/cart:1.0
          envFrom: [ { configMapRef: { name: cart-env } } ]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: cart, namespace: shop }
spec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: cart }, minReplicas: 3, maxReplicas: 10 }
---
apiVersion: v1
kind: Service
metadata: { name: cart, namespace: shop }
spec: { selector: { app: cart }, ports: [ { port: 80 } ] }
---
apiVersion: v1
kind: Service
metadata: { name: other, namespace: shop }
spec: { selector: { app: other } }
---
apiVersion: v1
kind: Service
metadata: { name: cart, namespace: elsewhere }
spec: { selector: { app: cart } }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web-tier, namespace: shop }
spec: { maxUnavailable: 1, selector: { matchExpressions: [ { key: tier, operator: In, values: [web] } ] } }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: null-selector, namespace: shop }
spec: { maxUnavailable: 1 }
---
apiVersion: v1
kind: LimitRange
metadata: { name: defaults, namespace: shop }
spec: { limits: [ { type: Container, defaultRequest: { cpu: 100m } } ] }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: cart-data, namespace: shop }
spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cart-config, namespace: shop }
data: { a: b }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cart-env, namespace: shop }
data: { A: b }
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: ops
  labels: { app.kubernetes.io/managed-by: Helm, owner: sre, kustomize.toolkit.fluxcd.io/name: infra }
spec:
  template: { metadata: { labels: { app: agent } }, spec: { containers: [ { name: a, image: agent:1 } ] } }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: ops, annotations: { argocd.argoproj.io/tracking-id: "x" } }
spec:
  schedule: "0 * * * *"
  jobTemplate: { spec: { template: { spec: { containers: [ { name: r, image: report:2 } ], restartPolicy: OnFailure } } } }
---
apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: ops }
spec: { containers: [ { name: sh, image: busybox:1.36 } ] }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: w }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: i, namespace: shop }
`);

describe('buildApps', () => {
  const { apps, unreadKinds } = buildApps(snapshotOfObjects(world), DEFAULT_CONFIG);
  const byName = (n: string) => apps.find((a) => a.name === n)!;

  it('makes one app per top-level workload with ids cluster/namespace/kind/name', () => {
    expect(apps.map((a) => a.id).sort()).toEqual(['-/ops/CronJob/report', '-/ops/DaemonSet/agent', '-/ops/Pod/debug', '-/shop/Deployment/cart']);
  });

  it('groups by part-of, then instance, then Helm release, else itself', () => {
    expect(byName('cart').group).toBe('storefront');
    expect(byName('agent').group).toBe('agent');
  });

  it('takes the team from the workload, then its namespace', () => {
    expect(byName('cart').team).toBe('payments');
    expect(byName('agent').team).toBe('sre');
    expect(byName('debug').team).toBeNull();
  });

  it('recognises who manages the workload', () => {
    expect(byName('cart').managedBy).toBe('helm');
    expect(byName('agent').managedBy).toBe('flux');
    expect(byName('report').managedBy).toBe('argocd');
    expect(byName('debug').managedBy).toBeNull();
  });

  it('relates Services, PDBs, HPAs, LimitRanges, claims and ConfigMaps of the same namespace', () => {
    const r = byName('cart').related;
    expect(r.services.map((s) => s.metadata.name)).toEqual(['cart']);
    expect(r.pdbs.map((p) => p.metadata.name)).toEqual(['web-tier']);
    expect(r.hpas.map((h) => h.metadata.name)).toEqual(['cart']);
    expect(r.limitRanges.map((l) => l.metadata.name)).toEqual(['defaults']);
    expect(r.pvcs.map((p) => p.metadata.name)).toEqual(['cart-data']);
    expect(r.configMaps.map((c) => c.metadata.name).sort()).toEqual(['cart-config', 'cart-env']);
    expect(r.serviceNamesInNamespace.sort()).toEqual(['cart', 'other']);
    expect(r.namespace?.metadata.name).toBe('shop');
  });

  it('counts replicas as the HPA minimum when an HPA targets the workload', () => {
    expect(byName('cart').specReplicas).toBe(5);
    expect(byName('cart').replicas).toBe(3);
    expect(byName('report').replicas).toBe(1);
    expect(byName('agent').replicas).toBeNull(); // DaemonSet without nodes in the snapshot
  });

  it('points at the pod template of each kind', () => {
    expect(byName('report').podSpecPath).toBe('/spec/jobTemplate/spec/template/spec');
    expect(byName('debug').podSpecPath).toBe('/spec');
    expect(byName('cart').podMeta.labels).toEqual({ app: 'cart', tier: 'web' });
    expect(byName('report').longRunning).toBe(false);
  });

  it('lists kinds it does not read', () => {
    expect(unreadKinds).toEqual({ Widget: 1, Ingress: 1 });
  });

  it('restricts to configured namespaces', () => {
    const only = buildApps(snapshotOfObjects(world), { ...DEFAULT_CONFIG, namespaces: ['ops'] }).apps;
    expect(only.map((a) => a.name).sort()).toEqual(['agent', 'debug', 'report']);
  });
});

describe('owner chains on live clusters', () => {
  const live = objectsOfText(yaml`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: a, uid: d1 }
spec: { template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: w, image: web:1 } ] } } }
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web-7d9, namespace: a, uid: rs1, ownerReferences: [ { apiVersion: apps/v1, kind: Deployment, name: web, uid: d1, controller: true } ] }
spec: { template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: w, image: web:1 } ] } } }
---
apiVersion: v1
kind: Pod
metadata: { name: web-7d9-x, namespace: a, ownerReferences: [ { apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9, uid: rs1, controller: true } ] }
spec: { containers: [ { name: w, image: web:1 } ] }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: a, uid: cj1 }
spec: { schedule: "@daily", jobTemplate: { spec: { template: { spec: { containers: [ { name: n, image: n:1 } ] } } } } }
---
apiVersion: batch/v1
kind: Job
metadata: { name: nightly-123, namespace: a, uid: j1, ownerReferences: [ { apiVersion: batch/v1, kind: CronJob, name: nightly, uid: cj1, controller: true } ] }
spec: { template: { spec: { containers: [ { name: n, image: n:1 } ] } } }
---
apiVersion: v1
kind: Pod
metadata: { name: nightly-123-abc, namespace: a, ownerReferences: [ { apiVersion: batch/v1, kind: Job, name: nightly-123, uid: j1, controller: true } ] }
spec: { containers: [ { name: n, image: n:1 } ] }
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: rollout-abc, namespace: a, uid: rs2, ownerReferences: [ { apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: rollout, uid: ro1, controller: true } ] }
spec: { template: { spec: { containers: [ { name: r, image: r:1 } ] } } }
`);
  const { apps } = buildApps(snapshotOfObjects(live, 'cluster'), DEFAULT_CONFIG);

  it('resolves Pod → ReplicaSet → Deployment and Pod → Job → CronJob from the lists', () => {
    expect(apps.map((a) => a.id).sort()).toEqual(['fixture/a/CronJob/nightly', 'fixture/a/Deployment/web', 'fixture/a/ReplicaSet/rollout-abc']);
    expect(apps.find((a) => a.name === 'web')!.related.pods.map((p) => p.metadata.name)).toEqual(['web-7d9-x']);
    expect(apps.find((a) => a.name === 'nightly')!.related.pods.map((p) => p.metadata.name)).toEqual(['nightly-123-abc']);
  });
});

describe('namespaces and service accounts', () => {
  const objs = objectsOfText(yaml`
apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec: { template: { metadata: { labels: { app: api } }, spec: { serviceAccountName: api-sa, containers: [ { name: a, image: api:1 } ] } } }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: api-sa }
automountServiceAccountToken: false
---
apiVersion: v1
kind: Service
metadata: { name: api }
spec: { selector: { app: api } }
`);
  const [app] = buildApps(snapshotOfObjects(objs), DEFAULT_CONFIG).apps;

  it('objects written without a namespace live in "default" together', () => {
    expect(app!.namespace).toBe('default');
    expect(app!.related.services.map((s) => s.metadata.name)).toEqual(['api']);
  });

  it('links the ServiceAccount the pod runs as', () => {
    expect(app!.related.serviceAccount?.metadata.name).toBe('api-sa');
  });
});
