import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/defaults';
import { snapshotFromEntries } from '../snapshot/read-manifests';
import type { SnapshotEntry } from '../snapshot/types';
import { generateWorkloads } from '../../testing/generate/workloads';
import { buildReport, buildReportYielding } from './build-report';

const snapshot = () =>
  snapshotFromEntries(
    generateWorkloads({ workloads: 300, namespaces: 10, seed: 7 }).map((object) => ({ cluster: '-', object }) as SnapshotEntry),
    [],
    ['generated/'],
  );
const opts = { config: DEFAULT_CONFIG, now: new Date('2026-11-01T06:00:00Z'), scanId: 'scan-1' };

describe('buildReportYielding (the dashboard server scores without holding the event loop)', () => {
  it('builds the same report as buildReport', async () => {
    const yielding = await buildReportYielding(snapshot(), { ...opts, yieldEveryMs: 0 });
    expect(JSON.parse(JSON.stringify(yielding))).toEqual(JSON.parse(JSON.stringify(buildReport(snapshot(), opts))));
    expect(yielding.apps).toHaveLength(300);
  });

  it('says how far it got at every turn, from 0 to every app', async () => {
    const seen: [number, number][] = [];
    await buildReportYielding(snapshot(), { ...opts, yieldEveryMs: 0, onProgress: (scored, apps) => seen.push([scored, apps]) });
    expect(seen[0]).toEqual([0, 300]);
    expect(seen.at(-1)).toEqual([300, 300]);
    expect(seen.length).toBeGreaterThan(10);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
  });

  it('lets timers run while it scores', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await buildReportYielding(snapshot(), { ...opts, yieldEveryMs: 1 });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(3);
    // The plain version holds the loop from start to end: no tick in between.
    ticks = 0;
    const again = setInterval(() => ticks++, 0);
    buildReport(snapshot(), opts);
    clearInterval(again);
    expect(ticks).toBe(0);
  });
});
