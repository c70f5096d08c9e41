import { atContainer, changeMe, containerIn, containsChangeMe, containersOf, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { capabilityList, containerSecurityContext, roleSuffix } from './_context';

/**
 * `privileged: true` lifts every isolation the runtime applies: all capabilities, every host device,
 * no seccomp/AppArmor/SELinux confinement, a writable /sys. Root in the container is root on the node.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export const check: Check = {
  id: 'sec-privileged',
  title: 'Privileged container',
  topic: 'security',
  severity: 'critical',
  fixKind: 'input',
  needs: 'spec',
  summary: 'A container runs with `privileged: true`: every capability and host device, no confinement.',
  rationale:
    'Decide the privileges each container needs — touching the host OS, configuring the container network (NET_ADMIN) — ' +
    'and grant exactly those. `privileged: true` grants all of them at once: every Linux capability, access to every ' +
    'device of the node, no seccomp or AppArmor profile. Anyone who gets code execution in the container owns the node. ' +
    'Almost every "needs privileged" turns out to need one or two capabilities, and a privilege needed only for ' +
    'set-up (iptables rules, sysctls) belongs in an init container that exits before the app starts.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/concepts/workloads/pods/init-containers/',
  ],
  appliesTo: () => null,
  evaluate(app) {
    return containersOf(app, 'all').map((ref): CheckResult => {
      const sc = containerSecurityContext(ref);
      if (sc.privileged !== true) return pass(`Container ${ref.name}${roleSuffix(ref)} is not privileged`, atContainer(ref, '/securityContext/privileged'));
      const added = capabilityList(sc.capabilities?.add);
      const what =
        ref.role === 'init'
          ? 'the capabilities this set-up step needs, e.g. NET_ADMIN for iptables rules — delete the entry if none'
          : 'the capabilities the app needs, e.g. NET_BIND_SERVICE; set-up steps (NET_ADMIN for iptables) belong in an init container — delete the entry if none';
      return {
        status: 'fail',
        ...atContainer(ref, '/securityContext/privileged'),
        message:
          `Container ${ref.name}${roleSuffix(ref)} runs with privileged: true: every capability, every host device and no ` +
          'seccomp/AppArmor confinement — root in this container is root on the node',
        evidence: { privileged: true, capabilitiesAdded: added },
        fix: workloadFix(app, {
          kind: 'input',
          summary:
            `Remove privileged from container ${ref.name} and grant only the capabilities it needs` +
            (ref.role === 'init'
              ? '. An init container that changes node-wide settings (e.g. sysctl vm.max_map_count) may truly need privileged: configure the nodes instead, or exempt it'
              : ''),
          mutate: (_w, podSpec) => {
            const c = containerIn(podSpec, ref);
            const csc = { ...(c.securityContext ?? {}) };
            delete csc.privileged;
            const caps = { ...(csc.capabilities ?? {}) };
            const add: unknown[] = Array.isArray(caps.add) ? [...caps.add] : [];
            if (!add.some((x) => containsChangeMe(x))) add.push(changeMe(what));
            caps.add = add;
            csc.capabilities = caps;
            c.securityContext = csc;
          },
        }),
      };
    });
  },
};
