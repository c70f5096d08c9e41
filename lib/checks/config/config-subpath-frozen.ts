import type { App } from '../../apps/types';
import { adviceFix, atContainer, containersOf, notApplicable, pass, podVolumes, volumeMounts } from '../helpers';
import type { Check, CheckResult } from '../types';

/**
 * Mounted ConfigMaps and Secrets are updated in place by the kubelet (eventually: sync period +
 * cache TTL) — except through a `subPath` mount, which binds one file at container start and never
 * sees a change. https://kubernetes.io/docs/concepts/configuration/configmap/#mounted-configmaps-are-updated-automatically
 * https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath ("A container using a ConfigMap as a
 * subPath volume mount will not receive ConfigMap updates.")
 */

/** Volume name → what it carries, for ConfigMap, Secret and projected volumes with such sources. */
function configVolumes(app: App): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of podVolumes(app)) {
    if (typeof v.name !== 'string') continue;
    if (typeof v.configMap?.name === 'string') out.set(v.name, `ConfigMap ${v.configMap.name}`);
    else if (typeof v.secret?.secretName === 'string') out.set(v.name, `Secret ${v.secret.secretName}`);
    else if (Array.isArray(v.projected?.sources)) {
      const parts: string[] = [];
      for (const s of v.projected.sources) {
        if (typeof s?.configMap?.name === 'string') parts.push(`ConfigMap ${s.configMap.name}`);
        if (typeof s?.secret?.name === 'string') parts.push(`Secret ${s.secret.name}`);
      }
      if (parts.length) out.set(v.name, `projected ${parts.join(' + ')}`);
    }
  }
  return out;
}

export const check: Check = {
  id: 'config-subpath-frozen',
  title: 'ConfigMap or Secret mounted with subPath never updates',
  topic: 'config',
  severity: 'warning',
  fixKind: 'advice',
  needs: 'spec',
  summary: 'A ConfigMap or Secret is mounted with `subPath`: the file is bound at container start and never receives updates.',
  rationale:
    'Configuration mounted from a ConfigMap or Secret is updated in place when the object changes — that is the point of mounting ' +
    'it instead of using env vars. A `subPath` mount breaks this silently: the kubelet binds the single file when the container starts ' +
    'and never refreshes it, so a rotated certificate or a changed setting is only seen after a restart, while everything else suggests ' +
    'the new value is live. Mount the volume as a directory (use `items` to pick keys) and point the app at the file, or, if the file ' +
    'must sit among image files, roll the pods on every change (e.g. a checksum annotation in the pod template).',
  docs: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath',
    'https://kubernetes.io/docs/concepts/configuration/configmap/#mounted-configmaps-are-updated-automatically',
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
  ],
  appliesTo: (app) => (configVolumes(app).size ? null : 'The pod mounts no ConfigMap or Secret volume'),
  evaluate(app) {
    const vols = configVolumes(app);
    return containersOf(app, 'app').map((ref): CheckResult => {
      const mounts = volumeMounts(ref.container)
        .map((m, index) => ({ m, index }))
        .filter(({ m }) => vols.has(String(m.name)));
      if (!mounts.length) return notApplicable(`Container ${ref.name} mounts no ConfigMap or Secret`, atContainer(ref));
      const frozen = mounts.filter(({ m }) => (typeof m.subPath === 'string' && m.subPath !== '') || (typeof m.subPathExpr === 'string' && m.subPathExpr !== ''));
      if (!frozen.length) return pass(`Container ${ref.name} mounts ${mounts.map(({ m }) => vols.get(String(m.name))).join(', ')} as directories: updates reach it`, atContainer(ref, '/volumeMounts'));
      const list = frozen.map(({ m }) => `${vols.get(String(m.name))} (volume ${m.name}, subPath ${m.subPath ?? m.subPathExpr} at ${m.mountPath})`);
      return {
        status: 'fail',
        ...atContainer(ref, `/volumeMounts/${frozen[0]!.index}`),
        message: `Container ${ref.name} mounts ${list.join(', ')} with subPath: the file${frozen.length === 1 ? '' : 's'} never receive${frozen.length === 1 ? 's' : ''} updates until the container restarts`,
        evidence: { mounts: frozen.map(({ m }) => ({ volume: m.name, subPath: m.subPath ?? m.subPathExpr, mountPath: m.mountPath, source: vols.get(String(m.name)) })) },
        fix: adviceFix(
          `Mount ${frozen.map(({ m }) => m.name).join(', ')} without subPath at a directory of its own (not over ${frozen.map(({ m }) => m.mountPath).join(', ')}), ` +
            'select keys with `items` if needed, and point the app at the file there — a symlink in the image works when the path is fixed. ' +
            'If the subPath must stay, roll the pods when the ConfigMap/Secret changes (a checksum annotation on the pod template).',
        ),
      };
    });
  },
};

