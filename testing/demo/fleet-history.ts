import type { AppVersion } from '../../lib/fleet/types';
import type { KubeObject, Snapshot } from '../../lib/snapshot/types';
import { fleetRegions, regionObjects, type AppPlan, type RegionName, type RegionSpec } from './fleet-clusters';

/**
 * Earlier states of the demo fleet, for `npm run demo` to store as past scans on its first start:
 * the roll-out view then shows versions moving from cluster to cluster over days, not one point.
 *
 *   72 h ago: checkout 2.8.1 in demo and east, 2.8.0 in west; policy-webhook 0.13.1 east, 0.11.3 west
 *   48 h ago: west catches up to checkout 2.8.1, policy-webhook 0.12.0 (and stops there);
 *             east moves policy-webhook to 0.14.2
 *   24 h ago: east takes checkout 2.9.0 first ("one region first, to validate") — the state the
 *             live demo serves now.
 */
const CHECKOUT = 'registry.example.com/shop/checkout';
const WEBHOOK = 'registry.example.com/platform/policy-webhook';

export interface HistoryStep {
  hoursAgo: number;
  /** Plans that differ from FLEET_REGIONS at that time. */
  plans: Partial<Record<RegionName, Record<string, AppPlan>>>;
}

export const FLEET_HISTORY: HistoryStep[] = [
  {
    hoursAgo: 72,
    plans: {
      'demo-east': {
        'shop/checkout': { image: `${CHECKOUT}:2.8.1`, history: [`${CHECKOUT}:2.7.4`, `${CHECKOUT}:2.8.0`], revision: 4 },
        'platform/policy-webhook': { image: `${WEBHOOK}:0.13.1`, history: [`${WEBHOOK}:0.12.0`], revision: 5 },
      },
      'demo-west': {
        'shop/checkout': { image: `${CHECKOUT}:2.8.0`, history: [`${CHECKOUT}:2.7.0`, `${CHECKOUT}:2.7.4`], revision: 3 },
        'platform/policy-webhook': { image: `${WEBHOOK}:0.11.3`, history: [`${WEBHOOK}:0.11.0`], revision: 3 },
      },
    },
  },
  {
    hoursAgo: 48,
    plans: {
      'demo-east': { 'shop/checkout': { image: `${CHECKOUT}:2.8.1`, history: [`${CHECKOUT}:2.7.4`, `${CHECKOUT}:2.8.0`], revision: 4 } },
    },
  },
  { hoursAgo: 24, plans: {} },
];

function regionAt(region: RegionSpec, step: HistoryStep): RegionSpec {
  return { ...region, plans: { ...region.plans, ...(step.plans[region.name] ?? {}) } };
}

/** The snapshots of the last `count` history steps (oldest first), as a cluster scan would read them. */
export function fleetHistorySnapshots(main: KubeObject[], clusters: number, count: number, now = Date.now()): { at: Date; snapshot: Snapshot }[] {
  const regions = fleetRegions(clusters);
  return FLEET_HISTORY.slice(Math.max(0, FLEET_HISTORY.length - count)).map((step) => {
    const sets: [string, KubeObject[]][] = [['demo', main], ...regions.map((r): [string, KubeObject[]] => [r.name, regionObjects(main, regionAt(r, step))])];
    return {
      at: new Date(now - step.hoursAgo * 3600_000),
      snapshot: {
        source: { type: 'cluster', clusters: sets.map(([c]) => c), paths: [] },
        objects: sets.flatMap(([cluster, objects]) => objects.map((object) => ({ cluster, object }))),
        notes: [],
        errors: [],
        unreadable: [],
      },
    };
  });
}

/**
 * What each fleet app ran `daysBack` days before now, per app ID — for a seeder that backdates
 * copies of the live report (testing/demo/seed-history.ts) and wants its `version` fields to show
 * the roll-out instead of today's versions: `{ ...app, version: versions.get(app.id) ?? app.version }`.
 * Empty when the demo serves one cluster or nothing differed that far back.
 */
export function fleetVersionsDaysBack(main: KubeObject[], clusters: number, daysBack: number, build: (s: Snapshot) => { apps: { id: string; version?: AppVersion }[] }): Map<string, AppVersion> {
  // The state then: the latest step at or before that time (the oldest step for anything earlier).
  const step = [...FLEET_HISTORY].reverse().find((s) => s.hoursAgo >= daysBack * 24) ?? FLEET_HISTORY[0]!;
  if (!Object.keys(step.plans).length || !fleetRegions(clusters).length) return new Map();
  const idx = FLEET_HISTORY.indexOf(step);
  const { snapshot } = fleetHistorySnapshots(main, clusters, FLEET_HISTORY.length - idx)[0]!;
  return new Map(build(snapshot).apps.filter((a) => a.version && a.id.split('/')[0] !== 'demo').map((a) => [a.id, a.version!]));
}
