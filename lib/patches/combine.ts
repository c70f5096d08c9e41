import { buildApps } from '../apps/build-apps';
import { objectRef } from '../checks/helpers/fix';
import { DEFAULT_CONFIG } from '../config/defaults';
import type { FleetContext } from '../fleet/context';
import { buildFleetStage } from '../fleet/build-fleet';
import type { Finding, Fix } from '../checks/types';
import type { AppReport, Report } from '../report/types';
import { MANIFEST_CLUSTER, type KubeObject, type Snapshot, type SnapshotEntry } from '../snapshot/types';
import { findChangeMe } from './change-me';
import { deepClone, deepEqual } from './deep';
import { applyJsonPatch, diffJsonPatch } from './json-patch';
import { guardJsonPatch } from './json-patch-guard';
import { getAtPointer } from './json-pointer';
import type { PatchPlan, PlanOptions, TargetPatch, UnpatchedFinding } from './plan-types';
import { objKey, Rescanner, type RescannedApp } from './rescan';
import { redactSecretValues } from './secrets';
import { withoutServerFields } from './server-fields';
import { diffStrategicMerge } from './strategic-merge';

export type { PatchPlan, PlanOptions, PlannedResource, TargetPatch, UnpatchedFinding } from './plan-types';
export { objKey } from './rescan';

/**
 * Every safe (and input) fix of one or more apps, combined into one patch per object.
 *
 * Each fix in a report is computed against the object as scanned, so two fixes that append to the
 * same list (two containers' env, a volume and its mount) both address the same index. The fixes
 * are therefore applied one at a time, rescanning between them so each is computed against the
 * object as the previous ones left it; the combined patch is the diff of the scanned object and
 * the final one. A fix whose finding no longer fails (an earlier fix solved it too) is not applied.
 *
 * `input` is the snapshot the report was built from (or its objects, for a manifest scan); the
 * options must say how the report was built (config, store exemptions) so that the rescans judge
 * the same way. Exempt findings are never patched.
 */
export function planAppPatches(input: Snapshot | readonly KubeObject[], apps: AppReport | readonly AppReport[], options: PlanOptions = {}): PatchPlan {
  const list: readonly AppReport[] = Array.isArray(apps) ? apps : [apps as AppReport];
  const clusters = new Set(list.map((a) => a.cluster));
  if (clusters.size > 1) throw new Error(`A patch plan covers one cluster; got apps of ${[...clusters].join(', ')}`);
  const cluster = list[0]?.cluster ?? MANIFEST_CLUSTER;
  const namespaces = new Set(list.map((a) => a.namespace));
  const plan: PatchPlan = { cluster, namespace: namespaces.size === 1 ? [...namespaces][0]! : null, apps: list.map((a) => a.id), targets: [], resources: [], unpatched: [], followUps: [], notes: [] };
  if (!list.length) return plan;

  const base = snapshotFor(input, cluster, namespaces);
  const objects = new Map<string, KubeObject>();
  const sources = new Map<string, SnapshotEntry['source']>();
  for (const e of base.objects) {
    objects.set(objKey(e.object), e.object);
    sources.set(objKey(e.object), e.source);
  }
  const originals = new Map(objects);
  const { budget, known } = initialBudget(list, options, plan.unpatched);
  const applied = new Set<string>();
  const contributions = new Map<string, Contribution>();
  const placeholders: { check: string; text: string }[] = [];
  const fleet = options.fleet !== undefined ? options.fleet : fleetOf(input, options);
  const rescanner = new Rescanner(base, cluster, new Set(plan.apps), { ...options, fleet });
  let changed: Set<string> | null = null;
  const followUpKeys = new Set<string>();

  for (let round = 0; ; round++) {
    if (round >= MAX_ROUNDS) {
      plan.notes.push(`Stopped combining after ${MAX_ROUNDS} rounds: some fixes were not applied.`);
      break;
    }
    const rescanned = rescanner.rescan(objects, sources, changed);
    const picked = pickFixes(rescanned, { budget, known, applied, followUpKeys }, objects, options);
    if (!picked.length) break;
    changed = new Set();
    for (const p of picked) {
      applied.add(p.identity);
      budget.set(p.budgetKey, (budget.get(p.budgetKey) ?? 1) - 1);
      try {
        applyFix(objects, p.fix, p.targetKey);
      } catch (e) {
        plan.unpatched.push({ app: p.app.id, check: p.finding.check, container: p.finding.container, message: p.finding.message, why: 'failed', detail: (e as Error).message });
        continue;
      }
      for (const key of p.touches) {
        contribute(contributions, key, p.app.id, p.finding, p.fix);
        changed.add(key);
      }
      if (followUpKeys.has(p.budgetKey)) plan.followUps.push({ app: p.app.id, check: p.finding.check, container: p.finding.container });
      for (const c of findChangeMe([p.fix.jsonPatch ?? [], p.fix.resources ?? []])) placeholders.push({ check: p.finding.check, text: c.placeholder });
    }
  }

  for (const [key, obj] of objects) {
    const c = contributions.get(key) ?? { apps: new Set<string>(), checks: [], summaries: [] };
    const orig = originals.get(key);
    if (!orig) {
      const object = redactSecretValues(withoutServerFields(obj), plan.notes);
      plan.resources.push({ object, apps: [...c.apps], checks: c.checks, summaries: c.summaries, changeMe: findChangeMe(object) });
      continue;
    }
    if (deepEqual(orig, obj)) continue;
    const target = targetPatch(orig, obj, c, options.guardIndexes ?? true, plan.notes);
    if (target) plan.targets.push(target);
  }
  // A finding the report only had advice for may have been fixed as a follow-up.
  const followed = new Set(plan.followUps.map((f) => `${f.app}\u0000${f.check}\u0000${f.container ?? ''}`));
  plan.unpatched = plan.unpatched.filter((u) => u.why === 'exempt' || u.why === 'failed' || !followed.has(`${u.app}\u0000${u.check}\u0000${u.container ?? ''}`));
  if (plan.followUps.length) {
    const names = plan.followUps.map((f) => `${f.check} (${f.app.split('/').pop()}${f.container ? `, container ${f.container}` : ''})`);
    plan.notes.push(`Also fixed, because the other fixes made these checks apply: ${names.join(', ')}.`);
  }
  const survived = new Set(findChangeMe([plan.targets.map((t) => t.after), plan.resources.map((r) => r.object)]).map((c) => c.placeholder));
  for (const p of placeholders) {
    if (!survived.has(p.text)) plan.notes.push(`The placeholder ${p.text} of ${p.check} was replaced by a later fix; check the value there.`);
  }
  return plan;
}

/**
 * The fleet context of a snapshot of several clusters, as buildReport made it (the same apps, the
 * same matching): built once per snapshot and config, since a scorecard asks for one plan after another.
 */
const fleets = new WeakMap<Snapshot, WeakMap<object, FleetContext | null>>();
function fleetOf(input: Snapshot | readonly KubeObject[], options: PlanOptions): FleetContext | null {
  if (Array.isArray(input)) return null;
  const snapshot = input as Snapshot;
  const config = options.config ?? DEFAULT_CONFIG;
  let byConfig = fleets.get(snapshot);
  if (!byConfig) fleets.set(snapshot, (byConfig = new WeakMap()));
  let fleet = byConfig.get(config);
  if (fleet === undefined) {
    // buildFleetStage answers null for fewer than 2 clusters: a one-cluster scan pays one look at its objects.
    const clusters = new Set(snapshot.objects.map((e) => e.cluster));
    fleet = clusters.size < 2 ? null : buildFleetStage(snapshot, buildApps(snapshot, config).apps, config).context;
    byConfig.set(config, fleet);
  }
  return fleet;
}

/** All apps of one namespace (of one cluster when the report spans several). */
export function planNamespacePatches(
  input: Snapshot | readonly KubeObject[],
  report: Report | readonly AppReport[],
  namespace: string,
  options: PlanOptions & { cluster?: string } = {},
): PatchPlan {
  const all = Array.isArray(report) ? (report as readonly AppReport[]) : (report as Report).apps;
  const apps = all.filter((a) => a.namespace === namespace && (options.cluster === undefined || a.cluster === options.cluster));
  const clusters = new Set(apps.map((a) => a.cluster));
  if (clusters.size > 1) throw new Error(`Namespace ${namespace} exists in several clusters (${[...clusters].join(', ')}): say which`);
  return planAppPatches(input, apps, options);
}

const MAX_ROUNDS = 500;

interface Contribution {
  apps: Set<string>;
  checks: string[];
  summaries: string[];
  whereToChange?: string;
}

interface Picked {
  app: RescannedApp;
  finding: Finding;
  fix: Fix;
  targetKey: string;
  touches: string[];
  identity: string;
  budgetKey: string;
}

const budgetKeyOf = (appId: string, f: Finding) => `${appId}\u0000${f.check}\u0000${f.container ?? ''}`;

/**
 * How many fixes each (app, check, container) may apply: its fixable failing findings in the
 * report. `known`: those keys and the exempt ones — never granted a follow-up.
 */
function initialBudget(apps: readonly AppReport[], options: PlanOptions, unpatched: UnpatchedFinding[]): { budget: Map<string, number>; known: Set<string> } {
  const budget = new Map<string, number>();
  const known = new Set<string>();
  for (const app of apps) {
    for (const f of app.findings) {
      if (f.status === 'exempt') known.add(budgetKeyOf(app.id, f));
      const base = { app: app.id, check: f.check, container: f.container, message: f.message };
      if (f.status === 'exempt') unpatched.push({ ...base, why: 'exempt', detail: f.reason ?? '' });
      if (f.status !== 'fail' || !f.fix) continue;
      if (f.fix.kind === 'advice') unpatched.push({ ...base, why: 'advice', detail: f.fix.summary });
      else if (f.fix.kind === 'input' && options.safeOnly) unpatched.push({ ...base, why: 'input', detail: f.fix.summary });
      else {
        budget.set(budgetKeyOf(app.id, f), (budget.get(budgetKeyOf(app.id, f)) ?? 0) + 1);
        known.add(budgetKeyOf(app.id, f));
      }
    }
  }
  return { budget, known };
}

interface LoopState {
  budget: Map<string, number>;
  known: Set<string>;
  applied: Set<string>;
  /** Keys granted a follow-up fix. */
  followUpKeys: Set<string>;
}

/**
 * The fixes to apply this round: report order, at most one per object touched (fixes of one
 * object must see each other's result) and one that creates objects.
 */
function pickFixes(apps: RescannedApp[], state: LoopState, objects: Map<string, KubeObject>, options: PlanOptions): Picked[] {
  const { budget, known, applied } = state;
  const picked: Picked[] = [];
  const touched = new Set<string>();
  let creates = false;
  for (const app of apps) {
    for (const f of app.findings) {
      if (f.status !== 'fail' || !f.fix || f.fix.kind === 'advice' || (f.fix.kind === 'input' && options.safeOnly)) continue;
      const budgetKey = budgetKeyOf(app.id, f);
      const identity = `${budgetKey}\u0000${f.path ?? ''}`;
      if (!known.has(budgetKey) && f.fix.kind === 'safe' && (options.followUp ?? true)) {
        // The report had no patch for it: the plan's own fixes made the check apply (two replicas
        // now want a PDB and spread) or made its fix safe (advice until the duplicates were gone).
        // Safe ones are fixed too, once, like the others.
        known.add(budgetKey);
        budget.set(budgetKey, 1);
        state.followUpKeys.add(budgetKey);
      }
      if ((budget.get(budgetKey) ?? 0) <= 0 || applied.has(identity)) continue;
      const targetKey = f.fix.target ? refKey(f.fix.target) : workloadKey(app, objects);
      const touches = [...(f.fix.jsonPatch?.length ? [targetKey] : []), ...(f.fix.resources ?? []).map(objKey)];
      if (touches.some((k) => touched.has(k)) || (creates && f.fix.resources?.length)) continue;
      touches.forEach((k) => touched.add(k));
      creates ||= !!f.fix.resources?.length;
      picked.push({ app, finding: f, fix: f.fix, targetKey, touches, identity, budgetKey });
    }
  }
  return picked;
}

function refKey(ref: { kind: string; namespace: string | null; name: string }): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** The app's workload: manifests without a namespace are in "default". */
function workloadKey(app: RescannedApp, objects: Map<string, KubeObject>): string {
  for (const [k, o] of objects) {
    if (o.kind === app.kind && o.metadata?.name === app.name && (o.metadata.namespace ?? 'default') === app.namespace) return k;
  }
  return `${app.kind}/${app.namespace}/${app.name}`;
}

function applyFix(objects: Map<string, KubeObject>, fix: Fix, targetKey: string): void {
  if (fix.jsonPatch?.length) {
    const target = objects.get(targetKey);
    if (!target) throw new Error(`the fix targets ${targetKey}, which is not in the scanned objects`);
    objects.set(targetKey, applyJsonPatch(target, fix.jsonPatch));
  }
  for (const r of fix.resources ?? []) objects.set(objKey(r), deepClone(r));
}

function contribute(map: Map<string, Contribution>, key: string, app: string, f: Finding, fix: Fix): void {
  let c = map.get(key);
  if (!c) map.set(key, (c = { apps: new Set(), checks: [], summaries: [] }));
  c.apps.add(app);
  if (!c.checks.includes(f.check)) c.checks.push(f.check);
  c.summaries.push(fix.summary);
  c.whereToChange ??= fix.whereToChange;
}

function targetPatch(orig: KubeObject, final: KubeObject, c: Contribution, guard: boolean, notes: string[]): TargetPatch | null {
  const before = withoutServerFields(orig);
  const after = redactSecretValues(withoutServerFields(final), notes);
  if (before.kind === 'Secret') {
    // Snapshots keep only a Secret's key names (sanitizeObject): never diff that stand-in.
    delete before.dataKeys;
    delete after.dataKeys;
  }
  const ops = diffJsonPatch(before, after);
  if (!ops.length) return null;
  const changeMe = findChangeMe(after).filter((m) => getAtPointer(before, m.path) !== getAtPointer(after, m.path));
  return {
    target: objectRef(orig),
    apps: [...c.apps],
    jsonPatch: guard ? guardJsonPatch(ops, before, before.kind) : ops,
    strategicMerge: diffStrategicMerge(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, before.kind),
    checks: c.checks,
    summaries: c.summaries,
    before,
    after,
    changeMe,
    ...(c.whereToChange ? { whereToChange: c.whereToChange } : {}),
  };
}

/** The objects of the plan's cluster, restricted to its namespaces (and cluster-scoped objects). */
function snapshotFor(input: Snapshot | readonly KubeObject[], cluster: string, namespaces: Set<string>): Snapshot {
  const inScope = (o: KubeObject) => o.metadata?.namespace === undefined || namespaces.has(o.metadata.namespace);
  if (Array.isArray(input)) {
    const objects = (input as readonly KubeObject[]).filter(inScope).map((object, document): SnapshotEntry => ({ cluster, object, source: { file: 'input', line: 1, document } }));
    return { source: { type: cluster === MANIFEST_CLUSTER ? 'manifests' : 'cluster', clusters: [cluster], paths: [] }, objects, notes: [], errors: [], unreadable: [] };
  }
  const snap = input as Snapshot;
  return { ...snap, objects: snap.objects.filter((e) => e.cluster === cluster && inScope(e.object)) };
}
