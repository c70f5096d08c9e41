import type { App } from '../../apps/types';
import type { Json } from '../../snapshot/types';
import { canonicalJson, changeMe, effectiveProbe, type ContainerRef, type EffectiveProbe, type ProbeKind } from '../helpers';

/** Shared pieces of the probe checks (private to this folder). */

export const PROBE_DOCS = 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/';
export const PROBE_CONCEPTS = 'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/';

export const PROBE_LABEL: Record<ProbeKind, string> = { livenessProbe: 'liveness', readinessProbe: 'readiness', startupProbe: 'startup' };

/** Probes are about long-running containers: Jobs and CronJobs are out of scope (checks.md Conventions). */
export function longRunningOnly(app: App): string | null {
  return app.longRunning ? null : `${app.kind} pods run to completion; probes are judged on long-running workloads only`;
}

/** "an httpGet readiness probe", "a tcpSocket liveness probe", "a readiness probe". */
export function probeNoun(handler: string | null, label: string): string {
  const words = handler ? `${handler} ${label}` : label;
  return `${/^[aeiou]|^http/i.test(words) ? 'an' : 'a'} ${words} probe`;
}

export function isChangeMe(v: unknown): boolean {
  return typeof v === 'string' && v.startsWith('<CHANGE-ME: ');
}

export interface DeclaredPort {
  name: string | null;
  containerPort: number;
  protocol: string;
}

/** The container's declared ports (TCP unless said otherwise). */
export function declaredPorts(container: Json): DeclaredPort[] {
  const ports: unknown[] = Array.isArray(container?.ports) ? container.ports : [];
  return ports.flatMap((p): DeclaredPort[] => {
    const o = p as Record<string, unknown> | null;
    if (!o || typeof o.containerPort !== 'number') return [];
    return [{ name: typeof o.name === 'string' ? o.name : null, containerPort: o.containerPort, protocol: typeof o.protocol === 'string' ? o.protocol : 'TCP' }];
  });
}

/** A probe port as the kubelet resolves it: a number, or a name looked up in the probed container's own ports. */
export function resolvePort(port: unknown, container: Json): number | string | null {
  if (typeof port === 'number') return port;
  if (typeof port !== 'string' || port === '') return null;
  if (/^\d+$/.test(port)) return Number(port);
  const found = declaredPorts(container).find((p) => p.name === port);
  return found ? found.containerPort : port;
}

/** The probe's handler with API defaults applied and named ports resolved, for comparing two probes. */
export function normalizedHandler(raw: Json, container: Json): unknown {
  if (raw?.exec && typeof raw.exec === 'object') return { exec: { command: Array.isArray(raw.exec.command) ? raw.exec.command : [] } };
  if (raw?.httpGet && typeof raw.httpGet === 'object') {
    const h = raw.httpGet;
    const headers: Json[] = Array.isArray(h.httpHeaders) ? h.httpHeaders : [];
    return {
      httpGet: {
        path: typeof h.path === 'string' && h.path !== '' ? h.path : '/',
        port: resolvePort(h.port, container),
        host: h.host ?? '',
        scheme: String(h.scheme ?? 'HTTP').toUpperCase(),
        httpHeaders: headers.map((x) => `${String(x?.name).toLowerCase()}: ${String(x?.value)}`).sort(),
      },
    };
  }
  if (raw?.tcpSocket && typeof raw.tcpSocket === 'object') return { tcpSocket: { port: resolvePort(raw.tcpSocket.port, container), host: raw.tcpSocket.host ?? '' } };
  if (raw?.grpc && typeof raw.grpc === 'object') return { grpc: { port: raw.grpc.port ?? null, service: raw.grpc.service ?? '' } };
  return null;
}

const TIMING_FIELDS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'] as const;

/** Whether two probes behave the same: same handler and every timing field equal after API defaults. */
export function sameProbe(a: EffectiveProbe, b: EffectiveProbe, container: Json): boolean {
  return canonicalJson(normalizedHandler(a.raw, container)) === canonicalJson(normalizedHandler(b.raw, container)) && TIMING_FIELDS.every((f) => a[f] === b[f]);
}

/** Liveness and readiness of a container, in a (possibly edited) copy of it. */
export function livenessEqualsReadiness(ref: ContainerRef, container: Json = ref.container): boolean {
  const r = { ...ref, container };
  const l = effectiveProbe(r, 'livenessProbe');
  const rd = effectiveProbe(r, 'readinessProbe');
  return !!l && !!rd && sameProbe(l, rd, container);
}

/**
 * A safe fix edits probe fields; it must not make liveness identical to readiness when they
 * differed before (that would turn `probe-liveness-equals-readiness` from pass to fail). When it
 * would, the liveness probe gets one more failure to tolerate — the difference checks.md names.
 */
export function keepLivenessDistinct(ref: ContainerRef, edited: Json): void {
  if (livenessEqualsReadiness(ref) || !livenessEqualsReadiness(ref, edited)) return;
  const l = edited.livenessProbe;
  const current = effectiveProbe({ ...ref, container: edited }, 'livenessProbe')?.failureThreshold ?? 3;
  l.failureThreshold = current + 1;
}

/**
 * Probe timings every probe check accepts, so the fixes of `probe-exec-timeout-tight` and
 * `probe-timeout-exceeds-period` agree and can be applied in either order:
 * - an exec probe gets more than the 1 s default: 5 s, kept below the period (`min(5, period − 1)`),
 *   and 2 s when the period is too short for that;
 * - the timeout stays below the period: when it is not, the period is doubled over the timeout
 *   (`period = 2 × timeout`). Raising the period never makes a healthy probe fail, where cutting a
 *   timeout the owner chose could.
 */
export function saneTimings(p: EffectiveProbe): { timeoutSeconds: number; periodSeconds: number } {
  let timeoutSeconds = p.timeoutSeconds;
  let periodSeconds = p.periodSeconds;
  if (p.handler === 'exec' && timeoutSeconds <= 1) timeoutSeconds = periodSeconds - 1 >= 2 ? Math.min(5, periodSeconds - 1) : 2;
  if (timeoutSeconds >= periodSeconds) periodSeconds = 2 * timeoutSeconds;
  return { timeoutSeconds, periodSeconds };
}

/** Write timings into a raw probe, touching only the fields that change. */
export function applyTimings(raw: Json, p: EffectiveProbe, t: { timeoutSeconds: number; periodSeconds: number }): void {
  if (t.timeoutSeconds !== p.timeoutSeconds) raw.timeoutSeconds = t.timeoutSeconds;
  if (t.periodSeconds !== p.periodSeconds) raw.periodSeconds = t.periodSeconds;
}

/** Where a new probe of a container should point, from its declared ports or another probe's. */
export function suggestedPort(container: Json): { port: number | string; scheme?: 'HTTPS' } | null {
  const tcp = declaredPorts(container).filter((p) => p.protocol === 'TCP');
  if (tcp.length === 1) {
    const p = tcp[0]!;
    const https = /https|tls/i.test(p.name ?? '') || p.containerPort === 443 || p.containerPort === 8443;
    return { port: p.name ?? p.containerPort, ...(https ? { scheme: 'HTTPS' as const } : {}) };
  }
  for (const kind of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const port = container?.[kind]?.httpGet?.port ?? container?.[kind]?.tcpSocket?.port;
    if ((typeof port === 'number' || typeof port === 'string') && !isChangeMe(port)) return { port };
  }
  return null;
}

/** An httpGet probe for the owner to complete: the path is always theirs to choose. */
export function httpProbeTemplate(container: Json, pathHint: string): Json {
  const where = suggestedPort(container);
  return {
    httpGet: {
      path: changeMe(pathHint),
      port: where?.port ?? changeMe('the container port the app serves HTTP on'),
      ...(where?.scheme ? { scheme: where.scheme } : {}),
    },
  };
}

/** Credentials written into a script stay out of messages: URL passwords, `--password x`, `DB_PASSWORD=x`. */
export function redact(text: string): string {
  return text
    .replace(/([a-z][\w+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1***@')
    .replace(/(--?[\w-]*(?:password|passwd|token|secret|api-?key)[\w-]*(?:=|\s+))\S+/gi, '$1***')
    .replace(/(\b[A-Za-z0-9_]*(?:PASSWORD|PASSWD|TOKEN|SECRET|API_KEY)[A-Za-z0-9_]*=)\S+/g, '$1***');
}
