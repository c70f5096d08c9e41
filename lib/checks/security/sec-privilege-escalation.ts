import { adviceFix, atContainer, containerIn, containersOf, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';

/**
 * `allowPrivilegeEscalation` defaults to true: a process can gain more privileges than its parent
 * (setuid binaries, file capabilities). Setting it false sets no_new_privs on the container process.
 * https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 */
export const check: Check = {
  id: 'sec-privilege-escalation',
  title: 'Privilege escalation allowed',
  topic: 'security',
  severity: 'warning',
  fixKind: 'safe',
  needs: 'spec',
  summary: '`allowPrivilegeEscalation` is not false, so a process can gain more privileges than its parent (setuid binaries, file capabilities).',
  rationale:
    'Decide the privileges each container needs, and no more. Unless `allowPrivilegeEscalation: false` is set, ' +
    'the container process runs without `no_new_privs`: a setuid binary or a file capability inside the image can raise ' +
    'its privileges. Setting it false costs nothing for almost every application. It cannot be combined with ' +
    '`privileged: true` or `CAP_SYS_ADMIN` — those containers need their privileges reviewed first (see `sec-privileged`).',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  ],
  appliesTo: () => null,
  evaluate(app) {
    return containersOf(app, 'all').map((ref): CheckResult => {
      const sc = ref.container.securityContext ?? {};
      if (sc.allowPrivilegeEscalation === false) return pass('allowPrivilegeEscalation is false', atContainer(ref, '/securityContext/allowPrivilegeEscalation'));
      const privileged = sc.privileged === true;
      const sysAdmin = Array.isArray(sc.capabilities?.add) && sc.capabilities.add.some((c: unknown) => ['SYS_ADMIN', 'CAP_SYS_ADMIN', 'ALL'].includes(String(c)));
      const setExplicitly = sc.allowPrivilegeEscalation === true;
      return {
        status: 'fail',
        ...atContainer(ref, '/securityContext'),
        message: `Container ${ref.name}${ref.role === 'init' ? ' (init)' : ''} ${setExplicitly ? 'sets allowPrivilegeEscalation: true' : 'does not set allowPrivilegeEscalation: false (it defaults to true)'}`,
        evidence: { allowPrivilegeEscalation: sc.allowPrivilegeEscalation ?? null, privileged, sysAdmin },
        fix:
          privileged || sysAdmin
            ? adviceFix(`Container ${ref.name} is ${privileged ? 'privileged' : 'granted SYS_ADMIN'}: the API server rejects allowPrivilegeEscalation: false alongside it. Drop the privilege (or move the set-up that needs it into an init container), then set allowPrivilegeEscalation: false.`)
            : workloadFix(app, {
                kind: 'safe',
                summary: `Set allowPrivilegeEscalation: false on container ${ref.name}`,
                mutate: (_w, podSpec) => {
                  const c = containerIn(podSpec, ref);
                  c.securityContext = { ...(c.securityContext ?? {}), allowPrivilegeEscalation: false };
                },
              }),
      };
    });
  },
};
