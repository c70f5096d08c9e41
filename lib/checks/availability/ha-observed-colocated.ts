import type { App } from '../../apps/types';
import type { KubeObject } from '../../snapshot/types';
import { adviceFix, notApplicable, pass } from '../helpers';
import { domainsOf, eligibleNodes, HOSTNAME_KEY, LEGACY_ZONE_KEY, nodeLabel, spreadRules, ZONE_KEY } from '../helpers/topology';
import type { Check, CheckResult } from '../types';
import { replicatedKindReason } from './_scope';

/** A pod counts when it is Ready, placed on a node and not being deleted. */
function isReadyPod(p: KubeObject): boolean {
  if (p.metadata.deletionTimestamp) return false;
  if (typeof p.spec?.nodeName !== 'string' || !p.spec.nodeName) return false;
  const conds: unknown[] = Array.isArray(p.status?.conditions) ? p.status.conditions : [];
  return conds.some((c) => !!c && typeof c === 'object' && (c as Record<string, unknown>).type === 'Ready' && (c as Record<string, unknown>).status === 'True');
}

function zoneOf(nodes: KubeObject[], nodeName: string): string | undefined {
  return nodeLabel(nodes, nodeName, ZONE_KEY) ?? nodeLabel(nodes, nodeName, LEGACY_ZONE_KEY);
}

/** Nodes the pods could use: the eligible ones plus any they already run on (empty when nodes are unknown). */
function candidateNodes(app: App, nodes: KubeObject[], podNodes: Set<string>): KubeObject[] {
  const byName = new Map<string, KubeObject>();
  for (const n of [...eligibleNodes(app, nodes), ...nodes.filter((x) => podNodes.has(x.metadata.name))]) byName.set(n.metadata.name, n);
  return [...byName.values()];
}

/**
 * Declared spread is intent; where the ready pods actually run is the truth. The scheduler never
 * moves a running pod, so replicas placed before a spread rule existed (or while nodes were
 * missing) stay together until something reschedules them.
 * https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#known-limitations
 */
export const check: Check = {
  id: 'ha-observed-colocated',
  title: 'Ready replicas run together',
  topic: 'availability',
  severity: 'critical',
  fixKind: 'advice',
  needs: 'observed',
  reads: ['pods', 'nodes'],
  summary: "More than half of an app's ready replicas run on one node, or all of them in one zone of several.",
  rationale:
    'Spread is declared in the pod template but happens at scheduling time, and the scheduler never moves a running pod. ' +
    'Replicas placed before a spread rule existed, while nodes were missing, or after a scale-down (which does not ' +
    're-balance) can sit together: when more than half of the ready replicas share a node, losing that node loses most ' +
    'of the capacity; when all sit in one zone of several, one zone outage takes the app down. Drydock reads where the ' +
    'ready pods run (`spec.nodeName`) and the zone label of those nodes.',
  docs: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#known-limitations',
    'https://github.com/kubernetes-sigs/descheduler#removepodsviolatingtopologyspreadconstraint',
    'https://kubernetes.io/docs/reference/labels-annotations-taints/#topologykubernetesiozone',
  ],
  appliesTo: (app) => replicatedKindReason(app),
  evaluate(app, ctx): CheckResult[] {
    const ready = app.related.pods.filter(isReadyPod);
    if (ready.length < 2) {
      return [notApplicable(`${ready.length} ready replica${ready.length === 1 ? '' : 's'} observed (${app.related.pods.length} pod${app.related.pods.length === 1 ? '' : 's'} in all): colocation needs at least 2`)];
    }
    const byNode = new Map<string, number>();
    for (const p of ready) byNode.set(p.spec!.nodeName, (byNode.get(p.spec!.nodeName) ?? 0) + 1);
    const podNodes = new Set(byNode.keys());
    const candidates = candidateNodes(app, ctx.nodes, podNodes);
    if (ctx.nodes.length && candidates.length < 2) {
      return [notApplicable(`Only node ${candidates[0]?.metadata.name ?? [...podNodes][0]} can run these pods: there is no other node to spread over`)];
    }
    const [topNode, topCount] = [...byNode.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const zones = new Map<string, number>();
    let unknownZone = 0;
    for (const p of ready) {
      const z = zoneOf(ctx.nodes, p.spec!.nodeName);
      if (z === undefined) unknownZone++;
      else zones.set(z, (zones.get(z) ?? 0) + 1);
    }
    const zoneDomains = new Set([...domainsOf(candidates, ZONE_KEY).keys(), ...domainsOf(candidates, LEGACY_ZONE_KEY).keys()]);
    // With 3 replicas on 2 usable nodes, 2 on one node is the best placement there is: that is
    // the cluster's capacity, not the app's spread, so it does not fire (the pass says so).
    const bestPossible = candidates.length ? Math.ceil(ready.length / candidates.length) : 1;
    const overHalf = topCount > ready.length / 2;
    const nodeProblem = overHalf && topCount > bestPossible;
    const zoneProblem = unknownZone === 0 && zones.size === 1 && zoneDomains.size >= 2;
    const problems: string[] = [];
    if (nodeProblem) problems.push(`${topCount} of ${ready.length} ready replicas run on node ${topNode}`);
    if (zoneProblem) {
      problems.push(`${nodeProblem ? 'all' : `All ${ready.length} ready replicas`} run in zone ${[...zones.keys()][0]} although the nodes it can run on span ${zoneDomains.size} zones (${[...zoneDomains].sort().join(', ')})`);
    }
    const placement = [...byNode.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n, c]) => `${n}: ${c}`).join(', ');
    const evidence = { readyReplicas: ready.length, byNode: Object.fromEntries(byNode), byZone: Object.fromEntries(zones) };
    if (!problems.length) {
      const note = overHalf ? `: ${topCount} on node ${topNode} is as even as the ${candidates.length} nodes it can run on allow (add nodes to do better)` : '';
      return [pass(`${ready.length} ready replicas on ${byNode.size} nodes (${placement})${zones.size ? ` in ${zones.size} zone${zones.size === 1 ? '' : 's'}` : ''}${note}`, {}, evidence)];
    }
    const add: string[] = [];
    if (nodeProblem && !spreadRules(app, [HOSTNAME_KEY]).length) add.push(`on ${HOSTNAME_KEY} (see ha-no-host-spread)`);
    if (zoneProblem && !spreadRules(app, [ZONE_KEY, LEGACY_ZONE_KEY]).length) add.push(`on ${ZONE_KEY} (see ha-no-zone-spread)`);
    const restart =
      app.kind === 'ReplicaSet'
        ? `delete the colocated pods one at a time (ReplicaSet ${app.name} recreates them)`
        : `\`kubectl rollout restart ${app.kind.toLowerCase()}/${app.name} -n ${app.namespace}\``;
    return [
      {
        status: 'fail',
        message: `${problems.join('; ')} (${placement}): one ${nodeProblem ? 'node' : 'zone'} failure takes ${nodeProblem ? 'most' : 'all'} of the app down`,
        evidence,
        fix: adviceFix(
          (add.length ? `Add a topology spread constraint ${add.join(' and ')}. ` : 'The pod template already spreads these replicas, but the scheduler never moves running pods. ') +
            `Re-place the pods: ${restart}, or run the descheduler with RemovePodsViolatingTopologySpreadConstraint to keep them spread. ` +
            'If the other nodes or zones have no room, add capacity there first.',
        ),
      },
    ];
  },
};
