import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Finding } from '../checks/types';
import type { AppReport } from '../report/types';
import { DEFAULT_CONFIG } from '../config/defaults';
import { buildReport } from '../report/build-report';
import { FIXTURE_CLUSTER, objectsOfText, scanObjects, snapshotOfObjects } from '../scan/scan-objects';
import type { KubeObject } from '../snapshot/types';
import { findChangeMe } from './change-me';
import { planAppPatches, planNamespacePatches, type PatchPlan } from './combine';
import type { PlainObject } from './deep';
import { applyJsonPatch, JsonPatchError } from './json-patch';
import { changeMeInPlan } from './render';
import { isServerManagedPath, SERVER_MANAGED_METADATA } from './server-fields';
import { applyStrategicMerge } from './strategic-merge';
import { applyPlanJson, sameRef } from './testing/plan-support';
import { LIVE_WEB, SHOP_MANIFESTS } from './testing/sample-manifests';

/**
 * Written against whatever checks are registered: the assertions are properties of any plan
 * (one patch per object, JSON ≡ strategic, safe fixes stay fixed, placeholders survive…).
 */
const objects = objectsOfText(SHOP_MANIFESTS, 'shop.yaml');
const report = scanObjects(objects);
const appNamed = (r: { apps: AppReport[] }, name: string) => r.apps.find((a) => a.name === name)!;
const web = appNamed(report, 'web');
const fixable = (f: Finding, kinds: string[]) => f.status === 'fail' && !!f.fix && kinds.includes(f.fix.kind);
const refKey = (t: { kind: string; namespace: string | null; name: string }) => `${t.kind}/${t.namespace}/${t.name}`;

function expectConsistent(plan: PatchPlan) {
  expect(new Set(plan.targets.map((t) => refKey(t.target))).size).toBe(plan.targets.length);
  for (const t of plan.targets) {
    expect(applyJsonPatch(t.before, t.jsonPatch), `${refKey(t.target)} via JSON Patch`).toEqual(t.after);
    expect(applyStrategicMerge(t.before as unknown as PlainObject, t.strategicMerge), `${refKey(t.target)} via strategic merge`).toEqual(t.after);
    expect(t.checks.length).toBeGreaterThan(0);
    expect(t.summaries.length).toBeGreaterThanOrEqual(t.checks.length);
  }
}

describe('planAppPatches', () => {
  const plan = planAppPatches(objects, web);

  it('combines the fixes of an app into one patch per object, JSON Patch ≡ strategic merge', () => {
    expectConsistent(plan);
    const fixedInReport = new Set([...web.findings.filter((f) => fixable(f, ['safe', 'input'])).map((f) => f.check), ...plan.followUps.map((f) => f.check)]);
    for (const f of plan.followUps) expect(web.findings.some((g) => g.check === f.check && g.container === f.container && (fixable(g, ['safe', 'input']) || g.status === 'exempt'))).toBe(false);
    const planned = [...plan.targets.flatMap((t) => t.checks), ...plan.resources.flatMap((r) => r.checks)];
    for (const c of planned) expect(fixedInReport.has(c), `${c} is in the plan but had no fix in the report`).toBe(true);
    if (fixedInReport.size) expect(plan.targets.length + plan.resources.length).toBeGreaterThan(0);
    expect(plan.apps).toEqual([web.id]);
    expect(plan.namespace).toBe('shop');
  });

  it('patches only objects of the app', () => {
    for (const t of plan.targets) expect(t.target.namespace).toBe('shop');
    expect(plan.targets.some((t) => t.target.name === 'worker')).toBe(false);
  });

  it('leaves none of the safe-fixed checks failing, and no pass turned into a fail', () => {
    const safePlan = planAppPatches(objects, web, { safeOnly: true });
    expectConsistent(safePlan);
    const after = appNamed(scanObjects(applyPlanJson(objects, safePlan)), 'web');
    const safeFixed = web.findings.filter((f) => fixable(f, ['safe']));
    for (const f of safeFixed) {
      const still = after.findings.filter((g) => g.check === f.check && g.container === f.container && g.status === 'fail');
      expect(still.map((g) => `${g.check}: ${g.message}`)).toEqual([]);
    }
    for (const g of after.findings.filter((x) => x.status === 'fail')) {
      const was = web.findings.find((f) => f.check === g.check && f.container === g.container && f.path === g.path);
      expect(was?.status, `${g.check} went from pass to fail: ${g.message}`).not.toBe('pass');
    }
  });

  it('also fixes what its own fixes made applicable (follow-ups), unless told not to', () => {
    const safePlan = planAppPatches(objects, web, { safeOnly: true });
    const after = appNamed(scanObjects(applyPlanJson(objects, safePlan)), 'web');
    expect(after.findings.filter((f) => fixable(f, ['safe'])).map((f) => `${f.check}: ${f.message}`)).toEqual([]);
    const without = planAppPatches(objects, web, { safeOnly: true, followUp: false });
    expect(without.followUps).toEqual([]);
    if (safePlan.followUps.length) expect(safePlan.notes.join(' ')).toContain(safePlan.followUps[0]!.check);
  });

  it('keeps every placeholder of the input fixes it applied', () => {
    const survived = new Set(changeMeInPlan(plan).map((c) => c.placeholder));
    const applied = new Set([...plan.targets.flatMap((t) => t.checks), ...plan.resources.flatMap((r) => r.checks)]);
    for (const f of web.findings.filter((x) => fixable(x, ['input']) && applied.has(x.check))) {
      const own = findChangeMe(f.fix);
      // An input fix may be fully covered by another (then its own text need not appear), but what it
      // asked for must still be asked: at least as many placeholders remain as any one fix had.
      if (own.some((c) => survived.has(c.placeholder))) continue;
      expect(survived.size, `${f.check} (${f.container}): none of ${own.map((c) => c.placeholder).join(', ')} survived`).toBeGreaterThan(0);
    }
    expect(plan.notes.filter((n) => n.includes('was replaced by a later fix'))).toEqual([]);
  });

  it('safeOnly leaves the input fixes out and lists them', () => {
    const safePlan = planAppPatches(objects, web, { safeOnly: true });
    expect(changeMeInPlan(safePlan)).toEqual([]);
    const inputs = web.findings.filter((f) => fixable(f, ['input']));
    expect(safePlan.unpatched.filter((u) => u.why === 'input').length).toBe(inputs.length);
  });

  it('lists advice and exempt findings as not patched', () => {
    const advice = web.findings.filter((f) => fixable(f, ['advice']) && !plan.followUps.some((u) => u.check === f.check && u.container === f.container));
    expect(plan.unpatched.filter((u) => u.why === 'advice').length).toBe(advice.length);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(planAppPatches(objects, web))).toBe(JSON.stringify(plan));
  });

  it('guards JSON Patch indexes: containers in another order make the patch fail', () => {
    const t = plan.targets.find((x) => x.target.kind === 'Deployment');
    if (!t || !t.jsonPatch.some((op) => /\/containers\/\d+/.test(op.path))) return;
    const reordered = structuredClone(t.before) as KubeObject & { spec: { template: { spec: { containers: unknown[] } } } };
    reordered.spec.template.spec.containers.reverse();
    expect(() => applyJsonPatch(reordered, t.jsonPatch)).toThrow(JsonPatchError);
    expect(planAppPatches(objects, web, { guardIndexes: false }).targets.find((x) => x.target.kind === 'Deployment')!.jsonPatch.some((op) => op.op === 'test')).toBe(false);
  });

  it('does not patch an exempt finding', () => {
    const check = web.findings.find((f) => fixable(f, ['safe']))?.check;
    if (!check) return;
    const exempted = objects.map((o) =>
      o.kind === 'Deployment' && o.metadata.name === 'web' ? { ...o, metadata: { ...o.metadata, annotations: { 'drydock.dev/exempt': check, 'drydock.dev/exempt-reason': 'accepted by the payments team' } } } : o,
    );
    const exemptWeb = appNamed(scanObjects(exempted), 'web');
    const p = planAppPatches(exempted, exemptWeb);
    expect(p.targets.flatMap((t) => t.checks)).not.toContain(check);
    expect(p.unpatched.some((u) => u.check === check && u.why === 'exempt')).toBe(true);
    const after = appNamed(scanObjects(applyPlanJson(exempted, p)), 'web');
    expect(after.findings.filter((f) => f.check === check).some((f) => f.status === 'exempt')).toBe(true);
  });

  it('never puts server-managed fields in a patch', () => {
    // A live object as the API returns it (not sanitized): status and server metadata included.
    const live = parseAllDocuments(LIVE_WEB).map((d) => d.toJS() as KubeObject);
    const liveReport = scanObjects(live, { sourceType: 'cluster' });
    const app = appNamed(liveReport, 'web');
    const p = planAppPatches(live, app);
    if (!p.targets.length) return;
    for (const t of p.targets) {
      for (const op of t.jsonPatch) expect(isServerManagedPath(op.path), op.path).toBe(false);
      expect(t.strategicMerge).not.toHaveProperty('status');
      for (const f of SERVER_MANAGED_METADATA) {
        expect(t.strategicMerge.metadata ?? {}).not.toHaveProperty(f);
        expect(t.after.metadata).not.toHaveProperty(f);
      }
      expect(t.after).not.toHaveProperty('status');
      // The patch still applies to the live object and leaves what the server owns alone.
      const patched = applyJsonPatch(live.find((o) => sameRef(t.target, o))!, t.jsonPatch);
      expect(patched.status).toEqual(live[0]!.status);
      expect(patched.metadata.resourceVersion).toBe('481516');
    }
  });

  it('has nothing to do for an app without fixable findings', () => {
    const clean = planAppPatches([], []);
    expect(clean).toMatchObject({ targets: [], resources: [], apps: [] });
  });
});

describe('planNamespacePatches', () => {
  const plan = planNamespacePatches(objects, report, 'shop');

  it('covers every app of the namespace and nothing else', () => {
    expect(plan.apps.sort()).toEqual(report.apps.filter((a) => a.namespace === 'shop').map((a) => a.id).sort());
    for (const t of plan.targets) expect(t.target.namespace).toBe('shop');
    for (const r of plan.resources) expect(r.object.metadata.namespace).toBe('shop');
    expectConsistent(plan);
    const worker = appNamed(report, 'worker');
    if (worker.findings.some((f) => fixable(f, ['safe']))) expect(plan.targets.some((t) => t.target.name === 'worker')).toBe(true);
  });

  it('leaves no safe fix failing in a namespace of many similar apps (rescans only what changed)', () => {
    const copies = Array.from({ length: 4 }, (_, i) =>
      objects
        .filter((o) => o.metadata.namespace === 'shop')
        .map((o) => JSON.parse(JSON.stringify(o).replaceAll('"web"', `"web-${i}"`).replaceAll('"worker"', `"worker-${i}"`)) as KubeObject),
    ).flat();
    const rep = scanObjects(copies);
    const p = planNamespacePatches(copies, rep, 'shop', { safeOnly: true });
    expectConsistent(p);
    const after = scanObjects(applyPlanJson(copies, p));
    expect(after.apps.flatMap((a) => a.findings.filter((f) => fixable(f, ['safe'])).map((f) => `${a.name} ${f.check}: ${f.message}`))).toEqual([]);
  });

  it('fixes each app as its own plan would', () => {
    for (const t of plan.targets) {
      const own = planAppPatches(objects, report.apps.filter((a) => t.apps.includes(a.id)));
      const same = own.targets.find((x) => refKey(x.target) === refKey(t.target));
      expect(same?.after).toEqual(t.after);
    }
  });

  it('reads a live snapshot of several clusters: only the cluster of the app is planned', () => {
    const one = snapshotOfObjects(objects, 'cluster');
    const two = { ...one, source: { ...one.source, clusters: [FIXTURE_CLUSTER, 'prod'] }, objects: [...one.objects, ...one.objects.map((e) => ({ ...e, cluster: 'prod' }))] };
    const rep = buildReport(two, { config: DEFAULT_CONFIG, now: new Date('2026-01-01T00:00:00Z') });
    const app = rep.apps.find((a) => a.cluster === FIXTURE_CLUSTER && a.name === 'web')!;
    const p = planAppPatches(two, app);
    expect(p.cluster).toBe(FIXTURE_CLUSTER);
    expectConsistent(p);
    const alone = planAppPatches(one, buildReport(one, { config: DEFAULT_CONFIG, now: new Date('2026-01-01T00:00:00Z') }).apps.find((a) => a.name === 'web')!);
    expect(p.targets.map((t) => t.after)).toEqual(alone.targets.map((t) => t.after));
    expect(() => planNamespacePatches(two, rep, 'shop')).toThrow(/several clusters/);
    expect(planNamespacePatches(two, rep, 'shop', { cluster: 'prod' }).apps.every((id) => id.startsWith('prod/'))).toBe(true);
  });

  it('refuses apps of several clusters', () => {
    const other = { ...web, cluster: 'prod', id: `prod/${web.namespace}/${web.kind}/${web.name}` };
    expect(() => planAppPatches(objects, [web, other])).toThrow(/one cluster/);
  });
});
