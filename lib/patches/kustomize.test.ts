import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { objectsOfText, scanObjects } from '../scan/scan-objects';
import type { KubeObject } from '../snapshot/types';
import { planAppPatches, planNamespacePatches, type PatchPlan } from './combine';
import type { PlainObject } from './deep';
import { kustomizeOverlay, type FileMap } from './kustomize';
import { portableStrategicMerge } from './portable-smp';
import { applyStrategicMerge } from './strategic-merge';
import { deploymentArb } from './testing/arbitraries';
import { planOfPairs } from './testing/fake-plan';
import { hasKubectl, kubectlKustomizeMany } from './testing/kubectl';
import { SHOP_MANIFESTS } from './testing/sample-manifests';
import { toYaml } from './yaml';

const objects = objectsOfText(SHOP_MANIFESTS, 'shop.yaml');
const report = scanObjects(objects);
const web = report.apps.find((a) => a.name === 'web')!;
const appPlan = planAppPatches(objects, web);
const nsPlan = planNamespacePatches(objects, report, 'shop');

const clone = <T>(v: T): T => structuredClone(v);
const deployment = (containers: PlainObject[], extra: PlainObject = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers, ...extra } } },
});
const podSpec = (o: KubeObject) => (o.spec as { template: { spec: { containers: PlainObject[]; volumes?: PlainObject[] } } }).template.spec;

function kustomization(files: FileMap): { resources: string[]; patches?: { path: string; target?: PlainObject }[] } {
  return parse(files['kustomization.yaml']!) as { resources: string[]; patches?: { path: string; target?: PlainObject }[] };
}

describe('kustomizeOverlay', () => {
  it('writes kustomization.yaml, one patch per object, new objects and a README', () => {
    for (const plan of [appPlan, nsPlan]) {
      const files = kustomizeOverlay(plan);
      const k = kustomization(files);
      expect(parse(files['kustomization.yaml']!)).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' });
      expect(k.resources[0]).toBe('../base');
      expect(k.resources.slice(1)).toEqual(plan.resources.map((_, i) => expect.stringMatching(/^resources\/.+\.yaml$/) && k.resources[i + 1]));
      expect(k.patches?.length ?? 0).toBe(plan.targets.length);
      for (const p of k.patches ?? []) {
        expect(files[p.path], p.path).toBeDefined();
        expect(p.path).toMatch(/^patches\/[a-z0-9.-]+\.yaml$/);
        const docs = parseAllDocuments(files[p.path]!);
        expect(docs).toHaveLength(1);
        const body = docs[0]!.toJS() as unknown;
        if (p.target) {
          expect(Array.isArray(body)).toBe(true);
          expect(p.target).toMatchObject({ kind: expect.any(String), name: expect.any(String), version: expect.any(String) });
        } else {
          expect(body).toMatchObject({ apiVersion: expect.any(String), kind: expect.any(String), metadata: { name: expect.any(String) } });
          expect(JSON.stringify(body)).not.toMatch(/\$setElementOrder|\$retainKeys|\$deleteFromPrimitiveList/);
        }
      }
      for (const r of k.resources.slice(1)) expect(parse(files[r]!)).toEqual(plan.resources[k.resources.indexOf(r) - 1]!.object);
      const readme = files['README.md']!;
      for (const p of k.patches ?? []) expect(readme).toContain(p.path);
      for (const t of plan.targets) for (const c of t.checks) expect(readme).toContain(c);
      for (const c of [...plan.targets.flatMap((t) => t.changeMe), ...plan.resources.flatMap((r) => r.changeMe)]) {
        expect(readme).toContain(c.what.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      }
    }
  });

  it('uses a strategic merge file when kustomize applies it like kubectl: lists spelled out, no $setElementOrder', () => {
    const before = deployment([{ name: 'api', image: 'shop/api:1.0.0', env: [{ name: 'A', value: '1' }] }, { name: 'proxy', image: 'envoyproxy/envoy:v1.30.1' }], { volumes: [{ name: 'cfg', configMap: { name: 'api' } }] });
    const after = clone(before);
    podSpec(after).containers[0]!.env = [{ name: 'A', value: '1' }, { name: 'B', value: 'on' }];
    podSpec(after).volumes!.push({ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } });
    const files = kustomizeOverlay(planOfPairs([[before, after]]));
    const [entry] = kustomization(files).patches!;
    expect(entry!.target).toBeUndefined();
    const body = parse(files[entry!.path]!) as PlainObject;
    expect(body).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' } });
    expect(podSpec(body as unknown as KubeObject).containers).toEqual([{ name: 'api', env: [{ name: 'A' }, { name: 'B', value: 'on' }] }, { name: 'proxy' }]);
    expect(applyStrategicMerge(before as unknown as PlainObject, body)).toEqual(after);
  });

  it.each([
    ['merges into container ports', (d: KubeObject) => void (podSpec(d).containers[0]!.ports = [{ containerPort: 8080, name: 'web' }])],
    ['removes a finalizer', (d: KubeObject) => void (d.metadata.finalizers = ['a.example.com/x'])],
  ])('falls back to JSON 6902 when kustomize would differ: %s', (_name, edit) => {
    const before = deployment([{ name: 'api', image: 'shop/api:1.0.0', ports: [{ containerPort: 8080, name: 'http' }] }]);
    before.metadata.finalizers = ['a.example.com/x', 'b.example.com/y'];
    const after = clone(before);
    edit(after);
    expect(portableStrategicMerge(before as unknown as PlainObject, after as unknown as PlainObject, 'Deployment')).toBeNull();
    const files = kustomizeOverlay(planOfPairs([[before, after]]));
    expect(kustomization(files).patches![0]!.target).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment', name: 'api', namespace: 'shop' });
  });

  it('uses JSON 6902 for custom resources and core objects get no group', () => {
    const cr: KubeObject = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'api', namespace: 'shop' }, spec: { endpoints: [{ port: 'http' }] } };
    const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ port: 80 }] } };
    const files = kustomizeOverlay(planOfPairs([[cr, { ...cr, spec: { endpoints: [{ port: 'http', interval: '30s' }] } }], [svc, { ...svc, spec: { ...svc.spec, type: 'ClusterIP' } }]]), { patchStyle: 'json6902' });
    const [a, b] = kustomization(files).patches!;
    expect(a!.target).toEqual({ group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor', name: 'api', namespace: 'shop' });
    expect(b!.target).toEqual({ version: 'v1', kind: 'Service', name: 'api' });
    const auto = kustomization(kustomizeOverlay(planOfPairs([[cr, { ...cr, spec: { endpoints: [{ port: 'http', interval: '30s' }] } }]]))).patches![0]!;
    expect(auto.target).toBeDefined();
  });

  it('can list the original files as the base (and says how to build it)', () => {
    const files = kustomizeOverlay(appPlan, { base: ['../k8s/shop.yaml', '../k8s/web.yaml'] });
    expect(kustomization(files).resources.slice(0, 2)).toEqual(['../k8s/shop.yaml', '../k8s/web.yaml']);
    expect(files['README.md']).toContain('--load-restrictor LoadRestrictionsNone');
    expect(kustomizeOverlay(appPlan)['README.md']).not.toContain('--load-restrictor');
  });

  it('tells where to make the change for a Helm-managed app', () => {
    const helm = objects.map((o) => (o.kind === 'Deployment' && o.metadata.name === 'web' ? { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, 'app.kubernetes.io/managed-by': 'Helm' } } } : o));
    const app = scanObjects(helm).apps.find((a) => a.name === 'web')!;
    const p = planAppPatches(helm, app);
    const t = p.targets.find((x) => x.target.name === 'web');
    if (!t) return;
    expect(t.whereToChange).toMatch(/Helm/);
    expect(kustomizeOverlay(p)['README.md']).toContain(t.whereToChange!);
  });

  it('names files after kind and name, apart when two would collide', () => {
    const a = deployment([{ name: 'api', image: 'x:1' }]);
    const b = { ...clone(a), metadata: { name: 'api', namespace: 'billing' } };
    const bump = (d: KubeObject) => ({ ...clone(d), spec: { ...(d.spec as PlainObject), replicas: 2 } });
    const files = kustomizeOverlay(planOfPairs([[a, bump(a)], [b, bump(b)]]));
    expect(kustomization(files).patches!.map((p) => p.path)).toEqual(['patches/deployment-api-shop.yaml', 'patches/deployment-api-billing.yaml']);
  });
});

/** kustomize itself: the overlay must build and give the planned objects. */
describe.skipIf(!hasKubectl())('kubectl kustomize builds our overlays', () => {
  const byRef = (docs: KubeObject[], o: { kind: string; metadata: { name: string; namespace?: string } }) =>
    docs.find((d) => d.kind === o.kind && d.metadata.name === o.metadata.name && (d.metadata.namespace ?? null) === (o.metadata.namespace ?? null));

  function check(plan: PatchPlan, base: KubeObject[], output: string) {
    const docs = parseAllDocuments(output).map((d) => d.toJS() as KubeObject);
    expect(docs.length).toBe(base.length + plan.resources.length);
    for (const o of base) {
      const t = plan.targets.find((x) => x.target.kind === o.kind && x.target.name === o.metadata.name && x.target.namespace === (o.metadata.namespace ?? null));
      expect(byRef(docs, o), `${o.kind}/${o.metadata.name}`).toEqual(t ? t.after : o);
    }
    for (const r of plan.resources) expect(byRef(docs, r.object)).toEqual(r.object);
  }

  it('for an app, a namespace, and both patch styles', () => {
    const base = { 'kustomization.yaml': 'resources:\n  - shop.yaml\n', 'shop.yaml': SHOP_MANIFESTS };
    const cases = [appPlan, nsPlan].flatMap((plan) => (['auto', 'json6902'] as const).map((patchStyle) => ({ plan, overlay: kustomizeOverlay(plan, { patchStyle }) })));
    // the namespace plan has strategic merge files as well as JSON 6902 ones
    const styles = cases.flatMap((c) => kustomization(c.overlay).patches!.map((p) => (p.target ? 'json' : 'strategic')));
    expect(new Set(styles)).toEqual(new Set(['json', 'strategic']));
    const results = kubectlKustomizeMany(cases.map((c) => ({ overlay: c.overlay, base })));
    results.forEach((r, i) => {
      expect(r.ok, r.ok ? '' : r.error).toBe(true);
      if (r.ok) check(cases[i]!.plan, objects, r.yaml);
    });
  });

  it('for random edits of random Deployments', () => {
    const pairs = fc.sample(fc.tuple(deploymentArb({ extras: false }), deploymentArb({ extras: false })), { seed: Number(process.env.SEED ?? 7), numRuns: Number(process.env.RUNS ?? 12) });
    const cases = pairs
      .filter(([a, b]) => JSON.stringify(a) !== JSON.stringify(b))
      .map(([a, b]) => {
        const plan = planOfPairs([[a, b]]);
        return { plan, a, overlay: kustomizeOverlay(plan), base: { 'kustomization.yaml': 'resources:\n  - web.yaml\n', 'web.yaml': toYaml(a) } };
      });
    const results = kubectlKustomizeMany(cases);
    results.forEach((r, i) => {
      expect(r.ok, r.ok ? '' : r.error).toBe(true);
      if (r.ok) check(cases[i]!.plan, [cases[i]!.a], r.yaml);
    });
  });
});
