import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { JsonPatchOp } from '../checks/types';
import { objectsOfText, scanObjects } from '../scan/scan-objects';
import type { KubeObject } from '../snapshot/types';
import { placeholdersIn } from './change-me';
import { planAppPatches, planNamespacePatches } from './combine';
import type { PlainObject } from './deep';
import { kustomizeOverlay } from './kustomize';
import { readablePath } from './readme';
import { changeMeInFiles, changeMeInPlan, containsChangeMe, findChangeMe, kubectlResource, renderJson, renderPatches, renderStrategic } from './render';
import { applyStrategicMerge } from './strategic-merge';
import { hasKubectl, kubectlPatchMany, type PatchCase } from './testing/kubectl';
import { SHOP_MANIFESTS } from './testing/sample-manifests';
import { toYaml } from './yaml';

const objects = objectsOfText(SHOP_MANIFESTS, 'shop.yaml');
const report = scanObjects(objects);
const web = report.apps.find((a) => a.name === 'web')!;
const plan = planNamespacePatches(objects, report, 'shop');
const webPlan = planAppPatches(objects, web);

describe('renderStrategic', () => {
  it('is one document per patched object (apiVersion/kind/metadata) then the new objects', () => {
    const docs = parseAllDocuments(renderStrategic(plan)).map((d) => d.toJS() as PlainObject);
    expect(docs).toHaveLength(plan.targets.length + plan.resources.length);
    plan.targets.forEach((t, i) => {
      expect(docs[i]).toMatchObject({ apiVersion: t.target.apiVersion, kind: t.target.kind, metadata: { name: t.target.name, namespace: t.target.namespace } });
      // the identity fields patch nothing: the document applies as the plan's strategic merge
      expect(applyStrategicMerge(t.before as unknown as PlainObject, docs[i]!)).toEqual(t.after);
    });
    plan.resources.forEach((r, i) => expect(docs[plan.targets.length + i]).toEqual(r.object));
  });
});

describe('renderJson', () => {
  it('is an array of ops per object, and the new objects', () => {
    const entries = JSON.parse(renderJson(plan)) as { target: PlainObject; patch?: JsonPatchOp[]; create?: KubeObject }[];
    expect(entries.slice(0, plan.targets.length).map((e) => e.patch)).toEqual(plan.targets.map((t) => t.jsonPatch));
    expect(entries.slice(plan.targets.length).map((e) => e.create)).toEqual(plan.resources.map((r) => r.object));
  });
});

describe('renderPatches', () => {
  it.each(['strategic', 'json', 'kustomize'] as const)('%s: a text and files', (format) => {
    const r = renderPatches(plan, format);
    expect(r.format).toBe(format);
    expect(r.files['README.md']).toContain('# ');
    const patchFiles = Object.keys(r.files).filter((f) => f.startsWith('patches/'));
    expect(patchFiles).toHaveLength(plan.targets.length);
    expect(Object.keys(r.files).filter((f) => f.startsWith('resources/'))).toHaveLength(plan.resources.length);
    for (const f of patchFiles) expect(parseAllDocuments(r.files[f]!)).toHaveLength(1);
    if (format === 'kustomize') for (const f of Object.keys(r.files)) expect(r.text).toContain(`# ==> ${f} <==`);
    if (format === 'strategic') expect(r.files['README.md']).toMatch(/kubectl patch deployment\.apps\/web -n shop --type strategic --patch-file patches\/deployment-web\.strategic\.yaml/);
  });
  it('names kubectl resources with their group', () => {
    expect(kubectlResource({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'a', name: 'web' })).toBe('deployment.apps/web');
    expect(kubectlResource({ apiVersion: 'v1', kind: 'Service', namespace: null, name: 'web' })).toBe('service/web');
  });
});

describe('the CHANGE-ME gate', () => {
  it('lists every placeholder of a plan with where it is', () => {
    const found = changeMeInPlan(webPlan);
    expect(found.length).toBe(webPlan.targets.reduce((n, t) => n + t.changeMe.length, 0) + webPlan.resources.reduce((n, r) => n + r.changeMe.length, 0));
    for (const c of found) {
      expect(c.placeholder.startsWith('<CHANGE-ME: ')).toBe(true);
      expect(c.field.length).toBeGreaterThan(0);
      expect(c.object).toMatch(/^\w+ /);
    }
    expect(changeMeInPlan(planAppPatches(objects, web, { safeOnly: true }))).toEqual([]);
  });

  it('finds placeholders in rendered files until they are filled', () => {
    const files = kustomizeOverlay(webPlan);
    const left = changeMeInFiles(files);
    expect(new Set(left.map((c) => c.placeholder))).toEqual(new Set(changeMeInPlan(webPlan).map((c) => c.placeholder)));
    if (!left.length) return;
    expect(left.every((c) => !c.file.endsWith('.md'))).toBe(true);
    // the user fills every value: nothing left
    const filled = Object.fromEntries(Object.entries(files).map(([f, text]) => [f, f.endsWith('.md') ? text : parseAllDocuments(text).map((d) => toYaml(fill(d.toJS()))).join('---\n')]));
    expect(changeMeInFiles(filled)).toEqual([]);
    // a placeholder hidden in a comment still blocks
    expect(changeMeInFiles({ 'x.yaml': 'a: 1 # <CHANGE-ME: x>\n' })).toHaveLength(1);
  });

  it('parses placeholders whose text holds angle brackets', () => {
    expect(placeholdersIn('<CHANGE-ME: a dir, e.g. /var/cache/<app>>')).toEqual([{ placeholder: '<CHANGE-ME: a dir, e.g. /var/cache/<app>>', what: 'a dir, e.g. /var/cache/<app>' }]);
    expect(placeholdersIn('img:<CHANGE-ME: tag> and <CHANGE-ME: other>').map((p) => p.what)).toEqual(['tag', 'other']);
    expect(placeholdersIn('<CHANGE-ME: never closed').map((p) => p.what)).toEqual(['never closed']);
    expect(findChangeMe({ a: [{ 'k/x': '<CHANGE-ME: v>' }] })).toEqual([{ path: '/a/0/k~1x', placeholder: '<CHANGE-ME: v>', what: 'v' }]);
    expect(containsChangeMe('x: "<CHANGE-ME: y>"')).toBe(true);
    expect(containsChangeMe({ a: 'CHANGE-ME values' })).toBe(false);
  });

  it('says where a field is in words', () => {
    const d = { spec: { template: { spec: { containers: [{ name: 'web', ports: [{ containerPort: 80 }] }] } } } };
    expect(readablePath(d, '/spec/template/spec/containers/0/ports/0/name', 'Deployment')).toBe('spec.template.spec.containers[name=web].ports[containerPort=80].name');
  });
});

describe('toYaml', () => {
  it('quotes what YAML 1.1 (kubectl) or 1.2 (kustomize) would read as something else', () => {
    const tricky = ['Y', 'n', 'yes', 'No', 'on', 'OFF', '1:20', '0755', '0o17', '1e3', '1_000', '~', 'null', '.inf', '', '2024-01-01', '12', 'true', '=', '<<'];
    const text = toYaml({ values: tricky, Y: 1 });
    expect(parse(text, { version: '1.1' })).toEqual({ values: tricky, Y: 1 });
    expect(parse(text, { version: '1.2' })).toEqual({ values: tricky, Y: 1 });
  });
});

describe.skipIf(!hasKubectl())('rendered files through kubectl patch --local', () => {
  it('every strategic and JSON patch file gives the planned object', () => {
    const cases: (PatchCase & { expected: unknown })[] = [];
    for (const p of [plan, webPlan]) {
      const strategic = renderPatches(p, 'strategic').files;
      const json = renderPatches(p, 'json').files;
      p.targets.forEach((t) => {
        const file = Object.keys(strategic).find((f) => f.startsWith('patches/') && parse(strategic[f]!).metadata?.name === t.target.name && parse(strategic[f]!).kind === t.target.kind)!;
        const jsonFile = file.replace('.strategic.yaml', '.json');
        cases.push({ object: toYaml(t.before), patch: strategic[file]!, type: 'strategic', expected: t.after });
        cases.push({ object: toYaml(t.before), patch: json[jsonFile]!, type: 'json', expected: t.after });
      });
    }
    // YAML 1.1 look-alikes must reach kubectl as strings
    const yes = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flags', namespace: 'shop' }, data: { a: 'x' } };
    const yesAfter = { ...yes, data: { a: 'x', Y: 'no', on: '0755', t: '1:20' } };
    cases.push({ object: toYaml(yes), patch: toYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flags', namespace: 'shop' }, data: { Y: 'no', on: '0755', t: '1:20' } }), type: 'strategic', expected: yesAfter });
    const results = kubectlPatchMany(cases);
    results.forEach((r, i) => {
      expect(r.ok, r.ok ? '' : r.error).toBe(true);
      if (r.ok) expect(r.object, `case ${i} (${cases[i]!.type})`).toEqual(cases[i]!.expected);
    });
  });
});

function fill(v: unknown): unknown {
  if (typeof v === 'string') return containsChangeMe(v) ? 'filled' : v;
  if (Array.isArray(v)) return v.map(fill);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
  return v;
}
