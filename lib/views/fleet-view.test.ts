import { describe, expect, it } from 'vitest';
import type { Finding } from '../checks/types';
import type { ClusterCapacity, FleetApp, FleetMember, FleetReport } from '../fleet/types';
import type { AppReport } from '../report/types';
import { capacityRows, fleetAppViews, fleetSummary, formatShare, shortImage, versionKey, versionLabel } from './fleet-view';

const GIB = 1024 ** 3;
function cluster(name: string, cores: number, share: number | null, requestedCores = cores / 4): ClusterCapacity {
  const m = cores * 1000;
  return { cluster: name, nodes: cores / 8, readyNodes: cores / 8, schedulableNodes: cores / 8, allocatable: { cpuMillis: m, memoryBytes: cores * 4 * GIB }, requested: { cpuMillis: requestedCores * 1000, memoryBytes: GIB }, free: { cpuMillis: m - requestedCores * 1000, memoryBytes: cores * 4 * GIB - GIB }, cpuShare: share, memoryShare: share, freeCpuShare: share };
}
function member(c: string, name: string, replicas: number, share: number, image: string, extra: Partial<FleetMember> = {}): FleetMember {
  return { cluster: c, appId: `${c}/shop/Deployment/${name}`, namespace: 'shop', kind: 'Deployment', name, replicas, readyReplicas: replicas, hpa: null, images: { [name]: image }, revision: 3, rollback: { revision: 2, images: { [name]: `${image}-old` } }, behindBy: 0, replicaShare: share, capacityShare: c === 'east' ? 1 / 11 : 10 / 11, ...extra };
}
function finding(check: string, status: Finding['status']): Finding {
  return { check, topic: 'availability', status, severity: 'warning', container: null, path: '/spec/replicas', message: `${check} ${status}`, reason: null, evidence: { source: 'fleet' }, fix: status === 'fail' ? { kind: 'safe', summary: 'set replicas', jsonPatch: [{ op: 'replace', path: '/spec/replicas', value: 1 }] } : null };
}
const appReport = (id: string, findings: Finding[]) => ({ id, verdict: 'readyWithConditions', findings }) as unknown as AppReport;

const fleet: FleetReport = {
  clusters: [cluster('east', 24, 1 / 11), cluster('west', 240, 10 / 11)],
  apps: [
    {
      key: 'nk:shop/Deployment/gateway', name: 'gateway', matchedBy: 'namespace-kind-name',
      members: [member('east', 'gateway', 1, 1 / 9, 'r.io/gw:1.0'), member('west', 'gateway', 8, 8 / 9, 'r.io/gw:1.0')],
      totalReplicas: 9, recommended: [{ cluster: 'east', appId: 'east/shop/Deployment/gateway', replicas: 1, current: 1 }, { cluster: 'west', appId: 'west/shop/Deployment/gateway', replicas: 8, current: 8 }],
      skew: 1.22, newest: { images: { gateway: 'r.io/gw:1.0' }, clusters: ['east', 'west'] }, versionsDiffer: false,
    },
    {
      key: 'nk:shop/Deployment/orders', name: 'orders', matchedBy: 'namespace-kind-name',
      members: [member('east', 'orders', 3, 0.5, 'r.io/shop/orders:6.1.0'), member('west', 'orders', 3, 0.5, 'r.io/shop/orders:6.0.3', { behindBy: 1, rollback: null, rollbackReason: 'revisionHistoryLimit is 0' })],
      totalReplicas: 6, recommended: [{ cluster: 'east', appId: 'east/shop/Deployment/orders', replicas: 1, current: 3 }, { cluster: 'west', appId: 'west/shop/Deployment/orders', replicas: 5, current: 3 }],
      skew: 5.5, newest: { images: { orders: 'r.io/shop/orders:6.1.0' }, clusters: ['east'] }, versionsDiffer: true,
    },
  ] satisfies FleetApp[],
};
const report = { apps: [appReport('east/shop/Deployment/orders', [finding('fleet-capacity-skew', 'fail'), finding('fleet-version-skew', 'fail')]), appReport('west/shop/Deployment/orders', [finding('fleet-capacity-skew', 'fail')]), appReport('east/shop/Deployment/gateway', [finding('fleet-capacity-skew', 'pass')])] };

describe('fleet view', () => {
  it('turns capacity into cores and GiB with shares', () => {
    const rows = capacityRows(fleet);
    expect(rows.map((r) => [r.cluster, r.cpu.allocatable, r.cpu.requested, r.cpu.free, r.memory.allocatable])).toEqual([
      ['east', 24, 6, 18, 96],
      ['west', 240, 60, 180, 960],
    ]);
    expect(formatShare(rows[0]!.cpuShare)).toBe('9.1 %');
    expect(formatShare(rows[1]!.cpuShare)).toBe('91 %');
    expect(formatShare(null)).toBe('—');
  });

  it('shares capacity among the clusters whose capacity is known when one is not', () => {
    const gone: ClusterCapacity = { ...cluster('south', 8, null), nodes: 0, readyNodes: 0, schedulableNodes: 0, allocatable: { cpuMillis: 0, memoryBytes: 0 }, requested: { cpuMillis: 0, memoryBytes: 0 }, free: { cpuMillis: 0, memoryBytes: 0 }, unknown: 'no Node objects in the scan' };
    const rows = capacityRows({ clusters: [cluster('east', 24, null), cluster('west', 240, null), gone], apps: [] });
    expect(rows.map((r) => r.cpuShare)).toEqual([24 / 264, 240 / 264, null]);
    expect(rows[2]!.unknown).toBe('no Node objects in the scan');
  });

  it('puts skewed apps first with their findings, recommendations and patch targets', () => {
    const views = fleetAppViews(fleet, report);
    expect(views.map((v) => v.name)).toEqual(['orders', 'gateway']);
    const orders = views[0]!;
    expect(orders.capacitySkewed).toBe(true);
    expect(orders.recommendedTotal).toBe(6);
    const east = orders.members[0]!;
    expect(east).toMatchObject({ cluster: 'east', replicas: 3, recommended: 1, overLimit: true, runsNewest: true, version: 'orders:6.1.0' });
    expect(east.ratio).toBeCloseTo(5.5);
    expect(east.capacityFinding).toMatchObject({ status: 'fail', anchor: 'finding-fleet-capacity-skew', patchable: true });
    expect(east.versionFinding?.check).toBe('fleet-version-skew');
    expect(east.app).toEqual({ cluster: 'east', namespace: 'shop', kind: 'Deployment', name: 'orders' });
    const west = orders.members[1]!;
    expect(west).toMatchObject({ runsNewest: false, behindBy: 1, rollback: null, rollbackReason: 'revisionHistoryLimit is 0', recommended: 5 });
    expect(west.recommendedShare).toBeCloseTo(5 / 6);
    // The weighted app passes: its finding says so, and no member is over the limit.
    const gateway = views[1]!;
    expect(gateway.capacitySkewed).toBe(false);
    expect(gateway.members.every((m) => !m.overLimit)).toBe(true);
    expect(gateway.members[0]!.rollback).toEqual({ revision: 2, version: 'gw:1.0-old' });
    expect(fleetSummary(fleet, views)).toEqual({ clusters: 2, apps: 2, skewed: 1, rollingOut: 1, noRollback: 1 });
  });

  it('falls back to the skew number when no finding is in the report', () => {
    const views = fleetAppViews(fleet, { apps: [] });
    expect(views.find((v) => v.name === 'orders')!.capacitySkewed).toBe(true);
    expect(views.find((v) => v.name === 'gateway')!.capacitySkewed).toBe(false);
  });

  it('labels versions by image, independent of container order', () => {
    expect(shortImage('registry.example.com/shop/checkout:2.9.0')).toBe('checkout:2.9.0');
    expect(shortImage('r.io/a@sha256:0123456789abcdef0123')).toBe('a@sha256:0123456');
    expect(versionLabel({ b: 'x/b:2', a: 'x/a:1' })).toBe('a: a:1, b: b:2');
    expect(versionLabel({})).toBe('unknown');
    expect(versionKey({ b: 'x/b:2', a: 'x/a:1' })).toBe(versionKey({ a: 'x/a:1', b: 'x/b:2' }));
  });
});
