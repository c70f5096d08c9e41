import type { Json } from '../../snapshot/types';
import { adviceFix, atContainer, containersOf, isObject, pass, type ContainerRef } from '../helpers';
import { isCredentialEntry } from '../helpers/credentials';
import type { Check, CheckResult, Fix } from '../types';
import type { App } from '../../apps/types';
import { containerEnvFix } from './_env-fix';

/**
 * The kubelet builds a container's environment in a map: envFrom first, then env in order, each
 * entry overwriting the last (`tmpEnv[envVar.Name] = runtimeVal` in kubelet_pods.go
 * makeEnvironmentVariables) — so the LAST definition of a name is the one the process sees. The
 * earlier ones are dead code that misleads readers, and tooling mishandles them: the strategic merge
 * key of `env` is `name`, so `kubectl apply` of a de-duplicated manifest can delete the variable
 * altogether (https://github.com/kubernetes/kubernetes/issues/58477).
 */

interface Dup {
  name: string;
  indexes: number[];
}

function duplicatesOf(ref: ContainerRef): Dup[] {
  const env: unknown[] = Array.isArray(ref.container.env) ? ref.container.env : [];
  const byName = new Map<string, number[]>();
  env.forEach((e, i) => {
    if (!isObject(e) || typeof e.name !== 'string') return;
    byName.set(e.name, [...(byName.get(e.name) ?? []), i]);
  });
  return [...byName].filter(([, idx]) => idx.length > 1).map(([name, indexes]) => ({ name, indexes }));
}

/**
 * An entry between the first and the last definition that expands `$(NAME)` sees an earlier
 * definition: removing it would change that entry's value (expansion reads what is defined so far).
 */
function readBetween(env: Json[], d: Dup): string | null {
  const token = `$(${d.name})`;
  for (let i = d.indexes[0]! + 1; i < d.indexes[d.indexes.length - 1]!; i++) {
    const e = env[i];
    if (typeof e?.value === 'string' && e.value.includes(token)) return String(e.name);
  }
  return null;
}

function fixFor(app: App, ref: ContainerRef, dups: Dup[]): Fix {
  const env: Json[] = ref.container.env;
  const blockers = dups.map((d) => [d, readBetween(env, d)] as const).filter(([, b]) => b !== null);
  if (blockers.length) {
    const [d, b] = blockers[0]!;
    return adviceFix(
      `${b} expands $(${d.name}) between two definitions of ${d.name}, so it sees the earlier value: decide which value each variable should get, then keep one definition of ${d.name}.`,
    );
  }
  const fix = containerEnvFix(app, ref, {
    kind: 'safe',
    summary: `Remove the earlier definitions of ${dups.map((d) => d.name).join(', ')} in container ${ref.name}, keeping the last one — the value the kubelet uses today`,
    edits: dups.flatMap((d) => d.indexes.slice(0, -1).map((index) => ({ index, entry: null }))),
    mustNotEcho: (e: Json) => isCredentialEntry(e),
  });
  return (
    fix ??
    adviceFix(
      `Keep only the last definition of ${dups.map((d) => d.name).join(', ')} in container ${ref.name}. The kept value is a credential literal, which Drydock never writes into a patch: move it to a Secret first (config-secret-literal).`,
    )
  );
}

export const check: Check = {
  id: 'config-env-duplicate',
  title: 'Environment variable defined twice',
  topic: 'config',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'spec',
  summary: 'The same env name appears more than once in one container; only the last definition takes effect.',
  rationale:
    'When a name appears twice in `env`, the kubelet keeps the last definition and silently drops the others. Readers of the ' +
    'manifest (and reviewers of a change to the first one) see a value the process never gets. Duplicates also break patching: ' +
    '`env` is merged by name, and a `kubectl apply` that removes the duplicate can remove the variable altogether ' +
    '(kubernetes/kubernetes#58477). The fix keeps exactly the value the container runs with today.',
  docs: [
    'https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/',
    'https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/',
    'https://github.com/kubernetes/kubernetes/issues/58477',
  ],
  appliesTo: () => null,
  evaluate(app) {
    return containersOf(app, 'app').map((ref): CheckResult => {
      const dups = duplicatesOf(ref);
      if (!dups.length) return pass(`Container ${ref.name} defines each env name once`, atContainer(ref, '/env'));
      return {
        status: 'fail',
        ...atContainer(ref, `/env/${dups[0]!.indexes[0]}`),
        message:
          `Container ${ref.name} defines ${dups.map((d) => `${d.name} ${d.indexes.length === 2 ? 'twice' : `${d.indexes.length} times`} (env[${d.indexes.join('], env[')}])`).join(', ')}: ` +
          'only the last definition takes effect',
        evidence: { duplicates: dups },
        fix: fixFor(app, ref, dups),
      };
    });
  },
};
