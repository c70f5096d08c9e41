import { adviceFix, allContainers, containersOf, isObject, pass } from '../helpers';
import type { Check } from '../types';

/**
 * `shareProcessNamespace: true` puts all containers of the pod into one PID namespace.
 * https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/
 */
export const check: Check = {
  id: 'sec-shared-pid',
  title: 'Containers share the process namespace',
  topic: 'security',
  severity: 'info',
  fixKind: 'advice',
  needs: 'spec',
  summary: '`shareProcessNamespace: true`: the containers of the pod see and signal each other\'s processes; the pause process reaps zombies.',
  rationale:
    'Decide which namespaces the containers of a pod share. The network namespace is always shared; the PID namespace is ' +
    'not, unless `shareProcessNamespace: true`. Sharing it lets a process in one container control a process in another ' +
    '(a sidecar that sends the app SIGHUP to reload), and makes the pod\'s pause process PID 1, which reaps zombies — one of ' +
    'the fixes for exec probes under an entrypoint that never calls `wait()`. It costs isolation: every container sees the ' +
    'others\' processes, their command lines and environment in `/proc` (secrets passed as env included) and their ' +
    'filesystems under `/proc/<pid>/root`, and the app is no longer PID 1.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  appliesTo: () => null,
  evaluate(app) {
    const at = { container: null, path: `${app.podSpecPath}/shareProcessNamespace` };
    if (app.podSpec?.shareProcessNamespace !== true) return [pass('Each container has its own PID namespace (shareProcessNamespace is not true)', at)];
    const containers = allContainers(app);
    const execProbed = containersOf(app, 'app')
      .filter((ref) => ['livenessProbe', 'readinessProbe', 'startupProbe'].some((k) => isObject(ref.container[k]) && isObject(ref.container[k].exec)))
      .map((ref) => ref.name);
    const secretEnv = containers
      .filter((ref) => {
        const env: unknown[] = Array.isArray(ref.container.env) ? ref.container.env : [];
        const envFrom: unknown[] = Array.isArray(ref.container.envFrom) ? ref.container.envFrom : [];
        return env.some((e) => isObject(e) && isObject(e.valueFrom) && isObject(e.valueFrom.secretKeyRef)) || envFrom.some((e) => isObject(e) && isObject(e.secretRef));
      })
      .map((ref) => ref.name);
    const names = containers.map((c) => c.name);
    const parts = [
      names.length > 1
        ? `The pod shares one PID namespace between containers ${names.join(', ')}: each sees and can signal the others' processes and read their command lines and environment in /proc`
        : `The pod sets shareProcessNamespace: true with one container (${names.join('')}): nothing to see across containers, but the pause process, not the app, is PID 1`,
    ];
    if (secretEnv.length && names.length > 1) {
      parts.push(`${secretEnv.length > 1 ? 'containers' : 'container'} ${secretEnv.join(', ')} ${secretEnv.length > 1 ? 'receive' : 'receives'} Secrets as env, readable by the others`);
    }
    if (execProbed.length) parts.push(`the pause process reaps the zombies exec probes can leave (${execProbed.join(', ')} ${execProbed.length > 1 ? 'have' : 'has'} one) — that may be why it is set`);
    return [
      {
        status: 'fail',
        ...at,
        message: parts.join('; '),
        evidence: { containers: names, execProbed, secretEnv },
        fix: adviceFix(
          'Keep shareProcessNamespace only for what it buys: a sidecar that must signal or inspect the app, or the pause process ' +
            'reaping zombies left by exec probes. For zombies alone, an init process (tini, dumb-init) as the container\'s command, or an ' +
            'httpGet/tcpSocket/grpc probe instead of exec, avoids the sharing. Otherwise remove it: containers then no longer see each ' +
            'other\'s processes, /proc environment and filesystems.',
        ),
      },
    ];
  },
};
