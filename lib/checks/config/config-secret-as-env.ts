import type { App } from '../../apps/types';
import type { Json } from '../../snapshot/types';
import { adviceFix, atContainer, changeMe, containersOf, isObject, notApplicable, pass, podVolumes, volumeMounts, type ContainerRef } from '../helpers';
import type { Check, CheckResult, Fix } from '../types';
import { containerEnvFix, type EnvEdit } from './_env-fix';
import { freeName } from './_names';

/**
 * Secrets reach a process as env vars (`secretKeyRef`, `envFrom.secretRef`) or as files (a secret
 * volume). Env vars are fixed at container start (a rotated Secret needs a restart), are inherited by
 * every child process, show up in `/proc/<pid>/environ`, crash dumps and debug endpoints that print the
 * environment. Mounted Secret files update in place and can be read-only to one container.
 * https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod
 * https://kubernetes.io/docs/concepts/security/secrets-good-practices/
 */

interface EnvUse {
  secret: string;
  /** env index for secretKeyRef, null for envFrom. */
  index: number | null;
  name: string | null;
  key: string | null;
  optional: boolean;
}

function envUses(ref: ContainerRef): EnvUse[] {
  const out: EnvUse[] = [];
  const env: Json[] = Array.isArray(ref.container.env) ? ref.container.env : [];
  env.forEach((e, index) => {
    const r = e?.valueFrom?.secretKeyRef;
    if (isObject(r) && typeof r.name === 'string') out.push({ secret: r.name, index, name: String(e.name), key: typeof r.key === 'string' ? r.key : null, optional: r.optional === true });
  });
  const envFrom: Json[] = Array.isArray(ref.container.envFrom) ? ref.container.envFrom : [];
  for (const ef of envFrom) {
    const r = ef?.secretRef;
    if (isObject(r) && typeof r.name === 'string') out.push({ secret: r.name, index: null, name: null, key: null, optional: r.optional === true });
  }
  return out;
}

/** Volumes that carry a whole Secret or part of one (secret volumes and projected secret sources). */
function secretVolumes(app: App): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const v of podVolumes(app)) {
    const names: string[] = [];
    if (typeof v.secret?.secretName === 'string') names.push(v.secret.secretName);
    for (const s of Array.isArray(v.projected?.sources) ? v.projected.sources : []) if (typeof s?.secret?.name === 'string') names.push(s.secret.name);
    if (names.length && typeof v.name === 'string') out.set(v.name, names);
  }
  return out;
}

function consumesSecrets(app: App): boolean {
  return secretVolumes(app).size > 0 || containersOf(app, 'all').some((c) => envUses(c).length > 0);
}

function fixFor(app: App, ref: ContainerRef, uses: EnvUse[]): Fix {
  const vols = podVolumes(app);
  const volNames = new Set(vols.map((v) => String(v.name)));
  const mountPaths = new Set(volumeMounts(ref.container).map((m) => String(m.mountPath)));
  const plan = new Map<string, { volume: string; dir: string; newVolume: boolean; newMount: boolean; optional: boolean }>();
  for (const u of uses) {
    if (plan.has(u.secret)) continue;
    // Reuse a plain secret volume of that Secret (no `items` filter) and its mount in this container.
    const existing = vols.find((v) => v.secret?.secretName === u.secret && !Array.isArray(v.secret?.items));
    const mount = existing ? volumeMounts(ref.container).find((m) => m.name === existing.name && !m.subPath && !m.subPathExpr) : undefined;
    const volume = existing ? String(existing.name) : freeName(`secret-${u.secret}`.slice(0, 63).replace(/-+$/, ''), volNames);
    volNames.add(volume);
    const dir = mount ? String(mount.mountPath) : freeName(`/etc/secrets/${u.secret}`, mountPaths);
    mountPaths.add(dir);
    plan.set(u.secret, { volume, dir, newVolume: !existing, newMount: !mount, optional: uses.filter((x) => x.secret === u.secret).every((x) => x.optional) });
  }
  const edits: EnvEdit[] = uses
    .filter((u) => u.index !== null)
    .map((u) => ({
      index: u.index!,
      entry: {
        name: changeMe(`${u.name}_FILE, or the variable your app reads the path of ${u.name} from — the app must read the file`),
        value: `${plan.get(u.secret)!.dir}/${u.key ?? u.name}`,
      },
    }));
  const fromSecrets = [...new Set(uses.filter((u) => u.index === null).map((u) => u.secret))];
  // envFrom keys become files of the mounted directory: one new variable tells the app where.
  const append = fromSecrets.map((s) => ({ name: changeMe(`the variable your app reads the directory of Secret ${s} from — one file per key`), value: plan.get(s)!.dir }));
  const fix = containerEnvFix(app, ref, {
    kind: 'input',
    summary:
      `Mount ${[...plan.keys()].map((s) => `Secret ${s} at ${plan.get(s)!.dir}`).join(', ')} read-only in container ${ref.name} and have the app read ` +
      'the files (many images accept <NAME>_FILE) instead of env vars; choose the variable names marked CHANGE-ME',
    edits,
    append,
    mutate: (pod, c) => {
      for (const [secret, p] of plan) {
        if (p.newVolume) pod.volumes = [...(Array.isArray(pod.volumes) ? pod.volumes : []), { name: p.volume, secret: { secretName: secret, ...(p.optional ? { optional: true } : {}) } }];
        if (p.newMount) c.volumeMounts = [...(Array.isArray(c.volumeMounts) ? c.volumeMounts : []), { name: p.volume, mountPath: p.dir, readOnly: true }];
      }
      if (fromSecrets.length) {
        const kept = (c.envFrom as Json[]).filter((ef) => !(typeof ef?.secretRef?.name === 'string' && fromSecrets.includes(ef.secretRef.name)));
        if (kept.length) c.envFrom = kept;
        else delete c.envFrom;
      }
    },
  });
  return fix ?? adviceFix(`Mount the Secrets ${[...plan.keys()].join(', ')} as a read-only volume in container ${ref.name} and have the app read files instead of env vars.`);
}

export const check: Check = {
  id: 'config-secret-as-env',
  title: 'Secret passed as environment variables',
  topic: 'config',
  severity: 'info',
  fixKind: 'input',
  needs: 'spec',
  summary: 'A Secret reaches the process as env vars (`secretKeyRef`, `envFrom.secretRef`) instead of mounted files.',
  rationale:
    'Configuration reaches the process as environment variables or as mounted files; for secrets, files are the better road. ' +
    'Environment variables are copied into every child process, readable in `/proc/<pid>/environ`, and routinely printed by crash ' +
    'reports, debug pages and `env` in a support session. They are also fixed when the container starts: a rotated Secret reaches the ' +
    'process only after a restart, while a mounted Secret is updated in place. A read-only Secret volume mounted into the one container ' +
    'that needs it narrows who can read it.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    'https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/',
  ],
  appliesTo: (app) => (consumesSecrets(app) ? null : 'The pod consumes no Secret'),
  evaluate(app) {
    const volumesBySecret = secretVolumes(app);
    return containersOf(app, 'app').map((ref): CheckResult => {
      const uses = envUses(ref);
      if (!uses.length) {
        const mounted = volumeMounts(ref.container).filter((m) => volumesBySecret.has(String(m.name)));
        if (mounted.length) return pass(`Container ${ref.name} reads Secrets from files (${mounted.map((m) => m.mountPath).join(', ')})`, atContainer(ref, '/volumeMounts'));
        return notApplicable(`Container ${ref.name} consumes no Secret`, atContainer(ref));
      }
      const described = uses.map((u) => (u.index === null ? `envFrom Secret ${u.secret}` : `${u.name} (Secret ${u.secret}${u.key ? `, key ${u.key}` : ''})`));
      return {
        status: 'fail',
        ...atContainer(ref, uses[0]!.index === null ? '/envFrom' : `/env/${uses[0]!.index}`),
        message: `Container ${ref.name} receives Secrets as environment variables: ${described.join(', ')} — inherited by child processes, visible in /proc, fixed until restart`,
        evidence: { secrets: [...new Set(uses.map((u) => u.secret))], variables: uses.filter((u) => u.name).map((u) => u.name), envFrom: uses.filter((u) => u.index === null).map((u) => u.secret) },
        fix: fixFor(app, ref, uses),
      };
    });
  },
};
