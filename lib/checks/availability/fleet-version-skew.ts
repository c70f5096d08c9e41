import type { FleetMember } from '../../fleet/types';
import { adviceFix, pass } from '../helpers';
import type { Check, CheckResult } from '../types';
import { ONE_CLUSTER_REASON } from './fleet-capacity-skew';

/**
 * The same app runs different images in different clusters: a roll-out in progress (or stalled).
 * Revision numbers are per cluster, so "behind" is counted in distinct versions ordered by the
 * clusters' ReplicaSet history, else by comparable image tags (lib/fleet/versions.ts).
 * info; warning when a cluster is more than one version behind the newest (checks.md).
 */
export const check: Check = {
  id: 'fleet-version-skew',
  title: 'Different versions across clusters',
  topic: 'availability',
  severity: 'info',
  severities: ['info', 'warning'],
  fixKind: 'advice',
  needs: 'fleet',
  summary: 'The same app runs different images in different clusters (roll-out progress); warning when a cluster is more than one version behind the newest.',
  rationale:
    'An app that spans clusters is rolled out one cluster at a time, so that a bad version hurts one region and can be ' +
    'rolled back there before it reaches the others. While a roll-out is under way the clusters run different images — ' +
    'that is expected and shown as progress. A cluster that stays behind by more than one version is a roll-out that ' +
    'stalled or was forgotten: the clusters no longer behave alike, and a fail-over sends traffic to old code. Each cluster ' +
    'also needs a rollback target (a kept ReplicaSet with the previous image).',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#updating-a-deployment',
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-back-a-deployment',
    'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_rollout/kubectl_rollout_history/',
  ],
  appliesTo(app, ctx) {
    if (!ctx.fleet?.appOf(app.id)) return ONE_CLUSTER_REASON;
    return null;
  },
  evaluate(app, ctx): CheckResult[] {
    const fleet = ctx.fleet!.appOf(app.id)!;
    const me = fleet.members.find((m) => m.appId === app.id)!;
    const evidence = { cluster: me.cluster, images: me.images, revision: me.revision, behindBy: me.behindBy, rollback: me.rollback, newestClusters: fleet.newest?.clusters ?? null };
    if (!fleet.versionsDiffer) return [pass(`Runs ${imagesText(me)} in all ${fleet.members.length} clusters (${clusters(fleet.members)})`, {}, evidence)];
    const others = fleet.members.filter((m) => m.appId !== app.id);
    if (me.behindBy === 0) {
      const behind = others.filter((m) => m.behindBy !== 0).map((m) => `${m.cluster} (${m.behindBy === null ? 'order unknown' : `${m.behindBy} behind`}: ${imagesText(m)})`);
      return [pass(`${me.cluster} runs the newest version (${imagesText(me)}); roll-out pending in ${behind.join(', ')}`, {}, evidence)];
    }
    const rollback = me.rollback ? `its rollback target is revision ${me.rollback.revision}` : `no rollback target here — ${me.rollbackReason ?? 'unknown'}`;
    if (me.behindBy === null || !fleet.newest) {
      const diffs = others.map((m) => `${m.cluster}: ${imagesText(m)}`).join('; ');
      return [
        {
          status: 'fail',
          severity: 'info',
          message: `${me.cluster} runs ${imagesText(me)}, other clusters run different images (${diffs}); which is newer is not known (no shared ReplicaSet history, tags not comparable); ${rollback}`,
          evidence,
          fix: adviceFix(`Bring ${fleet.name} to one version across clusters: roll out the intended images to every cluster in order (one cluster, watch, then the next), or pin the versions in the GitOps source per cluster on purpose.`),
        },
      ];
    }
    const newest = fleet.newest;
    const newestText = Object.entries(newest.images).map(([c, i]) => `${c}=${i}`).join(', ');
    return [
      {
        status: 'fail',
        severity: me.behindBy > 1 ? 'warning' : 'info',
        message: `${me.cluster} runs ${imagesText(me)}, ${me.behindBy} version${me.behindBy === 1 ? '' : 's'} behind ${newest.clusters.join(', ')} (${newestText})${me.behindBy > 1 ? ': the roll-out has stalled here' : ': roll-out in progress'}; ${rollback}`,
        evidence,
        fix: adviceFix(
          `Continue the roll-out of ${fleet.name} to ${me.cluster}: set ${Object.entries(newest.images).map(([c, i]) => `${c}=${i}`).join(' ')} on ${me.kind} ${me.name} there (kubectl -n ${me.namespace} set image ${me.kind.toLowerCase()}/${me.name} …, or the GitOps source for that cluster), after checking the newer clusters are healthy.`,
        ),
      },
    ];
  },
};

function imagesText(m: FleetMember): string {
  const list = Object.entries(m.images);
  if (list.length === 1) return list[0]![1];
  return list.map(([c, i]) => `${c}=${i}`).join(', ');
}

function clusters(ms: FleetMember[]): string {
  return ms.map((m) => m.cluster).join(', ');
}
