import type { Json } from '../../snapshot/types';
import { pass, workloadFix } from '../helpers';
import type { HostRef } from '../helpers/references';
import type { Check } from '../types';
import { appReferences, describeRefs, dnsPolicyOf, effectiveNdots, refsOf, usesClusterDns } from './_dns';

/** The ndots the fix sets: `svc.ns` (one dot) still walks the search list, `api.example.com` (two) is tried as written first. */
const FIX_NDOTS = 2;

/**
 * ClusterFirst pods get `search <ns>.svc.cluster.local svc.cluster.local cluster.local …` and
 * `options ndots:5`: a name with fewer than 5 dots is tried with every search suffix first.
 * https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config
 * https://man7.org/linux/man-pages/man5/resolv.conf.5.html (ndots)
 */
export const check: Check = {
  id: 'dns-ndots-external',
  title: 'External names resolved with ndots:5',
  topic: 'dns',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'spec',
  summary: 'The app references external host names and keeps the default `ndots:5`: each lookup walks the cluster search list first.',
  rationale:
    'A ClusterFirst pod resolves with `ndots:5` and three cluster search domains. A name with fewer than five dots is tried with ' +
    'every suffix first — `api.example.com.shop.svc.cluster.local`, `…svc.cluster.local`, `…cluster.local`, then the node\'s own ' +
    'domains — before the name itself: one lookup becomes four to six queries, doubled for A and AAAA, all landing on CoreDNS. ' +
    '`dnsConfig.options ndots: "2"` sends names with two or more dots straight to their real lookup while `service` and ' +
    '`service.namespace` short names keep working. A trailing dot (`api.example.com.`) makes one name absolute.',
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config',
    'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#namespaces-of-services',
    'https://man7.org/linux/man-pages/man5/resolv.conf.5.html',
  ],
  appliesTo(app) {
    const p = dnsPolicyOf(app);
    if (p.placeholder) return "dnsPolicy is a CHANGE-ME placeholder awaiting the owner's choice";
    if (p.hostNetwork && p.policy === 'ClusterFirst') return "hostNetwork with ClusterFirst resolves through the node's resolver, not the cluster search list (see dns-hostnetwork-policy)";
    if (!usesClusterDns(p)) return `dnsPolicy ${p.policy}: the cluster search list and ndots:5 do not apply`;
    return null;
  },
  evaluate(app) {
    const at = { container: null, path: `${app.podSpecPath}/dnsConfig` };
    const { ndots, explicit } = effectiveNdots(app);
    if (ndots <= FIX_NDOTS) return [pass(`dnsConfig sets ndots:${ndots}: names with ${Math.max(ndots, 1)} or more dots are tried as written first`, at)];
    const { seen } = appReferences(app);
    // One-dot names walk the search list even with ndots:2; they are not what this fix can help.
    const costly = (r: HostRef) => r.class === 'external' && !r.absolute && r.dots >= FIX_NDOTS && r.dots < ndots;
    const hosts = refsOf(seen, costly);
    if (!hosts.length) {
      return [pass(`No external host name with ${FIX_NDOTS}–${ndots - 1} dots is visible; ndots:${ndots}${explicit ? '' : ' (default)'} costs nothing extra here`, at)];
    }
    return [
      {
        status: 'fail',
        ...at,
        message:
          `The app resolves external names with ndots:${ndots}${explicit ? '' : ' (default)'}: ${describeRefs(seen, costly)} — each lookup first tries the cluster search domains ` +
          `(e.g. ${hosts[0]!.host}.${app.namespace}.svc.cluster.local), several queries per name, doubled for A and AAAA`,
        evidence: { ndots, hosts: hosts.map((h) => h.host) },
        fix: workloadFix(app, {
          kind: 'safe',
          summary: `Set dnsConfig.options ndots: "${FIX_NDOTS}" so names with ${FIX_NDOTS} or more dots resolve directly; short Service names keep working`,
          mutate: (_w, podSpec) => {
            const cfg = { ...(podSpec.dnsConfig ?? {}) };
            const opts: Json[] = Array.isArray(cfg.options) ? [...cfg.options] : [];
            const i = opts.findIndex((o) => o?.name === 'ndots');
            if (i >= 0) opts[i] = { ...opts[i], value: String(FIX_NDOTS) };
            else opts.push({ name: 'ndots', value: String(FIX_NDOTS) });
            cfg.options = opts;
            podSpec.dnsConfig = cfg;
          },
        }),
      },
    ];
  },
};
