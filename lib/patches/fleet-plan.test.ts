import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/defaults';
import { buildReport } from '../report/build-report';
import { objectsOfText, snapshotOfObjects } from '../scan/scan-objects';
import { planAppPatches } from './combine';
import { applyJsonPatch } from './json-patch';
import { applyStrategicMerge } from './strategic-merge';
import type { PlainObject } from './deep';

/**
 * A scan of several clusters: an app's combined patches (the scorecard's "all patches", the
 * namespace zip) carry the replica change its fleet-capacity-skew finding asks of that cluster,
 * like the finding's own patch does.
 */
const fixtures = path.join(__dirname, '..', 'checks', 'availability', 'fleet-capacity-skew.fixtures');
const fleetScan = (file: string) => {
  const snapshot = snapshotOfObjects(objectsOfText(readFileSync(path.join(fixtures, file), 'utf8'), file), 'cluster');
  return { snapshot, report: buildReport(snapshot, { config: DEFAULT_CONFIG, now: new Date('2026-11-01T00:00:00Z'), scanId: 'fleet' }) };
};
const skew = 'fleet-capacity-skew';

describe('patch plans in a scan of several clusters', () => {
  it.each([
    ['fail.even-split.yaml', 'bj', 'Deployment', 2],
    ['fail.hpa-governed.yaml', 'sh', 'HorizontalPodAutoscaler', 20],
  ])('%s: the plan of the app in %s sets the recommended count on its %s', (file, cluster, kind, replicas) => {
    const { snapshot, report } = fleetScan(file);
    const app = report.apps.find((a) => a.cluster === cluster && a.kind === 'Deployment')!;
    expect(app.findings.find((f) => f.check === skew)?.status).toBe('fail');
    const plan = planAppPatches(snapshot, app, { config: DEFAULT_CONFIG });
    const target = plan.targets.find((t) => t.checks.includes(skew));
    expect(target?.target.kind).toBe(kind);
    const field = kind === 'Deployment' ? 'replicas' : 'minReplicas';
    expect((target!.after.spec as Record<string, unknown>)[field]).toBe(replicas);
    // Applied, the finding passes (the combiner rescanned and stopped), and both forms agree.
    expect(plan.notes.filter((n) => n.startsWith('Stopped combining'))).toEqual([]);
    expect(plan.unpatched.filter((u) => u.check === skew)).toEqual([]);
    expect(applyJsonPatch(target!.before, target!.jsonPatch)).toEqual(target!.after);
    expect(applyStrategicMerge(target!.before as unknown as PlainObject, target!.strategicMerge)).toEqual(target!.after);
  });

  it('fleet: null leaves the fleet change out', () => {
    const { snapshot, report } = fleetScan('fail.even-split.yaml');
    const app = report.apps.find((a) => a.cluster === 'bj')!;
    expect(planAppPatches(snapshot, app, { config: DEFAULT_CONFIG, fleet: null }).targets.flatMap((t) => t.checks)).not.toContain(skew);
  });
});
