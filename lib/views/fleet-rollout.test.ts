import { describe, expect, it } from 'vitest';
import type { FleetApp, FleetReport } from '../fleet/types';
import type { AppReport } from '../report/types';
import { fleetAppData } from './fleet-app';
import { formatUtc, rolloutTimeline, type RolloutObservation } from './fleet-rollout';

const img = (v: string) => ({ checkout: `registry.example.com/shop/checkout:${v}` });
const obs = (scan: number, cluster: string, v: string, revision: number): RolloutObservation => ({ scanId: `scan-${scan}`, at: `2026-11-2${scan}T10:00:00.000Z`, cluster, images: img(v), revision });

// east gets 2.9.0 at scan 2, west at scan 4, bj never (still 2.8.1).
const history = [
  obs(1, 'east', '2.8.1', 4), obs(1, 'west', '2.8.1', 4), obs(1, 'bj', '2.8.1', 4),
  obs(2, 'east', '2.9.0', 5), obs(2, 'west', '2.8.1', 4), obs(2, 'bj', '2.8.1', 4),
  obs(3, 'east', '2.9.0', 5), obs(3, 'west', '2.8.1', 4),
  obs(4, 'east', '2.9.0', 5), obs(4, 'west', '2.9.0', 5), obs(4, 'bj', '2.8.1', 4),
];

describe('roll-out timeline', () => {
  it('draws a lane per cluster with a segment per version and a change where a scan saw one', () => {
    const t = rolloutTimeline(history, { clusters: ['bj', 'east', 'west'], newest: img('2.9.0') });
    expect(t.scans.map((s) => s.id)).toEqual(['scan-1', 'scan-2', 'scan-3', 'scan-4']);
    expect(t.versions.map((v) => [v.label, v.newest])).toEqual([['checkout:2.8.1', false], ['checkout:2.9.0', true]]);
    const east = t.lanes.find((l) => l.cluster === 'east')!;
    expect(east.segments.map((s) => [s.version.split(':').pop(), formatUtc(s.from), formatUtc(s.to), s.scans])).toEqual([
      ['2.8.1', '2026-11-21 10:00 UTC', '2026-11-22 10:00 UTC', 1],
      ['2.9.0', '2026-11-22 10:00 UTC', '2026-11-24 10:00 UTC', 3],
    ]);
    expect(east.changes).toHaveLength(1);
    expect(east.changes[0]).toMatchObject({ scanId: 'scan-2', revision: 5 });
    // bj missed scan 3: still one segment, no change.
    const bj = t.lanes.find((l) => l.cluster === 'bj')!;
    expect(bj.segments).toHaveLength(1);
    expect(bj.changes).toEqual([]);
    expect(t.order).toEqual([
      { cluster: 'east', at: Date.parse('2026-11-22T10:00:00.000Z') },
      { cluster: 'west', at: Date.parse('2026-11-24T10:00:00.000Z') },
      { cluster: 'bj', at: null },
    ]);
  });

  it('takes the newest from the history when the fleet does not know it', () => {
    const t = rolloutTimeline(history, { clusters: [] });
    expect(t.newest).toContain('2.9.0');
    expect(t.lanes.map((l) => l.cluster)).toEqual(['bj', 'east', 'west']);
  });
});

describe('one app across the fleet', () => {
  const member = (cluster: string, v: string, revision: number, behindBy: number) => ({
    cluster, appId: `${cluster}/shop/Deployment/checkout`, namespace: 'shop', kind: 'Deployment', name: 'checkout', replicas: 2, readyReplicas: 2, hpa: null,
    images: img(v), revision, rollback: null, behindBy, replicaShare: 0.5, capacityShare: 0.5,
  });
  const app: FleetApp = { key: 'nk:shop/Deployment/checkout', name: 'shop/checkout', matchedBy: 'namespace-kind-name', members: [member('east', '2.9.0', 5, 0), member('west', '2.8.1', 4, 1)], totalReplicas: 4, recommended: null, skew: 1, newest: { images: img('2.9.0'), clusters: ['east'] }, versionsDiffer: true };
  const fleet: FleetReport = { clusters: [], apps: [app] };
  const appReport = (cluster: string, failing: string[]) => ({ id: `${cluster}/shop/Deployment/checkout`, cluster, verdict: 'ready', score: 90, grade: 'A', qosClass: 'Burstable', topics: {}, findings: failing.map((check) => ({ check, status: 'fail' })) }) as unknown as AppReport;
  const report = { scanId: 'scan-5', finishedAt: '2026-11-25T10:00:00.000Z', fleet, apps: [appReport('east', ['ha-single-replica', 'dns-ndots']), appReport('west', ['dns-ndots'])] };

  it('finds the fleet app of a member, lists where members differ, and ends the roll-out at the scan shown', () => {
    const d = fleetAppData(report, 'west/shop/Deployment/checkout', history);
    expect(d.fleet?.members.map((m) => [m.cluster, m.runsNewest])).toEqual([['east', true], ['west', false]]);
    expect(d.differing).toEqual(['ha-single-replica']);
    expect(d.rollout?.scans.map((s) => s.id)).toEqual(['scan-1', 'scan-2', 'scan-3', 'scan-4', 'scan-5']);
    expect(d.rolloutNote).toBeNull();
  });

  it('shows the current versions when no history is stored, and nothing for an app in one cluster', () => {
    const d = fleetAppData(report, 'east/shop/Deployment/checkout', null);
    expect(d.rollout?.scans.map((s) => s.id)).toEqual(['scan-5']);
    expect(d.rolloutNote).toMatch(/No scan history/);
    expect(fleetAppData(report, 'east/shop/Deployment/other', history).fleet).toBeNull();
  });
});
