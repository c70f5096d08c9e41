import type { App } from '../../apps/types';
import type { Json } from '../../snapshot/types';
import { atContainer, changeMe, containerIn, containersOf, notApplicable, pass, probesOf, workloadFix, type ContainerRef, type EffectiveProbe } from '../helpers';
import { pid1Of, type Pid1 } from '../helpers/pid1';
import { execProbeAsHttpGet, type HttpGetEquivalent } from '../helpers/probes-exec-http';
import type { Check, CheckResult, Fix } from '../types';
import { declaredPorts, keepLivenessDistinct, longRunningOnly, PROBE_DOCS, PROBE_LABEL } from './_common';

/**
 * An exec probe is a new process inside the container. A process orphaned by it (its shell killed on
 * time-out, a child it left behind) is re-parented to the container's PID 1 and stays a zombie until
 * PID 1 calls wait(). With a PID 1 that never does, every probe run can leak a PID until the node
 * runs out. https://github.com/kubernetes/kubernetes/issues/81042
 */
export const check: Check = {
  id: 'probe-exec-zombie-risk',
  title: 'Exec probe in a container whose PID 1 does not reap',
  topic: 'probes',
  severity: 'critical',
  severities: ['critical', 'warning'],
  fixKind: 'safe',
  needs: 'spec',
  summary:
    'An exec probe runs in a container whose PID 1 is not known to reap children (critical when PID 1 is a known non-reaper such as envoy, java, node or python; a warning when the image entrypoint decides).',
  rationale:
    'The domain\'s story: envoy was PID 1 and a liveness probe ran a curl script every 10 s with a one-second timeout. ' +
    'The kubelet starts each exec probe as a new process in the container; whatever it leaves behind is re-parented to ' +
    'PID 1, and envoy never calls `wait()` — every run left a zombie, the zombies used up the PIDs, and the node became ' +
    'unusable. PID 1 is `command[0]` (through `sh -c "exec …"`); known reapers are tini, dumb-init, catatonit, s6, ' +
    'supervisord, runit, systemd/init and docker-init, and `shareProcessNamespace: true` makes the pause process PID 1. ' +
    'Without a `command`, only a few images are recognised (envoyproxy/envoy, istio/proxyv2, and the official node, ' +
    'python and JDK images); any other entrypoint is unknown. The safe fix turns a `curl -f`/`wget` probe of a local URL, ' +
    'on a port the container declares, into the equivalent `httpGet` probe — same path, port, headers (and the Host curl ' +
    'sent) and timings, with `timeoutSeconds` the largest of the original, the tool\'s own `--max-time`/`-T` and 2 s, kept ' +
    'below the period. Probes that check the body, post data, use credentials or another host stay exec probes: the fix ' +
    'is then to make tini PID 1.',
  docs: [
    'https://github.com/kubernetes/kubernetes/issues/81042',
    'https://github.com/containerd/containerd/issues/4255',
    'https://github.com/moby/moby/issues/47583',
    'https://github.com/krallin/tini',
    'https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/',
    `${PROBE_DOCS}#define-a-liveness-http-request`,
  ],
  appliesTo: longRunningOnly,
  evaluate(app) {
    return containersOf(app, 'app').map((ref): CheckResult => {
      const execs = probesOf(ref).filter((p) => p.handler === 'exec');
      if (!execs.length) return notApplicable(`Container ${ref.name} has no exec probe`, atContainer(ref));
      const pid1 = pid1Of(app.podSpec, ref.container);
      const kinds = execs.map((p) => PROBE_LABEL[p.kind]).join(' and ');
      const probesWord = execs.length > 1 ? 'probes' : 'probe';
      const evidence = { pid1, probes: execs.map((p) => p.kind) };
      if (pid1.class === 'reaper') return pass(`PID 1 of container ${ref.name} is ${pid1.program} (${pid1.how}), which reaps the ${kinds} probe processes`, atContainer(ref), evidence);
      if (pid1.class === 'shell') {
        return pass(`PID 1 of container ${ref.name} is the shell ${pid1.program} (${pid1.how}), which reaps exited children while it waits for its command`, atContainer(ref), evidence);
      }
      const critical = pid1.class === 'non-reaper';
      const who = critical
        ? `PID 1 is ${pid1.program} (${pid1.how}), which does not reap child processes`
        : pid1.program === null
          ? `PID 1 is decided by the image entrypoint of ${ref.container?.image ?? 'the image'} (no command is set), which Drydock does not recognise`
          : `PID 1 is ${pid1.program} (${pid1.how})${pid1.program.includes(' or ') ? '' : ', not a known init'}`;
      return {
        status: 'fail',
        container: ref.name,
        path: execs[0]!.path,
        severity: critical ? 'critical' : 'warning',
        message:
          `Container ${ref.name} runs an exec ${kinds} ${probesWord} (every ${execs[0]!.periodSeconds} s) and ${who}: ` +
          `${critical ? 'every' : 'if PID 1 does not reap, every'} process a probe leaves behind (a child of its script, or one orphaned when the probe is killed on timeout) ` +
          'is re-parented to PID 1 and stays a zombie holding a PID, until the node runs out of PIDs',
        evidence,
        fix: fixFor(app, ref, execs, pid1),
      };
    });
  },
};

/** The httpGet replacement for each exec probe, or the first reason one of them cannot be replaced. */
function conversions(ref: ContainerRef, execs: EffectiveProbe[]): { ok: true; probes: [EffectiveProbe, HttpGetEquivalent][] } | { ok: false; reason: string } {
  const out: [EffectiveProbe, HttpGetEquivalent][] = [];
  const ports = declaredPorts(ref.container);
  for (const p of execs) {
    const r = execProbeAsHttpGet(p.raw.exec?.command);
    if (!r.ok) return { ok: false, reason: `the ${PROBE_LABEL[p.kind]} probe cannot become httpGet: ${r.reason}` };
    // The kubelet sends httpGet probes to the pod IP; a declared port is the sign the app listens there, not only on localhost.
    if (!ports.some((d) => d.containerPort === r.http.port && d.protocol === 'TCP')) {
      return { ok: false, reason: `the ${PROBE_LABEL[p.kind]} probe fetches port ${r.http.port} on ${r.http.host}, which ${ref.name} does not declare; an httpGet probe connects to the pod IP, so the app must listen there` };
    }
    out.push([p, r.http]);
  }
  return { ok: true, probes: out };
}

/** timeoutSeconds for the httpGet probe: the largest of the original, the tool's own limit and 2 s, kept below the period. */
function httpTimeout(p: EffectiveProbe, http: HttpGetEquivalent): number {
  const t = Math.max(p.timeoutSeconds, Math.ceil(http.maxTimeSeconds ?? 0), 2);
  // Below the period when that does not cut the original timeout; never below the original.
  return t < p.periodSeconds ? t : Math.max(p.timeoutSeconds, p.periodSeconds - 1);
}

function httpGetProbe(raw: Json, p: EffectiveProbe, http: HttpGetEquivalent): Json {
  const { exec: _exec, ...timings } = raw;
  const timeout = httpTimeout(p, http);
  return {
    httpGet: {
      path: http.path,
      port: http.port,
      ...(http.scheme === 'HTTPS' ? { scheme: 'HTTPS' } : {}),
      ...(http.headers.length ? { httpHeaders: http.headers } : {}),
    },
    ...timings,
    ...(timeout !== p.timeoutSeconds ? { timeoutSeconds: timeout } : {}),
  };
}

function fixFor(app: App, ref: ContainerRef, execs: EffectiveProbe[], pid1: Pid1): Fix {
  const conv = conversions(ref, execs);
  if (conv.ok) {
    return workloadFix(app, {
      kind: 'safe',
      summary: `Replace the exec ${conv.probes.map(([p, h]) => `${PROBE_LABEL[p.kind]} probe (${h.tool})`).join(' and ')} of container ${ref.name} with the equivalent httpGet probe`,
      mutate: (_w, podSpec) => {
        const c = containerIn(podSpec, ref);
        for (const [p, http] of conv.probes) c[p.kind] = httpGetProbe(c[p.kind], p, http);
        keepLivenessDistinct(ref, c);
      },
    });
  }
  const command: unknown = ref.container?.command;
  const hasCommand = Array.isArray(command) && command.length > 0;
  const hasArgs = Array.isArray(ref.container?.args) && ref.container.args.length > 0;
  return workloadFix(app, {
    kind: 'input',
    summary:
      `Make tini PID 1 of container ${ref.name} (install it in the image: apt-get install tini, apk add tini) so it reaps the probe processes; ` +
      `${conv.reason}. ${pid1.class === 'non-reaper' ? `tini -g forwards signals to ${pid1.program}` : 'shareProcessNamespace: true is the alternative that needs no image change'}`,
    mutate: (_w, podSpec) => {
      const c = containerIn(podSpec, ref);
      // `tini -g --`: reap every child, and forward signals to the whole process group (a wrapper shell included).
      c.command = hasCommand
        ? ['tini', '-g', '--', ...(command as unknown[])]
        : ['tini', '-g', '--', changeMe(`the ENTRYPOINT${hasArgs ? '' : ' and CMD'} of image ${ref.container?.image ?? ''}`)];
    },
  });
}
