import { allContainers, atContainer, changeMe, containerIn, containersOf, notApplicable, pass, probesOf, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { declaredPorts, isChangeMe, longRunningOnly, PROBE_DOCS, PROBE_LABEL } from './_common';

/**
 * The kubelet resolves a named probe port only in the probed container's own `ports`: a name it cannot
 * find fails the probe every time. A number works without a declaration, but no `ports` entry
 * documents it. https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port
 */
export const check: Check = {
  id: 'probe-port-undeclared',
  title: 'Probe port not declared',
  topic: 'probes',
  severity: 'critical',
  severities: ['critical', 'info'],
  fixKind: 'input',
  needs: 'spec',
  summary: 'An httpGet/tcpSocket/grpc probe names a port no container port declares (named port: critical, the probe can never pass; number: info).',
  rationale:
    'A probe can name its port (`port: http`). The kubelet looks that name up in the ports of the probed container ' +
    'only — not in the other containers of the pod — and a name it cannot find makes the probe fail every time: the ' +
    'pod never becomes ready, or a liveness probe restarts it forever. A numeric port works without a declaration, ' +
    'but a port no container declares is invisible to readers, Services and network policies, so it is information. ' +
    'Probes with an explicit `host` are skipped: the port is on that host.',
  docs: [`${PROBE_DOCS}#use-a-named-port`, 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe'],
  appliesTo: longRunningOnly,
  evaluate(app) {
    const podPorts = new Map<number, string>();
    for (const c of allContainers(app)) for (const p of declaredPorts(c.container)) podPorts.set(p.containerPort, c.name);
    return containersOf(app, 'app').map((ref): CheckResult => {
      const own = declaredPorts(ref.container);
      // Names count even when the number is still a placeholder (an unfilled fix of this check).
      const ownNames = new Set((Array.isArray(ref.container?.ports) ? ref.container.ports : []).map((p: { name?: unknown }) => p?.name).filter((n: unknown) => typeof n === 'string'));
      const network = probesOf(ref).filter((p) => p.handler && p.handler !== 'exec');
      if (!network.length) return notApplicable(`Container ${ref.name} has no httpGet, tcpSocket or grpc probe`, atContainer(ref));
      const named: { kind: string; port: string; elsewhere: { container: string; number: number } | null }[] = [];
      const numeric: { kind: string; port: number }[] = [];
      for (const p of network) {
        const h = p.raw[p.handler!];
        if (typeof h?.host === 'string' && h.host !== '') continue;
        const port: unknown = h?.port;
        if (isChangeMe(port)) continue;
        if (typeof port === 'string' && !/^\d+$/.test(port)) {
          if (ownNames.has(port)) continue;
          const other = allContainers(app).flatMap((c) => declaredPorts(c.container).filter((d) => d.name === port).map((d) => ({ container: c.name, number: d.containerPort })))[0];
          named.push({ kind: p.kind, port, elsewhere: other ?? null });
        } else if (typeof port === 'number' || typeof port === 'string') {
          if (!podPorts.has(Number(port))) numeric.push({ kind: p.kind, port: Number(port) });
        }
      }
      if (!named.length && !numeric.length) return pass(`Every probe port of container ${ref.name} is declared`, atContainer(ref));
      const parts = [
        ...named.map((n) => `${PROBE_LABEL[n.kind as 'livenessProbe']} probe port "${n.port}" is not declared by ${ref.name}${n.elsewhere ? ` (container ${n.elsewhere.container} declares it, but the kubelet looks only in the probed container)` : ''}, so the probe can never pass`),
        ...numeric.map((n) => `${PROBE_LABEL[n.kind as 'livenessProbe']} probe port ${n.port} is declared by no container of the pod`),
      ];
      const severity = named.length ? 'critical' : 'info';
      return {
        status: 'fail',
        ...atContainer(ref),
        severity,
        message: `Container ${ref.name}: ${parts.join('; ')}`,
        evidence: { namedPorts: named.map((n) => n.port), numericPorts: numeric.map((n) => n.port), declared: own.map((d) => d.name ?? d.containerPort) },
        fix: workloadFix(app, {
          kind: 'input',
          summary: named.length ? `Declare port "${named[0]!.port}" on container ${ref.name} (or probe the number)` : `Declare port ${numeric.map((n) => n.port).join(', ')} on container ${ref.name}`,
          mutate: (_w, podSpec) => {
            const c = containerIn(podSpec, ref);
            const ports: unknown[] = Array.isArray(c.ports) ? c.ports : (c.ports = []);
            const added = new Set<string>();
            for (const n of named) {
              if (n.elsewhere) {
                // The port lives in the shared network namespace: probing its number works from any container.
                for (const p of probesOf({ ...ref, container: c })) if (p.raw[p.handler!]?.port === n.port) p.raw[p.handler!].port = n.elsewhere.number;
              } else if (!added.has(n.port)) {
                added.add(n.port);
                ports.push({ name: n.port, containerPort: changeMe(`the port number ${ref.name} serves "${n.port}" on`), protocol: 'TCP' });
              }
            }
            for (const n of numeric) {
              if (added.has(String(n.port))) continue;
              added.add(String(n.port));
              ports.push({ containerPort: n.port, protocol: 'TCP' });
            }
          },
        }),
      };
    });
  },
};
