import type { App } from '../../apps/types';
import type { Json, KubeObject } from '../../snapshot/types';
import { adviceFix, atContainer, changeMe, containersOf, isObject, pass, type ContainerRef } from '../helpers';
import { credentialLiteralOfEntry, isCredentialEntry, literalValue } from '../helpers/credentials';
import type { Check, CheckResult } from '../types';
import { containerEnvFix } from './_env-fix';
import { freeName, kebabKey, perContainerName, referencedSecretNames, siblingMeta } from './_names';

/**
 * A credential written as a literal env `value` lives in the workload object, every ReplicaSet
 * revision, `last-applied-configuration`, Git and every manifest dump; `get` on Deployments reads it.
 * https://kubernetes.io/docs/concepts/configuration/secret/
 * https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/
 *
 * Init containers are included: a password handed to a migration step is exactly as exposed.
 * Nothing here puts a value in a message, evidence or patch — only names and the kind of credential.
 */

interface Hit {
  index: number;
  name: string;
  why: string;
}

function hitsOf(ref: ContainerRef): Hit[] {
  const env: unknown[] = Array.isArray(ref.container.env) ? ref.container.env : [];
  const hits: Hit[] = [];
  env.forEach((e, index) => {
    if (!isObject(e) || typeof e.name !== 'string') return;
    const value = literalValue(e);
    if (value === null) return;
    const lit = credentialLiteralOfEntry(e, e.name, value);
    if (!lit) return;
    hits.push({ index, name: e.name, why: lit.by === 'name' ? 'credential-like name' : `value is ${lit.kind.label}` });
  });
  return hits;
}

/** Secret keys for every hit, unique within the Secret (a second DB_PASSWORD of the container gets its own key). */
function keysFor(hits: Hit[]): Map<number, string> {
  const used = new Set<string>();
  const out = new Map<number, string>();
  for (const h of hits) {
    const base = kebabKey(h.name);
    const key = freeName(base, used);
    used.add(key);
    out.set(h.index, key);
  }
  return out;
}

function fixFor(app: App, ref: ContainerRef, hits: Hit[]) {
  const secretName = freeName(perContainerName(app, ref, 'secrets'), referencedSecretNames(app.podSpec));
  const keys = keysFor(hits);
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: siblingMeta(app, secretName),
    type: 'Opaque',
    stringData: Object.fromEntries(hits.map((h) => [keys.get(h.index)!, changeMe(`set the value of ${h.name} out of band; never commit it`)])),
  };
  const fix = containerEnvFix(app, ref, {
    kind: 'input',
    summary:
      `Read ${hits.map((h) => h.name).join(', ')} of container ${ref.name} from Secret ${secretName} (secretKeyRef), and create that Secret ` +
      'out of band (kubectl create secret, a sealed/external secret operator) — the value is not repeated here; rotate it, it has been exposed',
    edits: hits.map((h) => ({ index: h.index, entry: { name: h.name, valueFrom: { secretKeyRef: { name: secretName, key: keys.get(h.index)! } } } })),
    resources: [secret],
    mustNotEcho: (e: Json) => isCredentialEntry(e),
  });
  return (
    fix ??
    adviceFix(
      `Move ${hits.map((h) => h.name).join(', ')} of container ${ref.name} into a Secret and read it with valueFrom.secretKeyRef; rotate the exposed values. ` +
        'The env list has duplicate names, so no patch can be written without repeating a value: remove the duplicates first (config-env-duplicate).',
    )
  );
}

export const check: Check = {
  id: 'config-secret-literal',
  title: 'Credential written as a literal env value',
  topic: 'config',
  severity: 'critical',
  fixKind: 'input',
  needs: 'spec',
  summary:
    'An env var with a credential-like name (PASSWORD, TOKEN, SECRET, API_KEY, PRIVATE_KEY, …; not *_FILE/*_PATH…) or a credential-like value (PEM key, JWT, cloud key, URL with a password) is a literal `value`.',
  rationale:
    'Keep code and configuration apart, and keep secrets out of both. A literal `value` is stored in the workload object, in every ' +
    'ReplicaSet revision, in `kubectl.kubernetes.io/last-applied-configuration`, in Git and in every manifest dump: anyone who can ' +
    '`get` the Deployment reads the password. A Secret referenced with `valueFrom.secretKeyRef` keeps the value out of the spec, can ' +
    'be restricted by RBAC and encrypted at rest, and can be rotated without editing the workload. A value that was committed must be ' +
    'rotated: moving it does not un-leak it. Drydock never repeats the value — the fix creates the Secret with a placeholder.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/secret/',
    'https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/#define-container-environment-variables-using-secret-data',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  ],
  appliesTo: () => null,
  evaluate(app) {
    return containersOf(app, 'all').map((ref): CheckResult => {
      const hits = hitsOf(ref);
      const role = ref.role === 'init' ? ' (init)' : '';
      if (!hits.length) return pass(`Container ${ref.name}${role} has no credential written as a literal env value`, atContainer(ref, '/env'));
      return {
        status: 'fail',
        ...atContainer(ref, hits.length === 1 ? `/env/${hits[0]!.index}` : '/env'),
        message:
          `Container ${ref.name}${role} has ${hits.length === 1 ? 'a credential' : `${hits.length} credentials`} written as a literal env value: ` +
          `${hits.map((h) => `${h.name} (${h.why})`).join(', ')} — anyone who can read the workload reads ${hits.length === 1 ? 'it' : 'them'}`,
        evidence: { variables: hits.map((h) => ({ name: h.name, index: h.index, reason: h.why })) },
        fix: fixFor(app, ref, hits),
      };
    });
  },
};
