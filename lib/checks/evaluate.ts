import type { App } from '../apps/types';
import type { DrydockConfig, ExemptionRecord } from '../config/types';
import type { KubeObject, Snapshot } from '../snapshot/types';
import { ExemptionMatcher } from './exemptions';
import { CHECKS } from './registry';
import type { Check, CheckContext, CheckResult, Finding, Fix } from './types';

export interface EvaluateOptions {
  config: DrydockConfig;
  /** Time used to decide whether an exemption has expired. */
  now: Date;
  checks?: readonly Check[];
  /** Exemption records from the store, besides the config file's. */
  extraExemptions?: ExemptionRecord[];
}

/** Context shared by all apps of one cluster. */
const nodesCache = new WeakMap<Snapshot, Map<string, KubeObject[]>>();

/** Nodes of one cluster, collected once per snapshot (not once per namespace). */
function nodesOf(snapshot: Snapshot, cluster: string): KubeObject[] {
  let perCluster = nodesCache.get(snapshot);
  if (!perCluster) {
    perCluster = new Map();
    for (const e of snapshot.objects) {
      if (e.object.kind !== 'Node') continue;
      const list = perCluster.get(e.cluster);
      if (list) list.push(e.object);
      else perCluster.set(e.cluster, [e.object]);
    }
    nodesCache.set(snapshot, perCluster);
  }
  return perCluster.get(cluster) ?? [];
}

export function checkContextFor(snapshot: Snapshot, cluster: string, namespace: string, config: DrydockConfig): CheckContext {
  const nodes = nodesOf(snapshot, cluster);
  return {
    config,
    sourceType: snapshot.source.type,
    nodes,
    observed: snapshot.source.type === 'cluster',
    isUnreadable: (resource) =>
      snapshot.unreadable.some((u) => u.cluster === cluster && u.resource === resource && (u.namespace === null || u.namespace === namespace)),
  };
}

const MANAGED_WHERE: Record<string, string> = {
  helm: 'This workload is rendered by Helm: make the change in the chart or its values; apply the patch as a kustomize post-renderer overlay meanwhile.',
  argocd: 'Argo CD syncs this workload from Git: commit the change to the source repository (the kustomize overlay can go there); a patch applied to the cluster is reverted on the next sync.',
  flux: 'Flux reconciles this workload from Git: commit the change to the source (add the kustomize overlay to the Kustomization); a patch applied to the cluster is reverted on the next reconcile.',
};

/** Run every check over one app: applicability, evaluation, exemptions — one finding per result. */
export function evaluateApp(app: App, ctx: CheckContext, matcher: ExemptionMatcher, checks: readonly Check[] = CHECKS): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    const unreadable = check.reads?.length ? check.reads.filter((r) => ctx.isUnreadable(r) && resourceMatters(r, app)) : NONE;
    if (unreadable.length) {
      findings.push(toFinding(check, app, { status: 'notApplicable', reason: `Unknown: the scan could not read ${unreadable.join(', ')}`, unknown: true }, matcher));
      continue;
    }
    // App-level N/A (no result object, and one shared finding per check and reason).
    if (check.needs === 'observed' && !ctx.observed) {
      findings.push(sharedFinding(check, 'notApplicable', NEEDS_OBSERVED_REASON));
      continue;
    }
    const why = check.appliesTo(app, ctx);
    if (why !== null) {
      findings.push(sharedFinding(check, 'notApplicable', why));
      continue;
    }
    const results = check.evaluate(app, ctx);
    if (!results.length) {
      findings.push(sharedFinding(check, 'notApplicable', NOTHING_TO_LOOK_AT_REASON));
      continue;
    }
    for (const r of results) findings.push(toFinding(check, app, r, matcher));
  }
  return findings;
}

/**
 * Whether an unreadable resource matters for this app: storage objects only for apps that use
 * claims (a namespace-only account often cannot list PVs or StorageClasses, and that must not turn
 * every app Unknown); everything else always does.
 */
function resourceMatters(resource: string, app: App): boolean {
  if (resource === 'persistentvolumes' || resource === 'storageclasses' || resource === 'persistentvolumeclaims') {
    const volumes: unknown[] = Array.isArray(app.podSpec?.volumes) ? app.podSpec.volumes : [];
    return volumes.some((v) => !!(v as { persistentVolumeClaim?: unknown })?.persistentVolumeClaim) || (app.kind === 'StatefulSet' && Array.isArray(app.workload.spec?.volumeClaimTemplates));
  }
  return true;
}

const NEEDS_OBSERVED_REASON = 'Needs live pod status: scan a cluster to evaluate it';
const NOTHING_TO_LOOK_AT_REASON = 'Nothing in this workload for the check to look at';

/**
 * App-level findings that carry nothing of the app (no container, no path, no evidence of their
 * own: an N/A reason, or a pass message) are equal across apps: one frozen finding per check,
 * status and text, shared by every app of every scan (a finding is never edited after
 * evaluateApp; frozen so that an edit fails loudly). At most SHARED_PER_CHECK texts per check are
 * kept (a text that names something of the app would otherwise grow the table).
 */
const sharedFindings = new WeakMap<Check, [notApplicable: Map<string, Finding>, pass: Map<string, Finding>]>();
const SHARED_PER_CHECK = 512;
function sharedFinding(check: Check, status: 'notApplicable' | 'pass', text: string): Finding {
  let maps = sharedFindings.get(check);
  if (!maps) sharedFindings.set(check, (maps = [new Map(), new Map()]));
  const map = status === 'pass' ? maps[1] : maps[0];
  let f = map.get(text);
  if (!f) {
    const evidence = sharedEvidence(check.needs, false);
    f =
      status === 'pass'
        ? { check: check.id, topic: check.topic, status: 'pass', severity: check.severity, container: null, path: null, message: text, reason: null, evidence, fix: null }
        : { check: check.id, topic: check.topic, status: 'notApplicable', severity: check.severity, container: null, path: null, message: text, reason: text, evidence, fix: null };
    if (map.size >= SHARED_PER_CHECK) return f;
    Object.freeze(f);
    map.set(text, f);
  }
  return f;
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * The evidence of results that carry none is `{ source }` (plus `unknown` for unreadable input):
 * one frozen object per variant, shared by every such finding of the scan instead of ~40 fresh
 * objects per app. Frozen so that a caller mutating one finding's evidence fails loudly.
 */
const plainEvidence = new Map<Check['needs'], [plain: Finding['evidence'], unknown: Finding['evidence']]>();
function sharedEvidence(source: Check['needs'], unknown: boolean): Finding['evidence'] {
  let pair = plainEvidence.get(source);
  if (!pair) {
    pair = [Object.freeze({ source }) as Finding['evidence'], Object.freeze({ source, unknown: true }) as Finding['evidence']];
    plainEvidence.set(source, pair);
  }
  return unknown ? pair[1] : pair[0];
}

/**
 * Result paths repeat across apps (`/spec/template/spec/containers/0/env`), yet every result builds
 * its own from a template literal: a rope of 3–5 string pieces, ≈ 250 B of heap per finding that
 * the report keeps (≈ 100 MB per 10,000 apps, measured). One shared copy per distinct text instead;
 * bounded, since a path can name a key of the app (an env index, a volume).
 */
const internedPaths = new Map<string, string>();
const MAX_INTERNED_PATHS = 20_000;
function internPath(path: string): string {
  const shared = internedPaths.get(path);
  if (shared !== undefined) return shared;
  if (internedPaths.size < MAX_INTERNED_PATHS) internedPaths.set(path, path);
  return path;
}

/** One finding per result. Built as object literals of one shape (this runs for every result of every app). */
function toFinding(check: Check, app: App, r: CheckResult, matcher: ExemptionMatcher): Finding {
  const container = r.container ?? null;
  const path = r.path === undefined || r.path === null ? null : internPath(r.path);
  if (r.status === 'notApplicable') {
    if (container === null && path === null && r.unknown !== true) return sharedFinding(check, 'notApplicable', r.reason);
    const evidence = sharedEvidence(check.needs, r.unknown === true);
    return { check: check.id, topic: check.topic, status: 'notApplicable', severity: check.severity, container, path, message: r.reason, reason: r.reason, evidence, fix: null };
  }
  if (r.status === 'pass') {
    if (container === null && path === null && !r.evidence) return sharedFinding(check, 'pass', r.message);
    const evidence: Finding['evidence'] = r.evidence ? Object.assign({ source: check.needs }, r.evidence) : sharedEvidence(check.needs, false);
    return { check: check.id, topic: check.topic, status: 'pass', severity: check.severity, container, path, message: r.message, reason: null, evidence, fix: null };
  }
  const exemption = matcher.match(app, check.id, container);
  const evidence: Finding['evidence'] = r.evidence ? Object.assign({ source: check.needs }, r.evidence) : { source: check.needs };
  if (exemption) evidence.exemption = exemption.record ?? { source: 'annotation' };
  return {
    check: check.id,
    topic: check.topic,
    status: exemption ? 'exempt' : 'fail',
    severity: r.severity ?? check.severity,
    container,
    path,
    message: r.message,
    reason: exemption ? exemption.reason : null,
    evidence,
    fix: r.fix ? withWhereToChange(r.fix, app) : null,
  };
}

/** Fix objects are fresh per result: annotate in place (a copy would lose the pending patch). */
function withWhereToChange(fix: Fix, app: App): Fix {
  const where = app.managedBy ? MANAGED_WHERE[app.managedBy] : undefined;
  if (where) fix.whereToChange = where;
  return fix;
}

export { ExemptionMatcher };
