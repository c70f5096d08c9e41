import type { Json } from '../../snapshot/types';
import { atContainer, changeMe, containerIn, containersOf, containsChangeMe, ensurePath, pass, workloadFix } from '../helpers';
import { parseImageRef } from '../helpers/images';
import type { Check, CheckResult } from '../types';
import { containerSecurityContext, podSecurityContext, roleSuffix } from './_context';

/**
 * Without `runAsUser` or `runAsNonRoot`, a container runs as the image's USER — root unless the
 * Dockerfile says otherwise. `runAsNonRoot: true` makes the kubelet refuse to start a container
 * whose user is 0 (or a non-numeric name it cannot verify). Container fields win over the pod's.
 * https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 */
export const check: Check = {
  id: 'sec-run-as-root',
  title: 'Container may run as root',
  topic: 'security',
  severity: 'warning',
  fixKind: 'input',
  needs: 'spec',
  summary: 'Neither the pod nor the container sets `runAsNonRoot: true` or a non-zero `runAsUser` (or `runAsUser` is 0).',
  rationale:
    'Decide the privileges each container needs. Unless the spec says otherwise a container runs as the user its ' +
    'image declares, and most images declare none: root. Root in a container is not root on the node, but every ' +
    'container escape, writable hostPath or mounted socket becomes far worse with it. `runAsNonRoot: true` makes the ' +
    'kubelet refuse to start the container as UID 0; a numeric `runAsUser` says which user it runs as (the kubelet cannot ' +
    'verify a user given only by name in the image).',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  ],
  appliesTo(app) {
    // Windows pods identify users with windowsOptions.runAsUserName; runAsUser/runAsNonRoot do not apply.
    return app.podSpec?.os?.name === 'windows' ? 'Windows pod: users are set with windowsOptions.runAsUserName' : null;
  },
  evaluate(app) {
    const psc = podSecurityContext(app.podSpec);
    return containersOf(app, 'all').map((ref): CheckResult => {
      const csc = containerSecurityContext(ref);
      const at = atContainer(ref, '/securityContext');
      const who = `Container ${ref.name}${roleSuffix(ref)}`;
      const user: unknown = csc.runAsUser ?? psc.runAsUser;
      const userFrom = csc.runAsUser !== undefined ? 'container' : 'pod';
      const nonRoot: unknown = csc.runAsNonRoot ?? psc.runAsNonRoot;
      const nonRootFrom = csc.runAsNonRoot !== undefined ? 'container' : 'pod';
      const evidence = { runAsUser: user ?? null, runAsNonRoot: nonRoot ?? null };
      if (typeof user === 'number' && user !== 0) return pass(`${who} runs as UID ${user} (${userFrom} securityContext)`, at, evidence);
      if (user !== 0 && containsChangeMe(user)) return pass(`${who} has a runAsUser awaiting the owner's choice`, at, evidence);
      if (nonRoot === true && user !== 0) return pass(`${who} has runAsNonRoot: true (${nonRootFrom} securityContext): the kubelet refuses to start it as root`, at, evidence);
      let message: string;
      if (user === 0 && nonRoot === true) {
        message = `${who} sets runAsUser: 0 (${userFrom} securityContext) together with runAsNonRoot: true — the kubelet would refuse to start it (CreateContainerConfigError)`;
      } else if (user === 0) {
        message = `${who} runs as root: runAsUser: 0 in the ${userFrom} securityContext`;
      } else if (nonRoot === false) {
        message = `${who} sets runAsNonRoot: false and no runAsUser: it runs as the image's user, root unless the image declares another USER`;
      } else {
        message = `${who}: neither the pod nor the container sets runAsNonRoot: true or runAsUser, so it runs as the image's user — root unless the image declares another USER`;
      }
      const podUser: unknown = psc.runAsUser;
      const uid = typeof podUser === 'number' && podUser !== 0 ? null : inheritedUid(app.podSpec);
      return {
        status: 'fail',
        ...at,
        message,
        evidence,
        fix: workloadFix(app, {
          kind: 'input',
          summary:
            typeof podUser === 'number' && podUser !== 0
              ? `Run container ${ref.name} as the pod's UID ${podUser}: drop its root override and set runAsNonRoot: true on the pod`
              : uid !== null
                ? `Run the pod as a non-root user: pod securityContext runAsNonRoot: true and runAsUser ${uid}, the UID its images are published to run as`
                : 'Run the pod as a non-root user: pod securityContext runAsNonRoot: true and a non-zero runAsUser the images can run as',
          mutate: (_w, podSpec) => {
            // Container-level values that would override the pod's setting go first.
            const c = containerIn(podSpec, ref);
            if (c.securityContext) {
              if (c.securityContext.runAsUser === 0) delete c.securityContext.runAsUser;
              if (c.securityContext.runAsNonRoot === false) delete c.securityContext.runAsNonRoot;
              if (Object.keys(c.securityContext).length === 0) delete c.securityContext;
            }
            const sc = ensurePath(podSpec, '/securityContext');
            sc.runAsNonRoot = true;
            if (!(typeof sc.runAsUser === 'number' && sc.runAsUser !== 0) && !containsChangeMe(sc.runAsUser)) {
              sc.runAsUser = uid ?? changeMe('a non-zero UID the image can run as');
            }
          },
        }),
      };
    });
  },
};

/**
 * The UID to put in the pod securityContext: known only when every container that would inherit it
 * (no non-zero runAsUser of its own) runs an image whose non-root user is published.
 */
function inheritedUid(podSpec: Json): number | null {
  const containers: Json[] = [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])];
  const uids = new Set<number | null>();
  for (const c of containers) {
    const own = c?.securityContext?.runAsUser;
    if (typeof own === 'number' && own !== 0) continue;
    uids.add(knownImageUid(c?.image));
  }
  const [only, ...rest] = [...uids];
  return rest.length === 0 && typeof only === 'number' ? only : null;
}

/**
 * Images whose non-root UID is documented: distroless `nonroot` tags and Chainguard images run as
 * 65532, Bitnami's images as 1001 (minideb, their root base image, excepted). Anything else: unknown, the owner chooses.
 */
function knownImageUid(image: unknown): number | null {
  const ref = parseImageRef(image);
  if (!ref) return null;
  if (ref.canonical.startsWith('gcr.io/distroless/') && /(^|-)nonroot$/.test(ref.tag ?? '')) return 65532;
  if (ref.canonical.startsWith('cgr.dev/chainguard/') && !/(^|-)dev$/.test(ref.tag ?? '')) return 65532;
  if (ref.canonical.startsWith('docker.io/bitnami/') && ref.path !== 'bitnami/minideb') return 1001;
  return null;
}
