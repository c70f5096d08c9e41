import fc from 'fast-check';
import type { KubeObject } from '../../snapshot/types';

/**
 * Random Deployments for property tests: every list a strategic merge patch merges by key
 * (containers, initContainers, env, ports, volumeMounts, volumes, hostAliases, topology spread
 * constraints, finalizers) holds elements with unique keys, as the API server guarantees; the
 * other lists (args, tolerations) are atomic. No nulls (a null in a strategic patch means
 * "delete") and no member names starting with "$" (directives).
 */

const word = fc.constantFrom('a', 'b', 'web', 'Y', 'no', '1.0', 'x y', '<CHANGE-ME: value>', '');
const scalar = fc.oneof(word, fc.integer({ min: -3, max: 9000 }), fc.boolean());
/** Extra members that exist on no API type (kept only when `extras` is true). */
const extraKey = fc.constantFrom('xa', 'xb', 'x/c', 'x~d');
const extraValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom('k1', 'k2'), scalar, { maxKeys: 2 }));

function opt<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq: 3 });
}

/** Drop undefined members so the object is what JSON would hold. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function withExtras<T extends object>(arb: fc.Arbitrary<T>, extras: boolean): fc.Arbitrary<T> {
  if (!extras) return arb.map(compact);
  return fc.tuple(arb, fc.dictionary(extraKey, extraValue, { maxKeys: 2 })).map(([o, x]) => compact({ ...x, ...o }));
}

export interface PodArbitraryOptions {
  /** Members unknown to the API types (fine for our appliers; kubectl rejects some). */
  extras?: boolean;
}

export function containerArb(names: readonly string[], { extras = true }: PodArbitraryOptions = {}) {
  const env = withExtras(fc.record({ name: fc.constantFrom('A', 'B', 'C', 'D', 'E'), value: opt(fc.constantFrom('1', 'on', 'http://api:80', '<CHANGE-ME: secret>')) }), extras);
  const port = withExtras(fc.record({ containerPort: fc.constantFrom(80, 443, 8080, 9090), name: opt(fc.constantFrom('http', 'metrics')), protocol: opt(fc.constant('TCP')) }), extras);
  const mount = withExtras(fc.record({ mountPath: fc.constantFrom('/data', '/tmp', '/cache'), name: fc.constantFrom('v1', 'v2'), readOnly: opt(fc.boolean()) }), extras);
  return withExtras(
    fc.record({
      name: fc.constantFrom(...names),
      image: fc.constantFrom('nginx:1.25', 'envoyproxy/envoy:v1.30.1', 'busybox'),
      args: opt(fc.array(fc.constantFrom('--port=80', '-v', 'run'), { maxLength: 3 })),
      env: opt(fc.uniqueArray(env, { selector: (e) => e.name, maxLength: 4 })),
      ports: opt(fc.uniqueArray(port, { selector: (p) => p.containerPort, maxLength: 3 })),
      volumeMounts: opt(fc.uniqueArray(mount, { selector: (m) => m.mountPath, maxLength: 3 })),
      securityContext: opt(withExtras(fc.record({ runAsNonRoot: opt(fc.boolean()), allowPrivilegeEscalation: opt(fc.boolean()), capabilities: opt(fc.record({ drop: fc.constant(['ALL']) })) }), false)),
      resources: opt(fc.record({ requests: opt(fc.record({ cpu: fc.constantFrom('100m', '1'), memory: fc.constantFrom('64Mi', '1Gi') })) }).map(compact)),
    }),
    extras,
  );
}

export function podSpecArb(opts: PodArbitraryOptions = {}) {
  const { extras = true } = opts;
  const volume = fc.oneof(
    fc.record({ name: fc.constantFrom('v1', 'v2', 'v3'), emptyDir: fc.oneof(fc.constant({}), fc.record({ sizeLimit: fc.constantFrom('1Gi', '500Mi') })) }),
    fc.record({ name: fc.constantFrom('v1', 'v2', 'v3'), configMap: fc.record({ name: fc.constantFrom('cfg', 'other') }) }),
  );
  return withExtras(
    fc.record({
      containers: fc.uniqueArray(containerArb(['app', 'envoy', 'worker'], opts), { selector: (c) => c.name, maxLength: 3 }),
      initContainers: opt(fc.uniqueArray(containerArb(['init', 'migrate', 'proxy'], opts), { selector: (c) => c.name, maxLength: 2 })),
      volumes: opt(fc.uniqueArray(volume, { selector: (v) => v.name, maxLength: 3 })),
      tolerations: opt(fc.array(fc.record({ key: fc.constantFrom('dedicated', 'gpu'), operator: fc.constant('Exists') }), { maxLength: 2 })),
      hostAliases: opt(fc.uniqueArray(fc.record({ ip: fc.constantFrom('10.0.0.1', '10.0.0.2'), hostnames: fc.array(fc.constantFrom('db', 'cache'), { minLength: 1, maxLength: 2 }) }), { selector: (h) => h.ip, maxLength: 2 })),
      topologySpreadConstraints: opt(
        fc.uniqueArray(fc.record({ topologyKey: fc.constantFrom('kubernetes.io/hostname', 'topology.kubernetes.io/zone'), maxSkew: fc.constantFrom(1, 2), whenUnsatisfiable: fc.constant('ScheduleAnyway') }), { selector: (t) => t.topologyKey, maxLength: 2 }),
      ),
      dnsPolicy: opt(fc.constantFrom('ClusterFirst', 'Default')),
      hostNetwork: opt(fc.boolean()),
    }),
    extras,
  );
}

export function deploymentArb(opts: PodArbitraryOptions = {}): fc.Arbitrary<KubeObject> {
  return fc
    .record({
      labels: opt(fc.dictionary(fc.constantFrom('app', 'team', 'tier'), fc.constantFrom('web', 'shop', 'on'), { maxKeys: 3 })),
      finalizers: opt(fc.uniqueArray(fc.constantFrom('a.example.com/x', 'b.example.com/y', 'c.example.com/z'), { maxLength: 3 })),
      replicas: opt(fc.integer({ min: 0, max: 5 })),
      strategy: opt(fc.oneof(fc.constant({ type: 'Recreate' }), fc.record({ type: fc.constant('RollingUpdate'), rollingUpdate: fc.record({ maxSurge: fc.constantFrom(1, '25%'), maxUnavailable: fc.constantFrom(0, 1) }) }))),
      podLabels: fc.dictionary(fc.constantFrom('app', 'version'), fc.constantFrom('web', 'v1'), { minKeys: 1, maxKeys: 2 }),
      podSpec: podSpecArb(opts),
    })
    .map(({ labels, finalizers, replicas, strategy, podLabels, podSpec }) =>
      // Through JSON: fast-check builds dictionaries without a prototype.
      JSON.parse(
        JSON.stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: compact({ name: 'web', namespace: 'shop', labels, finalizers }),
          spec: compact({ replicas, strategy, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: podLabels }, spec: podSpec } }),
        }),
      ) as KubeObject,
    );
}
