import { pass, workloadFix } from '../helpers';
import type { Check } from '../types';
import { appReferences, describeRefs, dnsPolicyOf } from './_dns';

/**
 * "For Pods running with hostNetwork, you should explicitly set its DNS policy to
 * ClusterFirstWithHostNet. Otherwise, Pods running with hostNetwork and ClusterFirst will fall back
 * to the behavior of the Default policy."
 * https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy
 */
export const check: Check = {
  id: 'dns-hostnetwork-policy',
  title: 'hostNetwork pod without ClusterFirstWithHostNet',
  topic: 'dns',
  severity: 'critical',
  fixKind: 'safe',
  needs: 'spec',
  summary: '`hostNetwork: true` with `dnsPolicy` unset or ClusterFirst: the pod silently falls back to the node resolver and cluster names stop resolving.',
  rationale:
    'DNS policy follows from what the app talks to. The default policy is ClusterFirst, but a pod on the host network that keeps it ' +
    'does not get cluster DNS at all: the kubelet falls back to the node\'s resolver (the `Default` behaviour), so Service names and ' +
    '`*.svc.cluster.local` stop resolving — with no error until the first lookup fails. `ClusterFirstWithHostNet` gives a ' +
    'hostNetwork pod the cluster resolver; if the app really needs only the node\'s resolver, say so with `dnsPolicy: Default`.',
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy',
    'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/',
  ],
  appliesTo(app) {
    const p = dnsPolicyOf(app);
    if (!p.hostNetwork) return 'The pod does not use hostNetwork';
    if (p.placeholder) return 'dnsPolicy is a CHANGE-ME placeholder awaiting the owner\'s choice';
    return null;
  },
  evaluate(app) {
    const p = dnsPolicyOf(app);
    const at = { container: null, path: `${app.podSpecPath}/dnsPolicy` };
    if (p.policy !== 'ClusterFirst') return [pass(`hostNetwork pod with dnsPolicy ${p.policy}: the resolver is chosen explicitly`, at)];
    const cluster = describeRefs(appReferences(app).seen, (r) => r.class !== 'external', 4);
    return [
      {
        status: 'fail',
        ...at,
        message:
          `hostNetwork: true with dnsPolicy ${p.explicit ? 'ClusterFirst' : 'unset (ClusterFirst)'}: the pod silently uses the node's resolver, so Service and *.svc.cluster.local names do not resolve` +
          (cluster ? ` — yet it refers to ${cluster}` : ''),
        evidence: { dnsPolicy: p.explicit ? p.policy : null, hostNetwork: true },
        fix: workloadFix(app, {
          kind: 'safe',
          summary: 'Set dnsPolicy: ClusterFirstWithHostNet so the hostNetwork pod resolves cluster names (use Default instead if it needs none)',
          mutate: (_w, podSpec) => {
            podSpec.dnsPolicy = 'ClusterFirstWithHostNet';
          },
        }),
      },
    ];
  },
};
