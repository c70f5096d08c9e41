import { describe, expect, it } from 'vitest';
import { scanObjects, objectsOfText } from '../scan/scan-objects';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EMPTY_FILTERS, filtersToSearch, parseAppFilters } from './app-filters';
import { appRowsOf, filterRows, sortRows } from './app-rows';
import { lineDiff } from './line-diff';
import { packRows, unpackRows } from './packed-rows';
import { overviewOf } from './overview';
import { summaryOf } from '../report/build-report';
import { parseScope, scopeReport, ScopeError } from './scope';

const examples = ['shop/edge-proxy.yaml', 'shop/cart.yaml', 'shop/checkout.yaml', 'legacy/monolith.yaml', 'batch/jobs.yaml'].flatMap((f) =>
  objectsOfText(readFileSync(path.join(__dirname, '..', '..', 'examples', f), 'utf8'), f),
);
const report = scanObjects(examples);
const rows = appRowsOf(report);

describe('app filters in the URL', () => {
  it('round-trips through the query string', () => {
    const f = { ...EMPTY_FILTERS, verdict: ['notReady' as const, 'unknown' as const], check: ['probe-exec-zombie-risk'], q: 'edge proxy', sort: 'score' as const, dir: 'desc' as const };
    const search = filtersToSearch(f);
    expect(search).toBe('?verdict=notReady%2Cunknown&check=probe-exec-zombie-risk&q=edge+proxy&sort=score&dir=desc');
    expect(parseAppFilters(new URLSearchParams(search))).toEqual(f);
    expect(filtersToSearch(EMPTY_FILTERS)).toBe('');
  });

  it('drops invalid values leniently (pages) and reads repeated parameters', () => {
    const f = parseAppFilters(new URLSearchParams('verdict=notReady&verdict=bogus&grade=Z,F&sort=nope&topic=probes'));
    expect(f.verdict).toEqual(['notReady']);
    expect(f.grade).toEqual(['F']);
    expect(f.sort).toBe('verdict');
    expect(f.topic).toEqual(['probes']);
  });
});

describe('app rows', () => {
  it('filter by verdict, check, topic and text; OR within a field, AND across', () => {
    const zombie = filterRows(rows, { ...EMPTY_FILTERS, check: ['probe-exec-zombie-risk'] });
    expect(zombie.map((r) => r.name)).toContain('edge-proxy');
    expect(zombie.every((r) => r.failing.includes('probe-exec-zombie-risk'))).toBe(true);
    const notReady = filterRows(rows, { ...EMPTY_FILTERS, verdict: ['notReady'] });
    expect(notReady.length).toBe(report.summary.verdicts.notReady);
    expect(filterRows(rows, { ...EMPTY_FILTERS, q: 'EDGE prox' }).map((r) => r.name)).toEqual(['edge-proxy']);
    expect(filterRows(rows, { ...EMPTY_FILTERS, verdict: ['ready'], check: ['probe-exec-zombie-risk'] })).toEqual([]);
  });

  it('sort with n/a last in both directions and a stable tie-break', () => {
    for (const dir of ['asc', 'desc'] as const) {
      const sorted = sortRows(rows, 'score', dir);
      const scores = sorted.map((r) => r.score).filter((s): s is number => s !== null);
      expect(scores).toEqual([...scores].sort((a, b) => (dir === 'asc' ? a - b : b - a)));
      const firstNull = sorted.findIndex((r) => r.score === null);
      if (firstNull >= 0) expect(sorted.slice(firstNull).every((r) => r.score === null)).toBe(true);
    }
    expect(sortRows(rows, 'name', 'asc').map((r) => r.name)).toEqual([...rows.map((r) => r.name)].sort());
  });
});

describe('overview', () => {
  it('counts verdicts like the summary and lists the most frequent failing checks', () => {
    const o = overviewOf(report, null);
    expect(o.summary.verdicts).toEqual(report.summary.verdicts);
    expect(o.failingChecks[0]!.apps).toBeGreaterThanOrEqual(o.failingChecks.at(-1)!.apps);
    expect(o.worstApps.every((a) => a.verdict !== 'ready')).toBe(true);
    expect(o.namespaces.reduce((n, r) => n + r.apps, 0)).toBe(report.apps.length);
  });
});

describe('overview per cluster', () => {
  it('narrows every number to the cluster and lists the fleet clusters', () => {
    const as = (c: string) => report.apps.map((a) => ({ ...a, cluster: c, id: a.id.replace(/^-\//, `${c}/`) }));
    const apps = [...as('eu'), ...as('us')];
    const fleet = { ...report, source: { type: 'cluster' as const, clusters: ['eu', 'us'], paths: [] }, apps, summary: summaryOf(apps) };
    const eu = overviewOf(fleet, 'eu');
    expect(eu.clusters).toEqual(['eu', 'us']);
    expect(eu.summary.apps).toBe(report.apps.length);
    expect(eu.worstApps.every((a) => a.cluster === 'eu')).toBe(true);
    expect(eu.namespaces.every((n) => n.cluster === 'eu')).toBe(true);
    expect(overviewOf(fleet, null).summary.apps).toBe(2 * report.apps.length);
  });
});

describe('scopes', () => {
  it('parse and narrow a report', () => {
    expect(parseScope('namespace:-/shop')).toEqual({ type: 'namespace', cluster: '-', namespace: 'shop' });
    expect(() => parseScope('namespace:shop')).toThrow(ScopeError);
    expect(() => parseScope('galaxy:x')).toThrow(/scope must be fleet/);
    const shop = scopeReport(report, parseScope('namespace:-/shop'));
    expect(shop.apps.every((a) => a.namespace === 'shop')).toBe(true);
    expect(shop.summary.apps).toBe(shop.apps.length);
    expect(shop.rollups.namespaces.map((r) => r.key)).toEqual(['shop']);
  });
});

describe('line diff', () => {
  it('shows removed lines before added ones and folds unchanged runs', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'e', 'F', 'g', 'h', 'i', 'j'].join('\n');
    const d = lineDiff(before, after, 1);
    expect(d.map((l) => `${l.type}:${l.text}`)).toEqual(['skip:… 4 unchanged lines', 'same:e', 'del:f', 'add:F', 'same:g', 'skip:… 3 unchanged lines']);
  });
});

describe('packed rows', () => {
  it('round-trip exactly and are much smaller than the objects', () => {
    expect(unpackRows(JSON.parse(JSON.stringify(packRows(rows))))).toEqual(rows);
    expect(JSON.stringify(packRows(rows)).length).toBeLessThan(JSON.stringify(rows).length / 2);
  });
});
