import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/defaults';
import { buildReport } from '../report/build-report';
import schema from '../report/report-schema.json';
import type { KubeObject, Snapshot } from '../snapshot/types';

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function node(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {}, status: { allocatable: { cpu: '16', memory: '64Gi' }, conditions: [{ type: 'Ready', status: 'True' }] } };
}

function deployment(name: string, replicas: number, image: string, revision?: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', uid: `uid-${name}`, ...(revision ? { annotations: { 'deployment.kubernetes.io/revision': String(revision) } } : {}) },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } }, ...extra },
    status: { replicas, readyReplicas: replicas },
  };
}

function replicaSet(owner: string, revision: number, image: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${owner}-${revision}`, namespace: 'shop', annotations: { 'deployment.kubernetes.io/revision': String(revision) }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner, uid: `uid-${owner}`, controller: true }] },
    spec: { template: { spec: { containers: [{ name: 'app', image }] } } },
  };
}

function snapshot(entries: [string, KubeObject][], clusters = ['bj', 'sh']): Snapshot {
  return { source: { type: 'cluster', clusters, paths: [] }, objects: entries.map(([cluster, object]) => ({ cluster, object })), notes: [], errors: [], unreadable: [] };
}

const nodes = (cluster: string, n: number) => Array.from({ length: n }, (_, i): [string, KubeObject] => [cluster, node(`${cluster}-${i}`)]);
const scan = (s: Snapshot) => buildReport(s, { config: DEFAULT_CONFIG, now: new Date('2026-01-01T00:00:00Z'), scanId: 'test' });

describe('fleet stage of buildReport', () => {
  it('a cluster that could not be scanned is left out of the capacity shares (the others keep theirs)', () => {
    const s = snapshot([...nodes('bj', 1), ...nodes('sh', 10), ['bj', deployment('web', 1, 'r/web:1.0')], ['sh', deployment('web', 10, 'r/web:1.0')]], ['bj', 'sh', 'gz']);
    s.errors.push({ cluster: 'gz', resource: '*', namespace: null, code: null, message: 'context gz: connect ECONNREFUSED', effect: 'the cluster was not scanned' });
    const fleet = scan(s).fleet!;
    expect(fleet.clusters.map((c) => [c.cluster, c.cpuShare])).toEqual([['bj', 1 / 11], ['sh', 10 / 11]]);
    expect(fleet.apps[0]!.skew).toBe(1);
  });

  it('100 vs 1,000 nodes, 6/5 split: flagged, recommends 1 and 10', () => {
    const report = scan(snapshot([...nodes('bj', 100), ...nodes('sh', 1000), ['bj', deployment('web', 6, 'r/web:1.0')], ['sh', deployment('web', 5, 'r/web:1.0')]]));
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
    const fleet = report.fleet!;
    expect(fleet.clusters.map((c) => [c.cluster, c.schedulableNodes, c.cpuShare])).toEqual([['bj', 100, 1 / 11], ['sh', 1000, 10 / 11]]);
    const app = fleet.apps[0]!;
    expect(app).toMatchObject({ key: 'nk:shop/Deployment/web', matchedBy: 'namespace-kind-name', totalReplicas: 11, skew: 6, versionsDiffer: false });
    expect(app.recommended).toEqual([
      { cluster: 'bj', appId: 'bj/shop/Deployment/web', replicas: 1, current: 6 },
      { cluster: 'sh', appId: 'sh/shop/Deployment/web', replicas: 10, current: 5 },
    ]);
    expect(app.members.map((m) => [m.replicaShare, m.capacityShare, m.readyReplicas])).toEqual([[6 / 11, 1 / 11, 6], [5 / 11, 10 / 11, 5]]);
    const findings = report.apps.map((a) => a.findings.find((f) => f.check === 'fleet-capacity-skew')!);
    expect(findings.map((f) => [f.status, f.severity])).toEqual([['fail', 'warning'], ['fail', 'warning']]);
    expect(findings[0]!.fix!.jsonPatch).toEqual([{ op: 'replace', path: '/spec/replicas', value: 1 }]);
  });

  it('11 replicas split 1/10 passes', () => {
    const report = scan(snapshot([...nodes('bj', 10), ...nodes('sh', 100), ['bj', deployment('web', 1, 'r/web:1.0')], ['sh', deployment('web', 10, 'r/web:1.0')]]));
    expect(report.fleet!.apps[0]!.skew).toBe(1);
    expect(report.apps.map((a) => a.findings.find((f) => f.check === 'fleet-capacity-skew')!.status)).toEqual(['pass', 'pass']);
  });

  it('versions: revision, rollback target from the owned ReplicaSets, behindBy', () => {
    const report = scan(snapshot([
      ...nodes('bj', 2),
      ...nodes('sh', 2),
      ['bj', deployment('web', 2, 'r/web:main-b', 8)],
      ['bj', replicaSet('web', 7, 'r/web:main-a')],
      ['bj', replicaSet('web', 8, 'r/web:main-b')],
      ['sh', deployment('web', 2, 'r/web:main-a', 3, { revisionHistoryLimit: 0 })],
    ]));
    const [bj, sh] = report.apps;
    expect(bj!.version).toEqual({ images: { app: 'r/web:main-b' }, revision: 8, rollback: { revision: 7, images: { app: 'r/web:main-a' } } });
    expect(sh!.version).toMatchObject({ revision: 3, rollback: null, rollbackReason: expect.stringContaining('revisionHistoryLimit is 0') });
    const app = report.fleet!.apps[0]!;
    expect(app.members.map((m) => m.behindBy)).toEqual([0, 1]);
    expect(app.newest).toEqual({ images: { app: 'r/web:main-b' }, clusters: ['bj'] });
    const f = sh!.findings.find((x) => x.check === 'fleet-version-skew')!;
    expect([f.status, f.severity]).toEqual(['fail', 'info']);
  });

  it('one cluster: no fleet section, fleet checks N/A, versions still reported', () => {
    const report = scan(snapshot([...nodes('bj', 2), ['bj', deployment('web', 2, 'r/web:1.0', 1)]], ['bj']));
    expect(report.fleet).toBeUndefined();
    expect(report.apps[0]!.version?.revision).toBe(1);
    expect(report.apps[0]!.findings.find((f) => f.check === 'fleet-capacity-skew')!.status).toBe('notApplicable');
  });

  it('capacity unknown in one cluster → Unknown, no recommendation', () => {
    const s = snapshot([...nodes('bj', 2), ['bj', deployment('web', 2, 'r/web:1.0')], ['sh', deployment('web', 2, 'r/web:1.0')]]);
    s.unreadable.push({ cluster: 'sh', resource: 'nodes', namespace: null });
    const report = scan(s);
    expect(report.fleet!.apps[0]!).toMatchObject({ recommended: null, skew: null, skewReason: expect.stringContaining('sh is unknown') });
    const fs = report.apps.map((a) => a.findings.find((f) => f.check === 'fleet-capacity-skew')!);
    expect(fs.map((f) => [f.status, f.evidence.unknown])).toEqual([['notApplicable', true], ['notApplicable', true]]);
  });
});
