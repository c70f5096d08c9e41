import { describe, expect, it } from 'vitest';
import { TOPICS } from '../checks/types';
import type { AppRow } from './app-rows';
import { foldRows } from './fleet-fold';
import { fleetGroupsOf } from './fleet-groups';

const row = (cluster: string, name: string, score: number): AppRow => ({
  id: `${cluster}/shop/Deployment/${name}`, cluster, namespace: 'shop', kind: 'Deployment', name, group: name, team: null, managedBy: null,
  verdict: score < 50 ? 'notReady' : 'ready', grade: null, score, qosClass: 'Burstable', replicas: 1,
  topics: Object.fromEntries(TOPICS.map((t) => [t, null])) as AppRow['topics'], failingTopics: [], criticals: 0, warnings: 0, failing: [],
});
const groups = [{ key: 'nk:shop/Deployment/orders', name: 'orders', members: ['demo', 'demo-east', 'demo-west'].map((c) => ({ cluster: c, appId: `${c}/shop/Deployment/orders` })) }];

describe('folding the apps list by fleet app', () => {
  it('keeps one row per fleet app at its first member\'s place, with every member as a chip', () => {
    const rows = [row('demo-west', 'orders', 40), row('demo', 'cart', 45), row('demo', 'orders', 60), row('demo-east', 'orders', 70)];
    const out = foldRows(rows, groups);
    expect(out.map((r) => r.id)).toEqual(['demo-west/shop/Deployment/orders', 'demo/shop/Deployment/cart']);
    expect(out[0]!.score).toBe(40);
    expect(out[0]!.fold?.members.map((m) => m.cluster)).toEqual(['demo', 'demo-east', 'demo-west']);
    expect(out[0]!.fold?.members.find((m) => m.cluster === 'demo-west')?.verdict).toBe('notReady');
    expect(out[1]!.fold).toBeUndefined();
  });

  it('leaves a fleet app with one visible member unfolded', () => {
    const out = foldRows([row('demo-east', 'orders', 70)], groups);
    expect(out).toHaveLength(1);
    expect(out[0]!.fold).toBeUndefined();
  });

  it('has no groups without a fleet section', () => {
    expect(fleetGroupsOf(undefined)).toEqual({ clusters: 0, groups: [] });
  });
});
