import type { CheckMeta, Finding, Topic } from '../checks/types';
import { TOPICS } from '../checks/types';
import type { AppReport, Report, ReportTopicScore } from './types';

/**
 * A hand-made report for the renderer tests: independent of which checks are registered, and full
 * of the awkward cases (several containers for one check, exempt and N/A results, pod-level
 * findings, formula-like names, XML and Markdown specials, control characters, cluster errors).
 */

export const SAMPLE_CHECKS: CheckMeta[] = [
  meta('probe-readiness-missing', 'Readiness probe missing', 'probes', 'critical', ['critical', 'warning']),
  meta('sec-privilege-escalation', 'Privilege escalation allowed', 'security', 'warning'),
  meta('storage-hostpath', 'hostPath volume', 'storage', 'critical', ['critical', 'warning']),
  meta('image-mutable-tag', 'Mutable image tag', 'images', 'warning'),
];

function meta(id: string, title: string, topic: Topic, severity: CheckMeta['severity'], severities?: CheckMeta['severity'][]): CheckMeta {
  return {
    id, title, topic, severity, ...(severities ? { severities } : {}), fixKind: 'safe', needs: 'spec',
    summary: `Fires when \`${id}\` sees a problem`,
    rationale: `Why **${title}** matters: see [the docs](https://kubernetes.io/docs/concepts/).`,
    docs: ['https://kubernetes.io/docs/concepts/workloads/pods/'],
  };
}

function finding(p: Partial<Finding> & Pick<Finding, 'check' | 'topic' | 'status'>): Finding {
  return {
    severity: 'warning', container: null, path: null, message: `${p.check} ${p.status}`, reason: null,
    evidence: { source: 'spec' }, fix: null, ...p,
  };
}

function topics(): Record<Topic, ReportTopicScore> {
  return Object.fromEntries(TOPICS.map((t) => [t, { score: null, failed: 0, passed: 0, notApplicable: 0, exempt: 0 }])) as Record<Topic, ReportTopicScore>;
}

const escalationFix = (container: string): Finding['fix'] => ({
  kind: 'safe',
  summary: `Set allowPrivilegeEscalation: false on container ${container}`,
  target: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'cart' },
  jsonPatch: [{ op: 'add', path: '/spec/template/spec/containers/0/securityContext', value: { allowPrivilegeEscalation: false } }],
  strategicMerge: { spec: { template: { spec: { containers: [{ name: container, securityContext: { allowPrivilegeEscalation: false } }] } } } },
});

export function sampleApps(): AppReport[] {
  const base = { group: 'shop', team: 'payments', managedBy: null, replicas: 2, qosClass: 'Burstable' as const, dataPlacement: [], topics: topics() };
  const cart: AppReport = {
    ...base, id: '-/shop/Deployment/cart', cluster: '-', namespace: 'shop', kind: 'Deployment', name: 'cart',
    score: 42.5, grade: 'F', verdict: 'notReady', verdictReason: '1 critical finding: probe-readiness-missing',
    source: { file: 'k8s/shop/cart deploy.yaml', line: 12 },
    findings: [
      finding({ check: 'probe-readiness-missing', topic: 'probes', status: 'fail', severity: 'critical', container: 'app', path: '/spec/template/spec/containers/0',
        message: 'Container app has no readiness probe & Service "cart" <selects> it', fix: { kind: 'input', summary: 'Add a readiness probe', jsonPatch: [{ op: 'add', path: '/spec/template/spec/containers/0/readinessProbe', value: { httpGet: { path: '<CHANGE-ME: health path>', port: 8080 } } }], strategicMerge: { spec: { template: { spec: { containers: [{ name: 'app', readinessProbe: { httpGet: { path: '<CHANGE-ME: health path>', port: 8080 } } }] } } } } } }),
      finding({ check: 'probe-readiness-missing', topic: 'probes', status: 'pass', container: 'envoy', message: 'Container envoy has a readiness probe' }),
      finding({ check: 'sec-privilege-escalation', topic: 'security', status: 'fail', container: 'app', message: 'Container app does not set allowPrivilegeEscalation: false', fix: escalationFix('app') }),
      finding({ check: 'sec-privilege-escalation', topic: 'security', status: 'fail', container: 'envoy', message: 'Container envoy does not set allowPrivilegeEscalation: false', fix: escalationFix('envoy') }),
      finding({ check: 'storage-hostpath', topic: 'storage', status: 'pass', severity: 'critical', message: 'No hostPath volume' }),
      finding({ check: 'image-mutable-tag', topic: 'images', status: 'exempt', container: 'app', message: 'Image shop/cart:latest uses a mutable tag', reason: 'annotation drydock.dev/exempt on the workload: "dev only"', fix: { kind: 'input', summary: 'Pin the image', jsonPatch: [], strategicMerge: {} } }),
    ],
  };
  const agent: AppReport = {
    ...base, id: 'prod/ops/DaemonSet/=cmd|calc', cluster: 'prod', namespace: 'ops', kind: 'DaemonSet', name: '=cmd|calc', team: null, managedBy: 'helm', replicas: null,
    score: null, grade: null, verdict: 'unknown', verdictReason: 'storage-hostpath could not be evaluated: Unknown: the scan could not read persistentvolumes',
    findings: [
      finding({ check: 'storage-hostpath', topic: 'storage', status: 'notApplicable', severity: 'critical', message: 'Unknown: the scan could not read persistentvolumes', reason: 'Unknown: the scan could not read persistentvolumes', evidence: { source: 'spec', unknown: true } }),
      finding({ check: 'image-mutable-tag', topic: 'images', status: 'notApplicable', message: 'No image', reason: 'No image' }),
    ],
  };
  const ok: AppReport = {
    ...base, id: '-/shop/Deployment/orders', cluster: '-', namespace: 'shop', kind: 'Deployment', name: 'orders', team: '@evil-team',
    score: 100, grade: 'A', verdict: 'ready', verdictReason: 'no finding above info', source: { file: '/abs/path/orders.yaml', line: 1 },
    findings: [finding({ check: 'image-mutable-tag', topic: 'images', status: 'pass', container: 'orders', message: 'Image pinned' })],
  };
  const weird: AppReport = {
    ...base, id: '-/shop/Pod/debug', cluster: '-', namespace: 'shop', kind: 'Pod', name: 'debug', replicas: 1,
    score: 80, grade: 'B', verdict: 'readyWithConditions', verdictReason: '1 warning: image-mutable-tag', source: { file: '<stdin>', line: 3 },
    findings: [
      finding({ check: 'image-mutable-tag', topic: 'images', status: 'fail', container: 'shell', message: 'Image busybox uses no tag\x1b[31m (red!)\x07 and a\nnewline, then ]]> and -2+3 and a very long tail that keeps going on and on past any sensible terminal width for sure' }),
      finding({ check: 'custom-unregistered', topic: 'config', status: 'fail', severity: 'info', message: '+SUM(A1:A9)' }),
    ],
  };
  return [cart, agent, ok, weird];
}

export function sampleReport(): Report {
  const apps = sampleApps();
  return {
    schemaVersion: 1,
    scanId: 'scan-20260101T000000Z-test',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.250Z',
    source: { type: 'manifests', clusters: ['-'], paths: ['k8s/'] },
    summary: {
      apps: apps.length, score: 74.2, grade: 'C',
      verdicts: { ready: 1, readyWithConditions: 1, notReady: 1, unknown: 1 },
      topics: { probes: 50, resources: null, storage: 100, config: 0, dns: null, availability: null, security: 0, images: 66.7 },
    },
    apps,
    errors: [{ cluster: 'prod', resource: 'persistentvolumes', namespace: null, code: 403, message: 'forbidden', effect: 'storage checks are unknown for prod' }],
    notes: [
      { level: 'error', file: 'k8s/broken.yaml', line: 7, message: 'k8s/broken.yaml:7: document 2 is not valid YAML (bad indentation); skipped' },
      { level: 'info', file: 'k8s/values.yaml', line: 1, message: 'k8s/values.yaml:1: document 1 has no apiVersion/kind (not a Kubernetes object); skipped' },
    ],
    unreadKinds: { Ingress: 3, NetworkPolicy: 1 },
    rollups: { clusters: [], namespaces: [], teams: [], groups: [] },
  };
}
