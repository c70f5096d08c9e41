import { adviceFix, allContainers, containersOf, notApplicable, pass, podVolumes, volumeMounts, type ContainerRef } from '../helpers';
import type { Check, CheckResult } from '../types';

/**
 * One-time initialisation belongs in an init container, which hands its result to the app through a
 * volume both mount. A pod-scoped volume (emptyDir, generic ephemeral) that only the init container
 * mounts disappears with the pod, unread.
 * https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
 */
export const check: Check = {
  id: 'init-output-not-shared',
  title: 'Init container output not shared',
  topic: 'probes',
  severity: 'warning',
  fixKind: 'advice',
  needs: 'spec',
  summary: 'An init container writes to a volume that no app container mounts (its one-time output is lost).',
  rationale:
    'The domain\'s example: services call each other with JWT tokens, fetched once at start-up by an init container that ' +
    'writes the token into a volume it shares with the main container. Init containers run to completion before the app ' +
    'starts, so a result they write into a volume no app container mounts is never read — the app starts without its ' +
    'token or its rendered config. Only pod-scoped volumes count (emptyDir, generic ephemeral): a PVC or hostPath outlives ' +
    'the pod, and ConfigMap, Secret, projected and downward API volumes are read-only. A volume handed from one init ' +
    'container to a later one is shared; a scratch volume (named or mounted like tmp, scratch, cache, work) or a second ' +
    'volume of an init container that already hands output to the app is its working space, not its output.',
  docs: ['https://kubernetes.io/docs/concepts/workloads/pods/init-containers/', 'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir'],
  appliesTo: () => null,
  evaluate(app) {
    const inits = containersOf(app, 'init');
    if (!inits.length) return [notApplicable('The pod has no init container that runs to completion (native sidecars are app containers)')];
    const volumes = podVolumes(app);
    const podScoped = (name: string) => volumes.find((v) => v.name === name && (v.emptyDir !== undefined || v.ephemeral !== undefined));
    const all = allContainers(app);
    const mounts = (ref: ContainerRef, name: string) => volumeMounts(ref.container).filter((m) => m.name === name);
    const sharedWithApp = (name: string) => all.some((c) => c.role !== 'init' && mounts(c, name).length > 0);

    const lost = new Map<string, { writers: { container: string; mountPath: string }[] }>();
    const shared: string[] = [];
    for (const init of inits) {
      const writes = volumeMounts(init.container).filter((m) => m.readOnly !== true && typeof m.name === 'string' && podScoped(m.name));
      const handsOff = writes.some((m) => sharedWithApp(m.name));
      for (const m of writes) {
        const name: string = m.name;
        if (sharedWithApp(name)) {
          shared.push(`${name} (${init.name} → ${all.filter((c) => c.role !== 'init' && mounts(c, name).length).map((c) => c.name).join(', ')})`);
          continue;
        }
        // Handed to another init container: a multi-step initialisation.
        if (inits.some((o) => o !== init && mounts(o, name).length > 0)) continue;
        if (handsOff || SCRATCH.test(name) || SCRATCH.test(String(m.mountPath ?? ''))) continue;
        const entry = lost.get(name) ?? { writers: [] };
        entry.writers.push({ container: init.name, mountPath: String(m.mountPath ?? '') });
        lost.set(name, entry);
      }
    }
    if (!lost.size) {
      return [
        pass(
          shared.length
            ? `Every volume the init containers write reaches an app container: ${[...new Set(shared)].join('; ')}`
            : `Init container${inits.length > 1 ? 's' : ''} ${inits.map((i) => i.name).join(', ')} write${inits.length > 1 ? '' : 's'} no pod-scoped volume`,
        ),
      ];
    }
    return [...lost.entries()].map(([name, { writers }]): CheckResult => {
      const index = volumes.findIndex((v) => v.name === name);
      const kind = volumes[index]?.emptyDir !== undefined ? 'emptyDir' : 'generic ephemeral';
      const who = writers.map((w) => `${w.container} (at ${w.mountPath})`).join(', ');
      return {
        status: 'fail',
        container: null,
        path: `${app.podSpecPath}/volumes/${index}`,
        message: `Init container ${who} mounts ${kind} volume ${name} writable, and no app container mounts it: what it writes there is gone once it exits`,
        evidence: { volume: name, volumeType: kind, writers },
        fix: adviceFix(
          `Mount volume ${name} in the container that needs the output of ${writers.map((w) => w.container).join(', ')} ` +
            `(e.g. at ${writers[0]!.mountPath} with readOnly: true), or drop the mount if the init container writes nothing the app needs.`,
        ),
      };
    });
  },
};

/** Names and mount paths of working space, not output. */
const SCRATCH = /(^|[-_/.])(tmp|temp|scratch|cache|work|workdir|workspace)([-_/.]|$)/i;
