import type { App } from '../../apps/types';
import { allContainers, changeMe, isObject, pass, workloadFix } from '../helpers';
import type { Check, CheckResult, Fix } from '../types';

type HostNamespace = 'hostPID' | 'hostIPC' | 'hostNetwork';

/** What sharing each node namespace costs, and what it buys (domain.md §1). */
const COSTS: Record<HostNamespace, string> = {
  hostPID:
    "sharing the node's PID namespace. It sees every process on the node with its /proc (environment, arguments, open files) and, " +
    'with enough privilege, can signal or trace them. What it buys: node-wide process monitoring, which only node agents need',
  hostIPC:
    "sharing the node's IPC namespace. System V IPC and POSIX shared memory of every host-IPC process are open to it. " +
    'What it buys: shared memory with processes on the node, which applications almost never need',
  hostNetwork:
    "sharing the node's network namespace. It binds ports on the node's addresses (one such pod per node and port), reaches services " +
    "listening on the node's localhost, sees every interface, and most network plugins do not apply NetworkPolicies to it. What it " +
    'buys: no overlay or NAT hop, and ports served straight from the node',
};

/**
 * hostPID / hostIPC / hostNetwork put the pod into the node's namespaces. One result per namespace
 * the pod shares (pod-level, the path names the field); one pass when it shares none.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export const check: Check = {
  id: 'sec-host-namespaces',
  title: 'Pod shares the node namespaces',
  topic: 'security',
  severity: 'critical',
  severities: ['critical', 'warning'],
  fixKind: 'safe',
  needs: 'spec',
  summary: '`hostPID`, `hostIPC` (critical) or `hostNetwork` (warning) puts the pod into the node\'s namespaces.',
  rationale:
    'Decide which namespaces the containers of a pod share. Containers of one pod always share a network namespace; ' +
    '`hostPID`, `hostIPC` and `hostNetwork` go further and share the *node\'s* namespaces: every process of the node, its ' +
    'shared memory, its network interfaces and ports. Node agents (CNI plugins, monitoring daemons) need that and are what ' +
    'exemptions are for; an application does not. Removing `hostNetwork` changes how the app is reached (its ports move from ' +
    'the node\'s address to the pod\'s IP) and which resolver it uses, so that fix asks for input when ports are declared.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#hosts-namespaces',
    'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy',
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
  ],
  appliesTo: () => null,
  evaluate(app) {
    const spec = app.podSpec ?? {};
    const shared = (['hostPID', 'hostIPC', 'hostNetwork'] as const).filter((ns) => spec[ns] === true);
    if (!shared.length) return [pass('The pod shares no namespace with the node (no hostPID, hostIPC or hostNetwork)', { container: null, path: app.podSpecPath })];
    return shared.map((ns): CheckResult => {
      const path = `${app.podSpecPath}/${ns}`;
      if (ns !== 'hostNetwork') {
        return {
          status: 'fail',
          container: null,
          path,
          severity: 'critical',
          message: `The pod sets ${ns}: true, ${COSTS[ns]}`,
          evidence: { [ns]: true },
          fix: workloadFix(app, { kind: 'safe', summary: `Remove ${ns} from the pod spec`, mutate: (_w, podSpec) => void delete podSpec[ns] }),
        };
      }
      const ports = declaredPorts(app);
      const policy = typeof spec.dnsPolicy === 'string' ? spec.dnsPolicy : 'ClusterFirst';
      // With hostNetwork, ClusterFirst falls back to the node's resolver; without it, it is cluster DNS.
      // ClusterFirstWithHostNet on a pod without hostNetwork behaves like ClusterFirst, so it can stay.
      const dns =
        policy === 'ClusterFirst'
          ? " Name lookups go to the node's resolver (dnsPolicy ClusterFirst falls back to it on the host network); without hostNetwork they go to cluster DNS."
          : '';
      const portText = ports.length ? ` Declared ports ${ports.map((p) => `${p.container}:${p.port}`).join(', ')} are served on the node's address today.` : '';
      return {
        status: 'fail',
        container: null,
        path,
        severity: 'warning',
        message: `The pod sets hostNetwork: true, ${COSTS.hostNetwork}.${portText}${dns}`,
        evidence: { hostNetwork: true, dnsPolicy: spec.dnsPolicy ?? null, ports: ports.map((p) => p.port) },
        fix: hostNetworkFix(app, ports, dns),
      };
    });
  },
};

interface DeclaredPort {
  container: string;
  port: number;
  list: 'containers' | 'initContainers';
  index: number;
  portIndex: number;
}

function declaredPorts(app: App): DeclaredPort[] {
  const out: DeclaredPort[] = [];
  for (const ref of allContainers(app)) {
    const ports: unknown[] = Array.isArray(ref.container.ports) ? ref.container.ports : [];
    ports.forEach((p, portIndex) => {
      if (isObject(p) && typeof p.containerPort === 'number') out.push({ container: ref.name, port: p.containerPort, list: ref.list, index: ref.index, portIndex });
    });
  }
  return out;
}

/**
 * Removing hostNetwork is a complete patch when no port is declared: the pod only loses the node's
 * interfaces. With declared ports, clients that reach them at the node's address would break, so the
 * owner chooses per port: keep it on the node with hostPort, or reach it through a Service.
 */
function hostNetworkFix(app: App, ports: DeclaredPort[], dns: string): Fix {
  if (!ports.length) {
    return workloadFix(app, {
      kind: 'safe',
      summary: `Remove hostNetwork from the pod spec: the pod gets its own IP and network namespace (it declares no port).${dns}`,
      mutate: (_w, podSpec) => void delete podSpec.hostNetwork,
    });
  }
  return workloadFix(app, {
    kind: 'input',
    summary:
      'Remove hostNetwork from the pod spec. Its ports move to the pod IP: for each one keep hostPort (clients reach it at the ' +
      `node's address) or delete it and reach the pod through a Service. If the app must live on the node's network, exempt it instead.${dns}`,
    mutate: (_w, podSpec) => {
      delete podSpec.hostNetwork;
      for (const p of ports) {
        const port = podSpec[p.list]?.[p.index]?.ports?.[p.portIndex];
        if (isObject(port)) port.hostPort = changeMe(`${p.port} to keep serving on the node's address, or delete hostPort and use a Service`);
      }
    },
  });
}
