import type { Json } from '../../snapshot/types';
import { adviceFix, notApplicable, pass, workloadFix } from '../helpers';
import type { App } from '../../apps/types';
import type { Check, CheckResult } from '../types';
import { replicatedKindReason } from './_scope';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MIGRATE_DOC = 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling';

/** Who set spec.replicas, from what the live object still carries. */
type Evidence =
  | { kind: 'manifest'; replicas: number | undefined }
  | { kind: 'lastApplied'; replicas: unknown; raw: string; parsed: Json }
  | { kind: 'managedFields'; others: string[]; hpaOnly: boolean }
  | { kind: 'unknown'; why: string };

/**
 * The HPA writes spec.replicas through the scale subresource, from kube-controller-manager. The live
 * scanner (lib/k8s/slim.ts) keeps only the managedFields entries that own f:spec.f:replicas, with
 * manager and operation (it drops `subresource`), so the HPA is recognised by either.
 */
function isHpaWriter(e: Json): boolean {
  return e?.subresource === 'scale' || e?.manager === 'kube-controller-manager';
}

/** Managers other than the HPA's scale updates that own f:spec.f:replicas, or null without managedFields. */
function replicasOwners(app: App): { others: string[]; hpaOnly: boolean } | null {
  const mf: unknown = app.workload.metadata.managedFields;
  if (!Array.isArray(mf) || !mf.length) return null;
  const owners = mf.filter((e: Json) => e?.fieldsV1?.['f:spec']?.['f:replicas'] !== undefined);
  if (!owners.length) return null;
  const others = owners.filter((e: Json) => !isHpaWriter(e)).map((e: Json) => `${String(e.manager ?? '?')} (${String(e.operation ?? '?')})`);
  return { others, hpaOnly: others.length === 0 };
}

function evidenceOf(app: App, sourceType: string): Evidence {
  if (sourceType !== 'cluster') return { kind: 'manifest', replicas: app.specReplicas };
  const raw = app.workload.metadata.annotations?.[LAST_APPLIED];
  if (typeof raw === 'string' && raw.trim()) {
    try {
      const parsed: Json = JSON.parse(raw);
      return { kind: 'lastApplied', replicas: parsed?.spec?.replicas, raw, parsed };
    } catch {
      return { kind: 'unknown', why: `the ${LAST_APPLIED} annotation is not valid JSON` };
    }
  }
  const owners = replicasOwners(app);
  if (owners) return { kind: 'managedFields', ...owners };
  return {
    kind: 'unknown',
    why:
      `the live object has no ${LAST_APPLIED} annotation and no managedFields entry that owns spec.replicas, and the API server always fills the field: ` +
      'Drydock cannot tell whether the applied manifest sets it (check the source manifest)',
  };
}

/**
 * A workload targeted by an HPA must not set spec.replicas in what is applied: every apply resets
 * the scale the HPA chose (a scaled-up app drops back under load). Manifest scans read the field
 * itself; live scans read who set it (last-applied annotation, or server-side apply managedFields).
 * https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling
 */
export const check: Check = {
  id: 'ha-hpa-pinned-replicas',
  title: 'Replicas pinned under an HPA',
  topic: 'availability',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'cluster',
  reads: ['horizontalpodautoscalers'],
  summary: 'A workload targeted by an HPA also sets `spec.replicas` in its applied manifest, so every apply resets the scale.',
  rationale:
    'A Deployment targeted by an HPA should not set `spec.replicas` in its applied manifest: every apply resets the scale to ' +
    'that number, so a roll-out during a peak drops an app the HPA had scaled to 10 back to 3 until the HPA catches up. ' +
    'Remove the field and let the HPA own it. Careful with the first apply after removing it: client-side `kubectl apply` ' +
    'deletes a field that was in its last-applied configuration, and the API server then defaults it to 1 — edit the ' +
    'last-applied configuration first (`kubectl apply edit-last-applied`), as the Kubernetes docs describe.',
  docs: [MIGRATE_DOC, 'https://kubernetes.io/docs/reference/using-api/server-side-apply/#transferring-ownership'],
  appliesTo(app) {
    const kind = replicatedKindReason(app);
    if (kind) return kind;
    if (!app.related.hpas.length) return 'No HorizontalPodAutoscaler targets this workload';
    return null;
  },
  evaluate(app, ctx): CheckResult[] {
    const hpa = app.related.hpas.map((h) => h.metadata.name).join(', ');
    const path = '/spec/replicas';
    const ev = evidenceOf(app, ctx.sourceType);
    switch (ev.kind) {
      case 'unknown':
        return [notApplicable(`HPA ${hpa} targets it, but ${ev.why}`, { path })];
      case 'manifest':
        if (ev.replicas === undefined) return [pass(`spec.replicas is not set: HPA ${hpa} owns the scale`, { path })];
        return [
          {
            status: 'fail',
            path,
            message: `${app.kind} ${app.name} sets spec.replicas: ${ev.replicas} although HPA ${hpa} scales it: every apply resets the scale to ${ev.replicas}`,
            evidence: { specReplicas: ev.replicas, hpa },
            fix: workloadFix(app, {
              kind: 'safe',
              summary:
                `Remove spec.replicas and let HPA ${hpa} own the scale. Before the first apply without it, run \`kubectl apply edit-last-applied ${app.kind.toLowerCase()}/${app.name}\` ` +
                `and delete spec.replicas there (or transfer ownership with server-side apply): otherwise the apply removes the field and the API server resets it to 1 (${MIGRATE_DOC}).`,
              mutate: (w) => {
                delete w.spec.replicas;
              },
            }),
          },
        ];
      case 'lastApplied':
        if (ev.replicas === undefined) return [pass(`The last kubectl apply did not set spec.replicas: HPA ${hpa} owns the scale`, { path })];
        return [
          {
            status: 'fail',
            path,
            message: `The last kubectl apply of ${app.kind} ${app.name} set spec.replicas: ${JSON.stringify(ev.replicas)} (${LAST_APPLIED}) although HPA ${hpa} scales it: the next apply resets the scale`,
            evidence: { lastAppliedReplicas: ev.replicas, hpa },
            fix: workloadFix(app, {
              kind: 'safe',
              summary:
                `Drop spec.replicas from the ${LAST_APPLIED} annotation (what \`kubectl apply edit-last-applied\` does; the running scale is untouched), ` +
                'then remove replicas from the source manifest so later applies leave the HPA\'s scale alone.',
              mutate: (w) => {
                const parsed = JSON.parse(JSON.stringify(ev.parsed));
                delete parsed.spec.replicas;
                w.metadata.annotations[LAST_APPLIED] = JSON.stringify(parsed) + (ev.raw.endsWith('\n') ? '\n' : '');
              },
            }),
          },
        ];
      case 'managedFields':
        if (ev.hpaOnly) return [pass(`Only HPA ${hpa}'s scale updates own spec.replicas (managedFields)`, { path })];
        return [
          {
            status: 'fail',
            path,
            message: `Manager ${ev.others.join(', ')} owns spec.replicas of ${app.kind} ${app.name} (managedFields) although HPA ${hpa} scales it: its next apply or update resets the scale`,
            evidence: { managers: ev.others, hpa },
            fix: adviceFix(
              `Remove replicas from what ${ev.others.join(', ')} applies (the manifest, chart or Git source). With server-side apply, first hand the field to the HPA as in ${MIGRATE_DOC}; ` +
                'with client-side apply, run `kubectl apply edit-last-applied` and delete spec.replicas before the next apply.',
            ),
          },
        ];
    }
  },
};
