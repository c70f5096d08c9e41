import type { App } from '../../apps/types';
import { REPLICATED_KINDS } from '../../fleet/build-fleet';
import { shareRatio } from '../../fleet/recommend';
import type { FleetApp, FleetMember } from '../../fleet/types';
import { objectFix, pass, workloadFix } from '../helpers';
import type { Check, CheckContext, CheckResult, Fix } from '../types';

/** A replica share more than this factor above or below the capacity share fires (checks.md). */
export const SKEW_LIMIT = 2;

export const ONE_CLUSTER_REASON = 'The app runs in one cluster only: nothing to compare across clusters';

/**
 * The same app in several clusters should get replicas in proportion to each cluster's capacity:
 * 100 machines in one region and 1,000 in another → replicas (and the traffic sent there) 1:10.
 * Capacity share = the cluster's share of the allocatable CPU of Ready, schedulable nodes over the
 * clusters that run the app (lib/fleet/capacity.ts). The fix sets each cluster's replicas to the
 * largest-remainder apportionment of the current total (lib/fleet/recommend.ts).
 */
export const check: Check = {
  id: 'fleet-capacity-skew',
  title: 'Replicas not in proportion to cluster capacity',
  topic: 'availability',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'fleet',
  reads: ['nodes'],
  summary: "The same app runs in several clusters with replica shares more than 2× away from the clusters' allocatable-CPU shares.",
  rationale:
    'Capacity differs between clusters — say 100 machines in Beijing and 1,000 in Shanghai. An app deployed to both should ' +
    'run its replicas 1:10, and traffic from outside should be split 1:10 too; an even split overloads the small cluster ' +
    'first and leaves the big one idle, and when one cluster fails the other cannot absorb its share. Drydock compares ' +
    "each cluster's share of the app's replicas with its share of allocatable CPU on Ready, schedulable nodes and proposes " +
    'the replica count per cluster that keeps the total and follows capacity.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#scaling-a-deployment',
    'https://kubernetes.io/docs/concepts/architecture/nodes/#capacity',
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
  ],
  appliesTo(app, ctx) {
    if (!REPLICATED_KINDS.has(app.kind)) return `A ${app.kind} has no replica count to share between clusters`;
    if (!ctx.fleet?.appOf(app.id)) return ONE_CLUSTER_REASON;
    if (app.replicas === 0) return 'Scaled to 0 in this cluster (a standby): capacity shares are compared between clusters that run it';
    return null;
  },
  evaluate(app, ctx): CheckResult[] {
    const fleet = ctx.fleet!.appOf(app.id)!;
    const me = fleet.members.find((m) => m.appId === app.id)!;
    if (me.capacityShare === null || me.replicaShare === null) {
      const unknown = /unknown/i.test(fleet.skewReason ?? '');
      return [{ status: 'notApplicable', reason: unknown ? `Unknown: ${fleet.skewReason}` : (fleet.skewReason ?? 'Capacity shares could not be computed'), unknown }];
    }
    const active = fleet.members.filter((m) => m.capacityShare !== null);
    const worst = Math.max(...active.map((m) => shareRatio(m.replicaShare!, m.capacityShare!)));
    const rec = fleet.recommended?.find((r) => r.appId === app.id);
    const split = splitText(fleet, ctx);
    // The count as it stands in this app (not the fleet's record of the scan): a patch plan rescans
    // the app after setting it, and the finding must then pass.
    if (worst <= SKEW_LIMIT || !rec || rec.replicas === app.replicas) {
      const evidence = { cluster: me.cluster, replicaShare: round(me.replicaShare), capacityShare: round(me.capacityShare), skew: fleet.skew };
      return [pass(worst <= SKEW_LIMIT ? `Replicas follow capacity within ${SKEW_LIMIT}×: ${split}` : `${me.cluster} already runs the recommended ${app.replicas} replicas; other clusters need changing: ${split}`, {}, evidence)];
    }
    const recText = fleet.recommended!.map((r) => `${r.cluster} ${r.replicas}`).join(', ');
    return [
      {
        status: 'fail',
        message: `${me.cluster} runs ${me.replicas} of ${fleet.totalReplicas} replicas (${pct(me.replicaShare)}) on ${pct(me.capacityShare)} of the CPU of the clusters that run ${fleet.name}: ${split}. Recommended for the same total: ${recText}${rec.replicas === 1 ? ' (1 replica here: raise the total to keep 2 per cluster)' : ''}`,
        evidence: { cluster: me.cluster, replicas: me.replicas, recommended: rec.replicas, replicaShare: round(me.replicaShare), capacityShare: round(me.capacityShare), skew: fleet.skew, fleetApp: fleet.key },
        fix: fixFor(app, me, rec.replicas),
      },
    ];
  },
};

/** spec.replicas on the workload; when an HPA governs the count, its minReplicas (spec.replicas would be overwritten). */
function fixFor(app: App, me: FleetMember, replicas: number): Fix {
  const hpa = app.related.hpas[0];
  if (hpa) {
    const max = typeof hpa.spec?.maxReplicas === 'number' ? hpa.spec.maxReplicas : 0;
    return objectFix(hpa, {
      kind: 'safe',
      summary: `In cluster ${me.cluster}: set minReplicas: ${replicas} on HPA ${hpa.metadata.name} (it governs ${app.kind} ${app.name}'s replicas)${max < replicas ? ` and maxReplicas: ${replicas}` : ''}`,
      mutate: (h) => {
        h.spec = h.spec ?? {};
        h.spec.minReplicas = replicas;
        if (max < replicas) h.spec.maxReplicas = replicas;
      },
    });
  }
  return workloadFix(app, {
    kind: 'safe',
    summary: `In cluster ${me.cluster}: set replicas: ${replicas} on ${app.kind} ${app.name}`,
    mutate: (w) => {
      w.spec = w.spec ?? {};
      w.spec.replicas = replicas;
    },
  });
}

function splitText(fleet: FleetApp, ctx: CheckContext): string {
  return fleet.members
    .filter((m) => m.capacityShare !== null)
    .map((m) => {
      const cores = (ctx.fleet?.clusterOf(m.cluster)?.allocatable.cpuMillis ?? 0) / 1000;
      return `${m.cluster} ${m.replicas} replicas (${pct(m.replicaShare ?? 0)}) on ${+cores.toFixed(1)} cores (${pct(m.capacityShare!)})`;
    })
    .join(', ');
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
