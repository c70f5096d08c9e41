import { describe, expect, it } from 'vitest';
import { axisLabels, formatScanTime, labelledIndexes, niceTicks, signed, stackBands } from './progress-chart';
import { appKeyOfId, parseProgressScope, progressHref, progressScopeLabel, ProgressScopeError, scopeFromKey, scopeKey, storeScopeOf } from './progress-scope';

describe('progress scope', () => {
  it('parses ?scope=&value= into a scope and the store query', () => {
    expect(parseProgressScope(null, null)).toEqual({ type: 'fleet' });
    expect(parseProgressScope('fleet', 'ignored')).toEqual({ type: 'fleet' });
    expect(storeScopeOf(parseProgressScope('team', ' payments '))).toEqual({ team: 'payments' });
    expect(storeScopeOf(parseProgressScope('namespace', 'prod-eu/shop'))).toEqual({ cluster: 'prod-eu', namespace: 'shop' });
    expect(storeScopeOf(parseProgressScope('group', 'checkout'))).toEqual({ group: 'checkout' });
    expect(storeScopeOf(parseProgressScope('cluster', 'arn:aws:eks:eu-west-1:1:cluster/prod'))).toEqual({ cluster: 'arn:aws:eks:eu-west-1:1:cluster/prod' });
    expect(() => parseProgressScope('app', 'x')).toThrow(ProgressScopeError);
    expect(() => parseProgressScope('team', '')).toThrow(/needs a value/);
    expect(() => parseProgressScope('namespace', 'shop')).toThrow(/<cluster>\/<namespace>/);
  });

  it('round-trips through the URL and the picker key, and labels it', () => {
    const team = parseProgressScope('team', 'payments');
    expect(progressHref(team)).toBe('/progress?scope=team&value=payments');
    expect(progressHref({ type: 'fleet' })).toBe('/progress');
    expect(scopeFromKey(scopeKey(team))).toEqual(team);
    const eks = parseProgressScope('cluster', 'arn:aws:eks:x');
    expect(scopeFromKey(scopeKey(eks))).toEqual(eks);
    expect(scopeFromKey('fleet')).toEqual({ type: 'fleet' });
    expect(progressScopeLabel(team)).toBe('team payments');
    expect(progressScopeLabel(parseProgressScope('namespace', '-/shop'))).toBe('namespace shop');
  });

  it('splits an app id for links', () => {
    expect(appKeyOfId('prod/shop/Deployment/cart')).toEqual({ cluster: 'prod', namespace: 'shop', kind: 'Deployment', name: 'cart' });
    expect(appKeyOfId('shop/cart')).toBeNull();
  });
});

describe('chart helpers', () => {
  it('labels scan times by day, by time within one day, or both', () => {
    expect(axisLabels(['2026-11-01T06:00:00Z', '2026-11-02T06:00:00Z'])).toEqual(['1 Nov', '2 Nov']);
    expect(axisLabels(['2026-11-26T10:00:00Z', '2026-11-26T10:05:00Z'])).toEqual(['10:00', '10:05']);
    expect(axisLabels(['2026-11-26T10:00:01Z', '2026-11-26T10:00:09Z'])).toEqual(['10:00:01', '10:00:09']);
    expect(axisLabels(['2026-11-25T23:00:00Z', '2026-11-26T10:00:00Z', '2026-11-26T11:30:00Z'])).toEqual(['25 Nov 23:00', '26 Nov 10:00', '26 Nov 11:30']);
    expect(formatScanTime('2026-11-26T09:05:00.000Z')).toBe('26 Nov 2026 09:05 UTC');
  });

  it('thins x labels and rounds y ticks', () => {
    expect(labelledIndexes(4)).toEqual([0, 1, 2, 3]);
    expect(labelledIndexes(30, 6)).toEqual([0, 6, 12, 17, 23, 29]);
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(420)).toEqual([0, 200, 400, 600]);
  });

  it('stacks series into bands and signs deltas', () => {
    expect(stackBands([[1, 2], [3, 0], [1, 1]])).toEqual([
      [[0, 1], [0, 2]],
      [[1, 4], [2, 2]],
      [[4, 5], [2, 3]],
    ]);
    expect([signed(3), signed(-2.04), signed(0)]).toEqual(['+3', '−2', '±0']);
  });
});
