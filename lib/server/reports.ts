import 'server-only';
import type { App } from '../apps/types';
import { checkById } from '../checks/registry';
import { ZONE_KEY, nodeLabel } from '../checks/helpers/topology';
import type { Finding } from '../checks/types';
import { planAppPatches, type PatchPlan } from '../patches/combine';
import { getAtPointer } from '../patches/json-pointer';
import { withoutServerFields } from '../patches/server-fields';
import { toYaml } from '../patches/yaml';
import { findingsWorstFirst } from '../report/render-support';
import type { AppReport, Report } from '../report/types';
import type { KubeObject } from '../snapshot/types';
import type { AppKey } from '../views/hrefs';
import { appRowsOf, facetValues, type AppRow } from '../views/app-rows';
import { packRows, type PackedRows } from '../views/packed-rows';
import { findingPatchView, type FindingPatchView } from '../views/patch-view';
import type { ScanView } from '../views/scan-view';
import { getScanService, type ScanService } from './scan-service';

/**
 * What a page or route gets when it asks for a report (`?scan=` or the default one): from this
 * run's scans, else from the history store (a stored scan whose report retention dropped is `missing`).
 */
export type ReportState =
  | { state: 'ready'; scan: ScanView; report: Report; isDefault: boolean }
  | { state: 'pending'; scan: ScanView }
  | { state: 'failed'; scan: ScanView }
  | { state: 'empty'; kubeconfig: boolean }
  | { state: 'missing'; id: string };

export async function reportState(scanParam?: string | null, svc: ScanService = getScanService()): Promise<ReportState> {
  await svc.ready();
  if (scanParam) {
    const scan = await svc.find(scanParam);
    if (!scan) return { state: 'missing', id: scanParam };
    const r = await svc.reportOf(scanParam);
    if (r) return { state: 'ready', scan: r.scan, report: r.report, isDefault: scanParam === svc.currentId() };
    return scan.status === 'failed' ? { state: 'failed', scan } : scan.status === 'done' ? { state: 'missing', id: scanParam } : { state: 'pending', scan };
  }
  const current = svc.currentId();
  const r = current ? await svc.reportOf(current) : null;
  if (r) return { state: 'ready', scan: r.scan, report: r.report, isDefault: true };
  const running = svc.runningId();
  if (running) return { state: 'pending', scan: svc.get(running)! };
  const last = svc.list()[0];
  if (last) return { state: 'failed', scan: last };
  return { state: 'empty', kubeconfig: svc.configured.kubeconfig };
}

export function findApp(report: Report, key: AppKey): AppReport | null {
  const id = `${key.cluster}/${key.namespace}/${key.kind}/${key.name}`;
  return report.apps.find((a) => a.id === id) ?? null;
}

/** Failing findings first; each with its check's title, the YAML at its path and its patch. */
export interface FindingView extends Finding {
  title: string;
  pathYaml: string | null;
  patch: FindingPatchView | null;
}

export interface PodPlacement {
  pod: string;
  node: string | null;
  zone: string | null;
  phase: string | null;
  ready: boolean;
}

export interface ScorecardData {
  app: Omit<AppReport, 'findings'>;
  findings: FindingView[];
  /** Live pods and where they run (cluster scans only; null for manifests). */
  placement: { pods: PodPlacement[]; nodes: { node: string; zone: string | null; pods: number }[]; zones: { zone: string; pods: number }[] } | null;
  /** The workload as scanned (server-managed fields kept out), for "before" views. */
  workloadYaml: string | null;
  /** How many failing findings the app-wide patch bundle covers. */
  patchable: number;
}

function nodesOf(svc: ScanService, scanId: string, cluster: string): KubeObject[] {
  const s = svc.snapshot(scanId);
  return s ? s.snapshot.objects.filter((e) => e.cluster === cluster && e.object.kind === 'Node').map((e) => e.object) : [];
}

function objectInScan(svc: ScanService, scanId: string, cluster: string, ref: { kind: string; namespace: string | null; name: string }): KubeObject | null {
  const s = svc.snapshot(scanId);
  const e = s?.snapshot.objects.find((x) => x.cluster === cluster && x.object.kind === ref.kind && x.object.metadata.name === ref.name && (x.object.metadata.namespace ?? null) === (ref.namespace ?? null));
  return e?.object ?? null;
}

function placementOf(app: App, nodes: KubeObject[]): ScorecardData['placement'] {
  if (!app.related.pods.length && app.cluster === '-') return null;
  const pods: PodPlacement[] = app.related.pods.map((p) => {
    const node: string | null = typeof p.spec?.nodeName === 'string' ? p.spec.nodeName : null;
    const conditions: { type?: string; status?: string }[] = Array.isArray(p.status?.conditions) ? p.status.conditions : [];
    return {
      pod: p.metadata.name,
      node,
      zone: node ? (nodeLabel(nodes, node, ZONE_KEY) ?? null) : null,
      phase: typeof p.status?.phase === 'string' ? p.status.phase : null,
      ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    };
  });
  const byNode = new Map<string, { zone: string | null; pods: number }>();
  const byZone = new Map<string, number>();
  for (const p of pods) {
    if (p.node) byNode.set(p.node, { zone: p.zone, pods: (byNode.get(p.node)?.pods ?? 0) + 1 });
    if (p.zone) byZone.set(p.zone, (byZone.get(p.zone) ?? 0) + 1);
  }
  return {
    pods: pods.sort((a, b) => a.pod.localeCompare(b.pod)),
    nodes: [...byNode.entries()].map(([node, v]) => ({ node, ...v })).sort((a, b) => b.pods - a.pods || a.node.localeCompare(b.node)),
    zones: [...byZone.entries()].map(([zone, n]) => ({ zone, pods: n })).sort((a, b) => b.pods - a.pods || a.zone.localeCompare(b.zone)),
  };
}

export function scorecardOf(scanId: string, report: AppReport, svc: ScanService = getScanService()): ScorecardData {
  const app = svc.apps(scanId)?.get(report.id) ?? null;
  const workload = app?.workload ?? null;
  const { findings, ...rest } = report;
  const views: FindingView[] = findingsWorstFirst(findings).map((f) => {
    let patch: FindingPatchView | null = null;
    if (f.status === 'fail' && f.fix && f.fix.kind !== 'advice') {
      const target = f.fix.target ? objectInScan(svc, scanId, report.cluster, f.fix.target) : workload;
      patch = findingPatchView(f.fix, target, report, f.check);
    }
    let pathYaml: string | null = null;
    if (workload && f.path) {
      try {
        const v = getAtPointer(workload, f.path);
        if (v !== undefined) pathYaml = toYaml(v);
      } catch {
        pathYaml = null;
      }
    }
    return { ...f, title: checkById(f.check)?.title ?? f.check, pathYaml, patch };
  });
  const patchable = findings.filter((f) => f.status === 'fail' && f.fix && f.fix.kind !== 'advice').length;
  return {
    app: rest,
    findings: views,
    placement: app ? placementOf(app, nodesOf(svc, scanId, report.cluster)) : null,
    workloadYaml: workload ? toYaml(withoutServerFields(workload)) : null,
    patchable,
  };
}

/** Every safe and input fix of the apps, combined into one patch per object (see lib/patches/combine). */
export function patchPlanFor(scanId: string, apps: AppReport[], svc: ScanService = getScanService()): PatchPlan {
  const s = svc.snapshot(scanId);
  if (!s) throw new Error(`scan ${scanId} has no snapshot`);
  return planAppPatches(s.snapshot, apps, { config: s.config });
}

/** The workload object of an app as scanned (null when the scan is gone). */
export function workloadOf(scanId: string, appId: string, svc: ScanService = getScanService()): KubeObject | null {
  const app = svc.apps(scanId)?.get(appId);
  return app ? withoutServerFields(app.workload) : null;
}

const rowCache = new WeakMap<Report, { rows: AppRow[]; packed: PackedRows; facets: ReturnType<typeof facetValues> }>();

/** The apps list's rows of a report (packed for the page), computed once per report. */
export function appRowsFor(report: Report): { rows: AppRow[]; packed: PackedRows; facets: ReturnType<typeof facetValues> } {
  let c = rowCache.get(report);
  if (!c) {
    const rows = appRowsOf(report);
    c = { rows, packed: packRows(rows), facets: facetValues(rows) };
    rowCache.set(report, c);
  }
  return c;
}
