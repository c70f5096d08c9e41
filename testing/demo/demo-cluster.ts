import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseManifestText } from '../../lib/snapshot/parse-manifests';
import type { KubeObject } from '../../lib/snapshot/types';
import { materialize, type PodScenario } from '../cluster-sim/materialize';
import { app, configMap, namespace } from './builders';

/**
 * The demo cluster: the examples/ manifests plus more apps in more namespaces, owned by several
 * teams, on nodes in three zones and several racks, with live pods that show every scenario of the
 * domain: an OOMKilled container, crash-looping restarts, a missing Secret (config error), a
 * missing ConfigMap, replicas piled on one node, a claim pinned to a local disk.
 */
export const DEMO_ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function examplesObjects(): KubeObject[] {
  const root = path.join(__dirname, '..', '..', 'examples');
  const out: KubeObject[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const full = path.join(d, f);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(f)) out.push(...parseManifestText(readFileSync(full, 'utf8'), full).entries.map((e) => e.object));
    }
  };
  walk(root);
  return out;
}

function moreApps(): KubeObject[] {
  return [
    namespace('search', 'search'),
    namespace('identity', 'identity'),
    namespace('platform', 'platform'),
    // search: replicas that all landed on one node, a cache with one replica, a missing ConfigMap
    ...app({ ns: 'search', name: 'search-api', image: 'registry.example.com/search/api:7.2.0', replicas: 3, partOf: 'search', spread: 'none', pdb: { maxUnavailable: 1 } }),
    ...app({ ns: 'search', name: 'indexer', kind: 'StatefulSet', image: 'registry.example.com/search/indexer:7.2.0', replicas: 3, partOf: 'search', spread: 'host+zone', pdb: { maxUnavailable: 1 }, mounts: [{ name: 'index', mountPath: '/var/lib/index' }], claimTemplates: [{ metadata: { name: 'index' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: '100Gi' } } } }] }),
    ...app({ ns: 'search', name: 'query-cache', kind: 'StatefulSet', image: 'redis:7.4.1', replicas: 1, port: 6379, probes: ['redis-cli', 'ping'], partOf: 'search', hardened: false }),
    ...app({ ns: 'search', name: 'search-ui', image: 'registry.example.com/search/ui:3.0.4', replicas: 2, partOf: 'search', envFrom: [{ configMap: 'search-ui-flags' }], env: { SEARCH_API: 'http://search-api' } }),
    ...app({ ns: 'search', name: 'synonyms-loader', image: 'registry.example.com/search/synonyms:latest', replicas: 1, service: false, probes: 'none', resources: 'none', hardened: false }),
    // identity: an OOMKilled token service, an HPA that allows one replica, a missing Secret
    ...app({ ns: 'identity', name: 'auth', image: 'registry.example.com/identity/auth:5.1.0', hpa: { min: 1, max: 6 }, partOf: 'identity', spread: 'host+zone' }),
    ...app({ ns: 'identity', name: 'token-service', image: 'eclipse-temurin:21-jre', command: ['java', '-jar', '/app/token-service.jar'], replicas: 3, partOf: 'identity', resources: 'burstable', pdb: { maxUnavailable: 1 }, spread: 'host+zone' }),
    ...app({ ns: 'identity', name: 'user-profile', image: 'registry.example.com/identity/user-profile:2.4.1', replicas: 2, partOf: 'identity', envFrom: [{ secret: 'user-profile-db' }], pdb: { minAvailable: '100%' } }),
    ...app({ ns: 'identity', name: 'session-store', image: 'redis:7.4.1', port: 6379, replicas: 1, probes: 'tcp', strategy: { type: 'Recreate' }, hardened: false, volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'session-store-data' } }], mounts: [{ name: 'data', mountPath: '/data' }] }),
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'session-store-data', namespace: 'identity' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: '5Gi' } }, volumeName: 'pv-session-store' }, status: { phase: 'Bound' } },
    { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-session-store' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0a1b2c' } } },
    ...app({ ns: 'identity', name: 'ldap-sync', image: 'registry.example.com/identity/ldap-sync:1.9.0', replicas: 1, service: false, env: { LDAP_URL: 'ldaps://ldap.corp.example.com:636', LDAP_BIND_PASSWORD: 'Winter2026!' } }),
    // platform: a gateway done right (tini as PID 1), a webhook whose PDB blocks drains, a registry mirror on a local disk
    ...app({ ns: 'platform', name: 'ingress-gateway', image: 'envoyproxy/envoy:v1.31.2', command: ['/usr/bin/tini', '--', 'envoy', '-c', '/etc/envoy/envoy.yaml'], probes: ['curl', '-fsS', 'http://127.0.0.1:9901/ready'], replicas: 3, partOf: 'edge', pdb: { maxUnavailable: 1 }, spread: 'host+zone' }),
    ...app({ ns: 'platform', name: 'policy-webhook', image: 'registry.example.com/platform/policy-webhook:0.14.2', replicas: 2, pdb: { maxUnavailable: 0 }, partOf: 'policy' }),
    ...app({ ns: 'platform', name: 'metrics-collector', image: 'otel/opentelemetry-collector:0.112.0', replicas: 2, port: 4317, pdb: { maxUnavailable: 1 }, spread: 'host+zone' }),
    ...app({ ns: 'platform', name: 'registry-mirror', kind: 'StatefulSet', image: 'registry:2.8.3', replicas: 1, port: 5000, mounts: [{ name: 'cache', mountPath: '/var/lib/registry' }], claimTemplates: [{ metadata: { name: 'cache' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-nvme', resources: { requests: { storage: '500Gi' } } } }] }),
    ...app({ ns: 'platform', name: 'cert-renewer', image: 'registry.example.com/platform/cert-renewer:1.2.0', replicas: 1, service: false, hardened: false, resources: 'burstable' }),
    // shop: more services of the storefront
    ...app({ ns: 'shop', name: 'orders', image: 'registry.example.com/shop/orders:6.0.3', replicas: 3, partOf: 'storefront', pdb: { maxUnavailable: 1 }, spread: 'host+zone', env: { PAYMENTS_URL: 'http://checkout.shop.svc.cluster.local' } }),
    ...app({ ns: 'shop', name: 'recommendations', image: 'python:3.12-slim', command: ['python', '-m', 'recommendations.server'], replicas: 2, partOf: 'storefront', resources: 'burstable' }),
    ...app({ ns: 'shop', name: 'notifications', image: 'node:20.17-alpine', command: ['node', 'server.js'], probes: ['wget', '-q', '-O', '-', 'http://localhost:8080/healthz'], replicas: 2, partOf: 'storefront', env: { SMTP_HOST: 'smtp.sendgrid.net' } }),
    ...app({ ns: 'shop', name: 'cart-redis', kind: 'StatefulSet', image: 'redis:7.4.1', port: 6379, probes: 'tcp', replicas: 3, partOf: 'storefront', pdb: { maxUnavailable: 1 }, claimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: '10Gi' } } } }], mounts: [{ name: 'data', mountPath: '/data' }] }),
    configMap('shop', 'checkout-settings', { CURRENCY: 'EUR' }),
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'gp3', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer' },
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast-ssd' }, provisioner: 'ebs.csi.aws.com', parameters: { type: 'io2' } },
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-nvme' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' },
  ];
}

export const DEMO_SCENARIOS: Record<string, PodScenario> = {
  'search/search-api': { pinToNode: 'node-004' },
  'identity/token-service': { oomKilled: ['token-service'] },
  'shop/recommendations': { restarts: { recommendations: 17 } },
  'identity/user-profile': { configError: { container: 'user-profile', message: 'secret "user-profile-db" not found' } },
};

/** Every object the demo API server serves (materialized: ReplicaSets, Pods, Jobs, claims). */
export function demoClusterObjects(): KubeObject[] {
  const objects = [...examplesObjects(), ...moreApps()];
  const all = materialize(objects, {
    nodes: { count: 12, zones: DEMO_ZONES, racksPerZone: 2 },
    scenarios: DEMO_SCENARIOS,
    history: 3,
    managedFields: true,
  });
  // The local-disk registry mirror: its claim is bound to a local PV with node affinity.
  return all.map((o) =>
    o.kind === 'PersistentVolume' && o.spec?.claimRef?.name === 'cache-registry-mirror-0'
      ? { ...o, spec: { ...o.spec, csi: undefined, storageClassName: 'local-nvme', local: { path: '/mnt/nvme0/registry' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-007'] }] }] } } } }
      : o,
  );
}
