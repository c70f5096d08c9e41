import { atContainer, changeMe, containerIn, containersOf, containsChangeMe, pass, workloadFix } from '../helpers';
import type { Check, CheckResult } from '../types';
import { BASELINE_CAPABILITIES, CRITICAL_CAPABILITIES, capabilityList, containerSecurityContext, normalizeCapability, roleSuffix } from './_context';

/** What the capabilities seen most often hand to the process (for messages). */
const WHAT_IT_GRANTS: Record<string, string> = {
  ALL: 'every capability — the container is root on the node in all but name',
  SYS_ADMIN: 'mount, namespaces, BPF and much more — the "new root", the usual route out of a container',
  NET_ADMIN: "reconfigures interfaces, routes and iptables of the pod's network, or of the node's with hostNetwork",
  NET_RAW: 'raw sockets: forge packets and spoof ARP or DNS answers to neighbours',
  SYS_PTRACE: 'traces and reads the memory of other processes',
  SYS_MODULE: 'loads kernel modules into the node',
  SYS_TIME: "sets the node's clock",
  SYS_RAWIO: 'raw I/O on devices and ports',
  DAC_READ_SEARCH: 'reads any file, and open_by_handle_at has broken out of containers',
  BPF: 'loads BPF programs into the kernel',
  PERFMON: 'observes other processes through perf events',
  SYS_BOOT: 'reboots the node',
};

/**
 * Capabilities added to an app container (native sidecars included). Capabilities the runtime
 * grants by default (the Pod Security Standards' baseline list) are not findings: adding one is a
 * no-op, or — after `drop: [ALL]` — the least-privilege pattern itself. Plain init containers are
 * out of scope: a privilege needed for set-up belongs exactly there.
 * https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
 */
export const check: Check = {
  id: 'sec-capabilities',
  title: 'Added Linux capabilities',
  topic: 'security',
  severity: 'warning',
  severities: ['critical', 'warning'],
  fixKind: 'input',
  needs: 'spec',
  summary: 'An app container adds Linux capabilities beyond the runtime defaults (ALL, SYS_ADMIN, NET_ADMIN…).',
  rationale:
    'Decide the privileges each container needs — configuring the container network needs NET_ADMIN, for example — ' +
    'and where it needs them. A privilege needed only for set-up, such as writing iptables rules, belongs in an init ' +
    'container, which runs to completion before the app starts: the long-running process never holds it. `ALL` and ' +
    '`SYS_ADMIN` amount to root on the node and are critical; anything else outside the default set is a warning. ' +
    'Start from `drop: [ALL]` and add back only what the app uses (typically nothing, or NET_BIND_SERVICE).',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    'https://kubernetes.io/docs/concepts/workloads/pods/init-containers/',
    'https://man7.org/linux/man-pages/man7/capabilities.7.html',
  ],
  appliesTo: () => null,
  evaluate(app) {
    return containersOf(app, 'app').map((ref): CheckResult => {
      const sc = containerSecurityContext(ref);
      const at = atContainer(ref, '/securityContext/capabilities/add');
      const who = `Container ${ref.name}${roleSuffix(ref)}`;
      const added = capabilityList(sc.capabilities?.add);
      const beyond = added.filter((c) => !BASELINE_CAPABILITIES.has(normalizeCapability(c)));
      if (added.length === 0) {
        return pass(`${who} adds no capabilities${sc.privileged === true ? ' (but runs privileged, which grants them all: see sec-privileged)' : ''}`, at);
      }
      if (beyond.length === 0) return pass(`${who} adds only ${added.join(', ')}, within the runtime's default set`, at, { added });
      const critical = beyond.filter((c) => CRITICAL_CAPABILITIES.has(normalizeCapability(c)));
      const explained = beyond
        .map((c) => {
          const why = WHAT_IT_GRANTS[normalizeCapability(c)];
          return why ? `${c} (${why})` : c;
        })
        .join('; ');
      const keep = added.filter((c) => !beyond.includes(c));
      return {
        status: 'fail',
        ...at,
        severity: critical.length ? 'critical' : 'warning',
        message:
          `${who} adds ${explained}. If only a set-up step needs ${beyond.length > 1 ? 'them' : 'it'} ` +
          '(e.g. NET_ADMIN to write iptables rules), move that step into an init container',
        evidence: { added, beyondDefaults: beyond, critical },
        fix: workloadFix(app, {
          kind: 'input',
          summary: `Drop ALL capabilities of container ${ref.name} and add back only those it needs`,
          mutate: (_w, podSpec) => {
            const c = containerIn(podSpec, ref);
            const csc = { ...(c.securityContext ?? {}) };
            const caps = { ...(csc.capabilities ?? {}) };
            // ALL supersedes any narrower drop list.
            caps.drop = ['ALL'];
            const placeholder = (Array.isArray(caps.add) ? caps.add : []).filter((x: unknown) => containsChangeMe(x));
            caps.add = [
              ...keep,
              ...(placeholder.length
                ? placeholder
                : [changeMe(`${wanted(beyond)}, plus defaults it relies on after drop ALL (e.g. NET_BIND_SERVICE below port 1024) — delete if none; set-up steps go to an init container`)]),
            ];
            csc.capabilities = caps;
            c.securityContext = csc;
          },
        }),
      };
    });
  },
};

/** "which of NET_ADMIN, NET_RAW the app itself needs" — in the runtime's spelling, ALL named apart. */
function wanted(beyond: string[]): string {
  const names = [...new Set(beyond.map(normalizeCapability))];
  const named = names.filter((c) => c !== 'ALL');
  const all = names.length !== named.length;
  return `${named.length ? `which of ${named.join(', ')}` : 'the capabilities'} the app itself needs${all ? ' (instead of ALL)' : ''}`;
}
