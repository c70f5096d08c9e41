import { adviceFix, notApplicable, pass, workloadFix } from '../helpers';
import {
  domainsOf,
  eligibleNodes,
  ineffectiveSpreadConstraints,
  LEGACY_ZONE_KEY,
  softSpreadConstraint,
  spreadRules,
  ZONE_KEY,
} from '../helpers/topology';
import type { App } from '../../apps/types';
import type { Check, CheckResult, Fix } from '../types';
import { replicaSource, sharedRwoAdvice, sharedRwoClaims, spreadScopeReason } from './_scope';

interface Topology {
  /** The label the nodes carry (the zone label, its deprecated twin, or the configured rack label). */
  key: string;
  /** Keys whose spread rules count for it (the zone label and its deprecated twin are the same domains). */
  accepts: string[];
  label: 'zones' | 'racks';
  domains: Map<string, number>;
}

/** Advice when replicas share a ReadWriteOnce claim or a constraint selects other pods; else soft spread constraints. */
function zoneSpreadFix(app: App, missing: Topology[], broken: Topology[]): Fix {
  const keys = missing.map((t) => t.key);
  const rwo = sharedRwoClaims(app);
  if (rwo.length) return adviceFix(sharedRwoAdvice(rwo, `spreading them over ${keys.join(' and ')}`));
  if (broken.length) {
    const rest = missing.filter((t) => !broken.includes(t)).map((t) => t.key);
    return adviceFix(
      `Set the labelSelector of the topologySpreadConstraint on ${broken.map((t) => t.key).join(', ')} to the workload's selector so it counts this app's replicas` +
        `${rest.length ? `, and add a ScheduleAnyway constraint on ${rest.join(', ')}` : ''}.`,
    );
  }
  return workloadFix(app, {
    kind: 'safe',
    summary:
      `Add a topologySpreadConstraint (maxSkew 1, whenUnsatisfiable ScheduleAnyway, the workload's selector) on ${keys.join(' and ')}: ` +
      'replicas spread over the domains whenever capacity allows, and a full or lost zone never leaves a pod Pending.',
    mutate: (_w, podSpec) => {
      const list = Array.isArray(podSpec.topologySpreadConstraints) ? podSpec.topologySpreadConstraints : [];
      podSpec.topologySpreadConstraints = [...list, ...keys.map((k) => softSpreadConstraint(app, k))];
    },
  });
}

/**
 * Zones (and racks) fail as a unit: power, network, a cloud zone outage. When the nodes the pod may
 * run on span several of them, something must spread the replicas over them. Nodes come from the
 * scan (a cluster, or Node objects among the manifests); the pod's node selector, required node
 * affinity and untolerated taints narrow them first, so a pod pinned to one zone is N/A.
 * https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 * https://kubernetes.io/docs/reference/labels-annotations-taints/#topologykubernetesiozone
 */
export const check: Check = {
  id: 'ha-no-zone-spread',
  title: 'Replicas not spread over zones or racks',
  topic: 'availability',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'cluster',
  reads: ['nodes'],
  summary: 'At least 2 replicas, the nodes span at least 2 zones (or racks, configurable label) and nothing spreads the replicas over them.',
  rationale:
    'Deploy redundantly across hosts and across racks; higher still, across zones. A zone or a rack fails as a unit — power, ' +
    'top-of-rack switch, a cloud zone outage — and replicas that the scheduler happened to place in the same one fail ' +
    'together. When the nodes span several zones (`topology.kubernetes.io/zone`) or racks (the configured rack label), a ' +
    'topology spread constraint or pod anti-affinity on that key keeps the replicas apart. The fix uses ' +
    '`whenUnsatisfiable: ScheduleAnyway` so a full or lost zone never leaves pods Pending.',
  docs: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
    'https://kubernetes.io/docs/reference/labels-annotations-taints/#topologykubernetesiozone',
    'https://kubernetes.io/docs/setup/best-practices/multiple-zones/',
  ],
  appliesTo(app, ctx) {
    const scope = spreadScopeReason(app, 'spreading over zones');
    if (scope) return scope;
    if (!ctx.nodes.length) return "Needs the cluster's nodes to know its zones and racks: scan a cluster, or include the Node objects";
    return null;
  },
  evaluate(app, ctx): CheckResult[] {
    const nodes = eligibleNodes(app, ctx.nodes);
    const zoneKey = domainsOf(nodes, ZONE_KEY).size || !domainsOf(nodes, LEGACY_ZONE_KEY).size ? ZONE_KEY : LEGACY_ZONE_KEY;
    const candidates: Topology[] = [
      { key: zoneKey, accepts: [ZONE_KEY, LEGACY_ZONE_KEY], label: 'zones', domains: domainsOf(nodes, zoneKey) },
      { key: ctx.config.rackLabelKey, accepts: [ctx.config.rackLabelKey], label: 'racks', domains: domainsOf(nodes, ctx.config.rackLabelKey) },
    ];
    const topologies = candidates.filter((t) => t.domains.size >= 2);
    const path = `${app.podSpecPath}/topologySpreadConstraints`;
    if (!topologies.length) {
      const zones = candidates[0]!.domains.size;
      const racks = candidates[1]!.domains.size;
      const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
      return [
        notApplicable(
          `The ${plural(nodes.length, 'node')} this pod can run on ${nodes.length === 1 ? 'spans' : 'span'} ${plural(zones, 'zone')} and ${plural(racks, 'rack')} (${ctx.config.rackLabelKey}): nothing to spread over`,
        ),
      ];
    }
    const describe = (t: Topology) => `${t.domains.size} ${t.label} (${[...t.domains.keys()].sort().join(', ')})`;
    const missing = topologies.filter((t) => spreadRules(app, t.accepts).length === 0);
    if (!missing.length) {
      const how = topologies.map((t) => `${describe(t)}: ${spreadRules(app, t.accepts)[0]!.how}`).join('; ');
      return [pass(`${app.replicas} replicas spread over ${how}`, { path })];
    }
    const broken = missing.filter((t) => ineffectiveSpreadConstraints(app, t.accepts).length);
    const keys = missing.map((t) => t.key);
    return [
      {
        status: 'fail',
        path,
        message:
          `${app.replicas} replicas (${replicaSource(app)}) can run on nodes in ${missing.map(describe).join(' and ')}, ` +
          `but nothing spreads them over ${keys.join(' or ')}` +
          (broken.length ? ` (a constraint on ${broken.map((t) => t.key).join(', ')} has a label selector that matches none of its replicas)` : '') +
          ': a single zone or rack failure can take every replica down',
        evidence: Object.fromEntries(missing.map((t) => [t.label, Object.fromEntries(t.domains)])),
        fix: zoneSpreadFix(app, missing, broken),
      },
    ];
  },
};
