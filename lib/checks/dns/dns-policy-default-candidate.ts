import { changeMe, notApplicable, pass, workloadFix } from '../helpers';
import type { Check } from '../types';
import { appReferences, describeRefs, dnsPolicyOf } from './_dns';

/**
 * "Default: The Pod inherits the name resolution configuration from the node that the Pods run on."
 * An app that resolves no cluster name does not need CoreDNS in its path at all.
 * https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy
 */
export const check: Check = {
  id: 'dns-policy-default-candidate',
  title: 'Cluster DNS without an in-cluster dependency',
  topic: 'dns',
  severity: 'info',
  fixKind: 'input',
  needs: 'spec',
  summary:
    '`dnsPolicy` ClusterFirst and no in-cluster dependency visible (no `*.svc`/`*.cluster.local`/Service-name references in env, args or mounted ConfigMaps, no service env vars): `Default` would do.',
  rationale:
    'DNS policy follows from what the app talks to. A service that needs nothing inside the cluster does not need `ClusterFirst` and ' +
    'need not load CoreDNS at all: `dnsPolicy: Default` makes it use the node\'s resolver, takes its queries (and the `ndots:5` search ' +
    'walk) off cluster DNS, and keeps it resolving when CoreDNS struggles. Drydock suggests it only when the configuration it can see ' +
    'names no Service, no `*.svc`/`*.cluster.local` host, no short or `service.namespace` name and no service env var — and nothing ' +
    'is hidden in Secrets or ConfigMaps it cannot read. Code can still resolve names Drydock cannot see: confirm before switching.',
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy',
    'https://kubernetes.io/docs/tasks/administer-cluster/dns-debugging-resolution/',
  ],
  appliesTo(app) {
    const p = dnsPolicyOf(app);
    if (p.placeholder) return "dnsPolicy is a CHANGE-ME placeholder awaiting the owner's choice";
    if (p.policy === 'Default') return 'dnsPolicy is already Default';
    if (p.policy === 'None') return 'dnsPolicy None: the pod brings its own resolver configuration';
    if (p.hostNetwork && p.policy === 'ClusterFirst') return "hostNetwork with ClusterFirst already resolves through the node's resolver (see dns-hostnetwork-policy)";
    if (p.policy !== 'ClusterFirst' && p.policy !== 'ClusterFirstWithHostNet') return `dnsPolicy ${p.policy} is not a cluster DNS policy`;
    return null;
  },
  evaluate(app) {
    const p = dnsPolicyOf(app);
    const at = { container: null, path: `${app.podSpecPath}/dnsPolicy` };
    const { seen, hidden } = appReferences(app);
    const inCluster = describeRefs(seen, (r) => r.class !== 'external');
    if (inCluster) return [pass(`In-cluster dependency visible, cluster DNS is needed: ${inCluster}`, at)];
    // Configuration the scan cannot read may name cluster hosts: no verdict either way.
    if (hidden.length) return [notApplicable(`Cannot rule out in-cluster dependencies: ${hidden.slice(0, 3).join('; ')}${hidden.length > 3 ? ` and ${hidden.length - 3} more` : ''}`, at)];
    const external = describeRefs(seen, (r) => r.class === 'external');
    return [
      {
        status: 'fail',
        ...at,
        message:
          `dnsPolicy ${p.explicit ? p.policy : 'unset (ClusterFirst)'} but no in-cluster dependency is visible in env, args, command or mounted ConfigMaps` +
          (external ? ` (only external names: ${external})` : ' (no host names at all)') +
          ": dnsPolicy Default would resolve through the node's resolver and spare cluster DNS",
        evidence: { dnsPolicy: p.explicit ? p.policy : null, externalHosts: seen.flatMap((s) => s.refs.map((r) => r.host)) },
        fix: workloadFix(app, {
          kind: 'input',
          summary: 'Set dnsPolicy: Default once you have confirmed the app resolves no cluster name (Services, *.svc) — code and Secrets can name hosts Drydock cannot see',
          mutate: (_w, podSpec) => {
            podSpec.dnsPolicy = changeMe('Default — only if the app resolves no Service or *.svc name; otherwise drop this change');
          },
        }),
      },
    ];
  },
};
