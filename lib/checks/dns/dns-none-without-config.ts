import type { Json } from '../../snapshot/types';
import { changeMe, pass, workloadFix } from '../helpers';
import type { Check } from '../types';
import { dnsPolicyOf } from './_dns';

/**
 * "None: allows a Pod to ignore DNS settings from the Kubernetes environment. All DNS settings are
 * supposed to be provided using the dnsConfig field" — and validation requires at least one
 * nameserver (at most three) when the policy is None.
 * https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config
 */
export const check: Check = {
  id: 'dns-none-without-config',
  title: 'dnsPolicy None without nameservers',
  topic: 'dns',
  severity: 'critical',
  fixKind: 'input',
  needs: 'spec',
  summary: '`dnsPolicy: None` without `dnsConfig.nameservers`: the pod has no resolver and the API server rejects it.',
  rationale:
    '`dnsPolicy: None` throws away every DNS setting Kubernetes would provide; the pod\'s resolv.conf is built from `dnsConfig` alone. ' +
    'Without at least one nameserver there is nothing to resolve with, and the API server refuses the pod (and the workload that ' +
    'templates it): "must provide at least one DNS nameserver when dnsPolicy is None". Name the resolver explicitly — the cluster DNS ' +
    'Service IP, a node-local cache, or a corporate resolver — up to three of them.',
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config',
    'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy',
  ],
  appliesTo(app) {
    return dnsPolicyOf(app).policy === 'None' ? null : 'dnsPolicy is not None';
  },
  evaluate(app) {
    const cfg = app.podSpec?.dnsConfig;
    const nameservers: string[] = Array.isArray(cfg?.nameservers) ? cfg.nameservers.filter((n: Json) => typeof n === 'string' && n.trim() !== '') : [];
    const at = { container: null, path: `${app.podSpecPath}/dnsConfig` };
    if (nameservers.length) return [pass(`dnsPolicy None with ${nameservers.length} nameserver${nameservers.length === 1 ? '' : 's'} in dnsConfig`, at)];
    return [
      {
        status: 'fail',
        ...at,
        message: `dnsPolicy: None ${cfg ? 'with a dnsConfig that lists no nameserver' : 'without dnsConfig'}: the pod would have no resolver, and the API server rejects it`,
        evidence: { dnsPolicy: 'None', dnsConfig: cfg ? { searches: cfg.searches ?? [], options: (cfg.options ?? []).map((o: Json) => o?.name) } : null },
        fix: workloadFix(app, {
          kind: 'input',
          summary: 'Add the resolver the pod should use to dnsConfig.nameservers (or drop dnsPolicy None to get cluster DNS)',
          mutate: (_w, podSpec) => {
            podSpec.dnsConfig = {
              ...(podSpec.dnsConfig ?? {}),
              nameservers: [changeMe('IP of the DNS server for this pod, e.g. the cluster DNS Service IP (kubectl -n kube-system get svc kube-dns) or a node-local cache such as 169.254.20.10')],
            };
          },
        }),
      },
    ];
  },
};
