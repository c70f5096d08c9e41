import { describe, expect, it } from 'vitest';
import { buildApps } from '../../apps/build-apps';
import { DEFAULT_CONFIG } from '../../config/defaults';
import { objectsOfText, snapshotOfObjects } from '../../scan/scan-objects';
import type { KubeObject } from '../../snapshot/types';
import { affinityTermMatchesOwnPods, domainsOf, eligibleNodes, HOSTNAME_KEY, spreadRules, workloadSelector, ZONE_KEY } from './topology';

function appOf(podSpecYaml: string, extra = '') {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web, track: stable } }
    spec:
      containers: [{ name: web, image: "registry.example.com/web:1.0.0" }]
${podSpecYaml.replace(/^/gm, '      ')}
${extra}`;
  const objects = objectsOfText(text);
  const app = buildApps(snapshotOfObjects(objects), DEFAULT_CONFIG).apps.find((a) => a.name === 'web');
  if (!app) throw new Error('no app');
  return app;
}

const term = (t: object) => ({ topologyKey: HOSTNAME_KEY, labelSelector: { matchLabels: { app: 'web' } }, ...t });

describe('affinityTermMatchesOwnPods', () => {
  const app = appOf('', `---
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { env: prod } }`);
  it('matches its own labels in its own namespace by default', () => {
    expect(affinityTermMatchesOwnPods(term({}), app)).toBe(true);
  });
  it('does not match a null selector or other labels', () => {
    expect(affinityTermMatchesOwnPods({ topologyKey: HOSTNAME_KEY }, app)).toBe(false);
    expect(affinityTermMatchesOwnPods(term({ labelSelector: { matchLabels: { app: 'db' } } }), app)).toBe(false);
  });
  it('honours namespaces and namespaceSelector', () => {
    expect(affinityTermMatchesOwnPods(term({ namespaces: ['edge'] }), app)).toBe(false);
    expect(affinityTermMatchesOwnPods(term({ namespaces: ['edge', 'shop'] }), app)).toBe(true);
    expect(affinityTermMatchesOwnPods(term({ namespaceSelector: {} }), app)).toBe(true);
    expect(affinityTermMatchesOwnPods(term({ namespaceSelector: { matchLabels: { env: 'prod' } } }), app)).toBe(true);
    expect(affinityTermMatchesOwnPods(term({ namespaceSelector: { matchLabels: { env: 'dev' } } }), app)).toBe(false);
    expect(affinityTermMatchesOwnPods(term({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }), app)).toBe(true);
  });
  it('mismatchLabelKeys on one of its own labels excludes its own replicas', () => {
    expect(affinityTermMatchesOwnPods(term({ mismatchLabelKeys: ['track'] }), app)).toBe(false);
    expect(affinityTermMatchesOwnPods(term({ matchLabelKeys: ['track'] }), app)).toBe(true);
  });
});

describe('spreadRules', () => {
  it('finds constraints and anti-affinity per key', () => {
    const app = appOf(`topologySpreadConstraints:
  - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }
  - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule }
affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 10
        podAffinityTerm: { topologyKey: kubernetes.io/hostname, labelSelector: { matchExpressions: [{ key: app, operator: In, values: [web] }] } }`);
    expect(spreadRules(app, [ZONE_KEY]).map((r) => r.path)).toEqual(['/spec/template/spec/topologySpreadConstraints/0']);
    // the hostname constraint has no labelSelector: it counts no pods; the preferred term does count them
    expect(spreadRules(app, [HOSTNAME_KEY]).map((r) => r.path)).toEqual(['/spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0']);
  });
  it('spreads by the workload selector', () => {
    expect(workloadSelector(appOf(''))).toEqual({ matchLabels: { app: 'web' } });
  });
});

const node = (name: string, labels: Record<string, string>, taints?: object[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels },
  ...(taints ? { spec: { taints } } : {}),
});
const nodes = [
  node('a1', { [ZONE_KEY]: 'a', pool: 'general', cpu: '8' }),
  node('b1', { [ZONE_KEY]: 'b', pool: 'general', cpu: '16' }),
  node('c1', { [ZONE_KEY]: 'c', pool: 'gpu', cpu: '32' }, [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }]),
  node('d1', { pool: 'general' }, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }, { key: 'maintenance', effect: 'PreferNoSchedule' }]),
];
const names = (ns: KubeObject[]) => ns.map((n) => n.metadata.name);

describe('eligibleNodes and domainsOf', () => {
  it('drops nodes with taints the pod does not tolerate (PreferNoSchedule does not count)', () => {
    expect(names(eligibleNodes(appOf(''), nodes))).toEqual(['a1', 'b1']);
    expect(names(eligibleNodes(appOf('tolerations: [{ operator: Exists }]'), nodes))).toEqual(['a1', 'b1', 'c1', 'd1']);
    expect(names(eligibleNodes(appOf('tolerations: [{ key: nvidia.com/gpu, operator: Equal, value: present, effect: NoSchedule }]'), nodes))).toEqual(['a1', 'b1', 'c1']);
    expect(names(eligibleNodes(appOf('tolerations: [{ key: nvidia.com/gpu, operator: Equal, value: absent }]'), nodes))).toEqual(['a1', 'b1']);
  });
  it('applies nodeSelector and required node affinity', () => {
    expect(names(eligibleNodes(appOf('nodeSelector: { topology.kubernetes.io/zone: b }'), nodes))).toEqual(['b1']);
    const affinity = (expr: string) => `affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
        - matchExpressions: [${expr}]
tolerations: [{ operator: Exists }]`;
    expect(names(eligibleNodes(appOf(affinity('{ key: pool, operator: NotIn, values: [gpu] }')), nodes))).toEqual(['a1', 'b1', 'd1']);
    expect(names(eligibleNodes(appOf(affinity('{ key: cpu, operator: Gt, values: ["10"] }')), nodes))).toEqual(['b1', 'c1']);
    expect(names(eligibleNodes(appOf(affinity('{ key: topology.kubernetes.io/zone, operator: DoesNotExist }')), nodes))).toEqual(['d1']);
  });
  it('counts domains among labelled nodes only', () => {
    expect(Object.fromEntries(domainsOf(nodes, ZONE_KEY))).toEqual({ a: 1, b: 1, c: 1 });
  });
});
