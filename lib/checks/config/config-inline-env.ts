import type { App } from '../../apps/types';
import { configMapNames } from '../../apps/build-apps';
import type { Json, KubeObject } from '../../snapshot/types';
import { adviceFix, atContainer, containersOf, isObject, pass, type ContainerRef } from '../helpers';
import { credentialLiteralOfEntry, literalValue } from '../helpers/credentials';
import { endpointKind, type HostContext } from '../helpers/references';
import type { Check, CheckResult } from '../types';
import { containerEnvFix } from './_env-fix';
import { freeName, perContainerName, siblingMeta } from './_names';

/** More literal values than this is configuration living in the pod spec. */
const MAX_LITERALS = 10;
/** Names envFrom accepts as variables (and valid ConfigMap keys): the C identifier form. */
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Literal {
  index: number;
  name: string;
  value: string;
  endpoint: string | null;
}

/**
 * Literal env values that are configuration (not credentials — config-secret-literal's — and not
 * `$(VAR)` compositions, which only env can expand).
 */
function literalsOf(ref: ContainerRef, ctx: HostContext): Literal[] {
  const env: unknown[] = Array.isArray(ref.container.env) ? ref.container.env : [];
  const out: Literal[] = [];
  env.forEach((e, index) => {
    if (!isObject(e) || typeof e.name !== 'string') return;
    const value = literalValue(e);
    if (value === null || value.includes('$(')) return;
    if (credentialLiteralOfEntry(e, e.name, value)) return;
    out.push({ index, name: e.name, value, endpoint: endpointKind(e.name, value, ctx) });
  });
  return out;
}

/**
 * Which literals can move to a ConfigMap loaded with `envFrom` without changing any variable's value.
 * The kubelet reads envFrom first, then env in order, expanding `$(VAR)` against what is defined so far
 * (https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/):
 * a moved variable stays visible to every later reference, and — appended as the last envFrom source —
 * still overrides earlier sources as env did. It would become visible to a reference placed *before*
 * it (which today stays unexpanded), so such a variable stays. ConfigMap values are never expanded,
 * hence no `$(…)` values move (literalsOf already drops them).
 */
function movable(ref: ContainerRef, literals: Literal[]): Literal[] {
  const env: Json[] = Array.isArray(ref.container.env) ? ref.container.env : [];
  return literals.filter((l) => {
    if (!ENV_KEY.test(l.name)) return false;
    const token = `$(${l.name})`;
    return !env.slice(0, l.index).some((e) => typeof e?.value === 'string' && e.value.includes(token));
  });
}

function hasDuplicateNames(ref: ContainerRef): boolean {
  const names = (Array.isArray(ref.container.env) ? ref.container.env : []).map((e: Json) => e?.name);
  return new Set(names).size !== names.length;
}

function fixFor(app: App, ref: ContainerRef, moving: Literal[]) {
  if (hasDuplicateNames(ref)) {
    return adviceFix(`Container ${ref.name} defines some env names twice: remove the duplicates (config-env-duplicate), then move the literal values into a ConfigMap loaded with envFrom.`);
  }
  const name = freeName(perContainerName(app, ref, 'env'), configMapNames(app.podSpec));
  const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: siblingMeta(app, name), data: Object.fromEntries(moving.map((l) => [l.name, l.value])) };
  return containerEnvFix(app, ref, {
    kind: 'safe',
    summary: `Move ${moving.length} literal env value${moving.length === 1 ? '' : 's'} of container ${ref.name} into ConfigMap ${name}, loaded with envFrom (configMapRef)`,
    edits: moving.map((l) => ({ index: l.index, entry: null })),
    mutate: (_pod, c) => {
      c.envFrom = [...(Array.isArray(c.envFrom) ? c.envFrom : []), { configMapRef: { name } }];
    },
    resources: [cm],
  });
}

export const check: Check = {
  id: 'config-inline-env',
  title: 'Configuration written inline in the pod spec',
  topic: 'config',
  severity: 'info',
  fixKind: 'safe',
  needs: 'spec',
  summary: 'A container has more than 10 literal env values, or literal values that are URLs, host names or connection strings.',
  rationale:
    'Keep code and configuration apart: configuration comes from a ConfigMap or a Secret and reaches the process as environment ' +
    'variables or files. Endpoints and dozens of settings written into the pod spec tie the workload to one environment — staging and ' +
    'production need different manifests, and changing a URL means a new roll-out of the workload definition. In a ConfigMap the same ' +
    'values are shared, reviewed and overridden per environment. Note that env vars only change on restart; ' +
    'mounted ConfigMap files update in place.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/configmap/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#configure-all-key-value-pairs-in-a-configmap-as-container-environment-variables',
    'https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/',
  ],
  appliesTo: () => null,
  evaluate(app) {
    const ctx: HostContext = { namespace: app.namespace, serviceNames: app.related.serviceNamesInNamespace };
    return containersOf(app, 'app').map((ref): CheckResult => {
      const literals = literalsOf(ref, ctx);
      const endpoints = literals.filter((l) => l.endpoint);
      if (literals.length <= MAX_LITERALS && !endpoints.length) {
        return pass(`Container ${ref.name} has ${literals.length} literal env value${literals.length === 1 ? '' : 's'} and no inline endpoint`, atContainer(ref, '/env'));
      }
      const why: string[] = [];
      if (literals.length > MAX_LITERALS) why.push(`${literals.length} literal env values (more than ${MAX_LITERALS})`);
      if (endpoints.length) why.push(`endpoints written inline: ${endpoints.map((l) => `${l.name} (${l.endpoint})`).join(', ')}`);
      const moving = movable(ref, literals);
      const fix = moving.length
        ? fixFor(app, ref, moving)
        : adviceFix(`The literal values of container ${ref.name} cannot move to envFrom without changing how $(VAR) references expand; reorder them or move them by hand.`);
      return {
        status: 'fail',
        ...atContainer(ref, '/env'),
        message: `Container ${ref.name} keeps configuration in the pod spec: ${why.join('; ')}`,
        evidence: { literalCount: literals.length, endpoints: endpoints.map((l) => ({ name: l.name, kind: l.endpoint })), movable: moving.map((l) => l.name) },
        fix: fix ?? adviceFix(`Move the literal env values of container ${ref.name} into a ConfigMap loaded with envFrom.`),
      };
    });
  },
};
