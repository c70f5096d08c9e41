import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { buildReport } from '../../lib/report/build-report';
import type { KubeObject, Snapshot } from '../../lib/snapshot/types';
import { demoClusterObjects } from './demo-cluster';
import { FLEET_REGIONS, regionObjects } from './fleet-clusters';
import { fleetHistorySnapshots, fleetVersionsDaysBack } from './fleet-history';

const main = demoClusterObjects();
const east = regionObjects(main, FLEET_REGIONS['demo-east']);
const west = regionObjects(main, FLEET_REGIONS['demo-west']);
const cpu = (objs: KubeObject[]) => objs.filter((o) => o.kind === 'Node').reduce((n, o) => n + Number(o.status.allocatable.cpu), 0);
const snapshot = (sets: Record<string, KubeObject[]>): Snapshot => ({ source: { type: 'cluster', clusters: Object.keys(sets), paths: [] }, objects: Object.entries(sets).flatMap(([cluster, os]) => os.map((object) => ({ cluster, object }))), notes: [], errors: [], unreadable: [] });
const build = (s: Snapshot) => buildReport(s, { config: DEFAULT_CONFIG, now: new Date('2026-11-26T10:00:00Z') });

describe('the demo fleet', () => {
  it('serves two regions with 1:10 capacity and the ReplicaSet history of a roll-out', () => {
    expect(cpu(west) / cpu(east)).toBe(10);
    const rs = east.filter((o) => o.kind === 'ReplicaSet' && o.metadata.name.startsWith('checkout-'));
    expect(rs.map((o) => [o.metadata.annotations?.['deployment.kubernetes.io/revision'], o.spec.template.spec.containers[0].image.split(':').pop()])).toEqual([
      ['2', '2.7.4'], ['3', '2.8.0'], ['4', '2.8.1'], ['5', '2.9.0'],
    ]);
    // The same template gets the same pod-template-hash in both regions.
    const hashOf = (objs: KubeObject[], image: string) => objs.find((o) => o.kind === 'ReplicaSet' && o.spec.template.spec.containers[0].image === image)?.metadata.labels?.['pod-template-hash'];
    expect(hashOf(east, 'registry.example.com/shop/checkout:2.8.1')).toBe(hashOf(west, 'registry.example.com/shop/checkout:2.8.1'));
    // Pods belong to the current ReplicaSet.
    const pods = east.filter((o) => o.kind === 'Pod' && o.metadata.labels?.app === 'checkout');
    expect(pods.length).toBe(1);
    expect(pods[0]!.metadata.ownerReferences?.[0]?.name).toBe(rs[3]!.metadata.name);
    expect(west.filter((o) => o.kind === 'ReplicaSet' && o.metadata.name.startsWith('cart-'))).toHaveLength(1);
  });

  it('gives the fleet report the skews the demo promises', () => {
    const r = build(snapshot({ demo: main, 'demo-east': east, 'demo-west': west }));
    const app = (key: string) => r.fleet!.apps.find((a) => a.key === key)!;
    expect(r.fleet!.clusters.map((c) => c.cluster)).toEqual(['demo', 'demo-east', 'demo-west']);
    expect(app('nk:shop/Deployment/orders').skew).toBeGreaterThan(2);
    expect(app('nk:platform/Deployment/ingress-gateway').skew).toBeLessThanOrEqual(2);
    expect(app('nk:shop/Deployment/checkout').newest?.clusters).toEqual(['demo-east']);
    expect(app('nk:shop/Deployment/cart').members.find((m) => m.cluster === 'demo-west')?.rollback).toBeNull();
    const failing = (id: string, check: string) => r.apps.find((a) => a.id === id)!.findings.some((f) => f.check === check && f.status === 'fail');
    expect(failing('demo-east/shop/Deployment/orders', 'fleet-capacity-skew')).toBe(true);
    expect(failing('demo-east/platform/Deployment/ingress-gateway', 'fleet-capacity-skew')).toBe(false);
  });

  it('has a past in which checkout reached east first', () => {
    const past = fleetHistorySnapshots(main, 3, 3, Date.parse('2026-11-26T10:00:00Z'));
    expect(past.map((p) => p.at.toISOString())).toEqual(['2026-11-23T10:00:00.000Z', '2026-11-24T10:00:00.000Z', '2026-11-25T10:00:00.000Z']);
    const checkoutOf = (days: number) => fleetVersionsDaysBack(main, 3, days, build);
    expect(checkoutOf(3).get('demo-west/shop/Deployment/checkout')?.images.checkout).toBe('registry.example.com/shop/checkout:2.8.0');
    expect(checkoutOf(2).get('demo-east/shop/Deployment/checkout')?.images.checkout).toBe('registry.example.com/shop/checkout:2.8.1');
    expect(checkoutOf(1).size).toBe(0);
  }, 30_000);
});
