import 'server-only';
import { renderPatches, renderStrategic } from '../patches/render';
import type { PatchPlan } from '../patches/plan-types';
import type { AppReport } from '../report/types';
import { refLabelOf, singleFixPlan } from '../views/patch-view';
import { attachment, HttpError } from './http';
import { patchPlanFor } from './reports';
import { getScanService } from './scan-service';
import { zipFiles } from './zip';

export type PatchFormat = 'strategic' | 'json' | 'kustomize';

function stem(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'patch';
}

/** The plan of one failing finding's fix (check + container), or a 4xx that says why there is none. */
export function findingPlan(scanId: string, app: AppReport, check: string, container: string | undefined): PatchPlan {
  const failing = app.findings.filter((f) => f.check === check && f.status === 'fail' && (container === undefined || f.container === container));
  if (!failing.length) {
    const any = app.findings.filter((f) => f.check === check);
    if (!any.length) throw new HttpError(404, `check ${check} has no finding on ${app.id}`);
    throw new HttpError(404, `check ${check} does not fail on ${app.id}${container ? ` (container ${container})` : ''}: nothing to patch`);
  }
  if (failing.length > 1) {
    throw new HttpError(400, `check ${check} fails on several containers of ${app.id}: add container= one of ${failing.map((f) => f.container ?? '(pod)').join(', ')}`);
  }
  const f = failing[0]!;
  if (!f.fix || f.fix.kind === 'advice') throw new HttpError(422, `check ${check} has advice only on ${app.id}, no patch: ${f.fix?.summary ?? 'no fix'}`);
  const svc = getScanService();
  const target = f.fix.target
    ? (svc.snapshot(scanId)?.snapshot.objects.find((e) => e.cluster === app.cluster && e.object.kind === f.fix!.target!.kind && e.object.metadata.name === f.fix!.target!.name && (e.object.metadata.namespace ?? null) === f.fix!.target!.namespace)?.object ?? null)
    : (svc.apps(scanId)?.get(app.id)?.workload ?? null);
  const single = singleFixPlan(f.fix, target, app, check);
  if (!single) throw new HttpError(422, `check ${check} on ${app.id} has no patch data`);
  if (single.error) throw new HttpError(409, single.error);
  return single.plan;
}

/**
 * A plan as an HTTP answer. `strategic`: YAML, one strategic merge patch per object then the new
 * objects (kubectl patch --patch-file reads the first document). `json`: the RFC 6902 operations
 * of one object (the app's workload unless `target=Kind/name`), ready for `kubectl patch --type json`.
 * `kustomize`: a .zip holding an overlay (kustomization.yaml, patches/, resources/, README.md).
 */
export function planResponse(plan: PatchPlan, format: PatchFormat, opts: { name: string; download: boolean; primary: { kind: string; name: string }; target?: string }): Response {
  if (!plan.targets.length && !plan.resources.length) throw new HttpError(404, `nothing to patch for ${opts.name}: no failing finding has a safe or input fix`);
  const others = [...plan.targets.map((t) => refLabelOf(t.target)), ...plan.resources.map((r) => `${refLabelOf({ kind: r.object.kind, namespace: r.object.metadata.namespace ?? null, name: r.object.metadata.name })} (new)`)];
  const base = { 'Cache-Control': 'no-store', 'X-Drydock-Objects': others.join(', ').replace(/[^\x20-\x7e]/g, '?') };
  const file = `drydock-${stem(opts.name)}`;
  switch (format) {
    case 'strategic':
      return new Response(renderStrategic(plan), { headers: { ...base, 'Content-Type': 'application/yaml; charset=utf-8', ...(opts.download ? attachment(`${file}.strategic.yaml`) : {}) } });
    case 'json': {
      const [kind, name] = opts.target ? opts.target.split('/') : [opts.primary.kind, opts.primary.name];
      const t = plan.targets.find((x) => x.target.kind === kind && x.target.name === name) ?? (opts.target ? undefined : plan.targets.length === 1 ? plan.targets[0] : undefined);
      if (!t) {
        const choices = plan.targets.map((x) => `${x.target.kind}/${x.target.name}`);
        throw new HttpError(404, choices.length ? `no JSON Patch for ${kind}/${name}; target= one of ${choices.join(', ')} (new objects: use format=kustomize or strategic)` : `the fix only creates objects (${others.join(', ')}): use format=kustomize or strategic`);
      }
      return new Response(`${JSON.stringify(t.jsonPatch, null, 2)}\n`, { headers: { ...base, 'Content-Type': 'application/json-patch+json', ...(opts.download ? attachment(`${file}.json-patch.json`) : {}) } });
    }
    case 'kustomize': {
      const files = renderPatches(plan, 'kustomize', {}).files;
      const zip = zipFiles(files, { root: file });
      return new Response(new Uint8Array(zip), { headers: { ...base, 'Content-Type': 'application/zip', ...attachment(`${file}.zip`) } });
    }
  }
}

export function appPlan(scanId: string, apps: AppReport[]): PatchPlan {
  if (!getScanService().snapshot(scanId)) {
    throw new HttpError(409, `scan ${scanId} comes from the history store, which keeps reports but not the scanned objects: combined patches need a scan of this server run (POST /api/scans starts one)`);
  }
  return patchPlanFor(scanId, apps);
}
