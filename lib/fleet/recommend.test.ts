import { describe, expect, it } from 'vitest';
import { apportion, shareRatio } from './recommend';

const shares = (...s: [string, number][]) => s.map(([cluster, share]) => ({ cluster, share }));

describe('apportion (largest remainder, min 1 per cluster)', () => {
  it('100 vs 1,000 equal nodes: 11 replicas → 1 and 10', () => {
    expect(Object.fromEntries(apportion(11, shares(['bj', 100 / 1100], ['sh', 1000 / 1100])))).toEqual({ bj: 1, sh: 10 });
  });

  it('keeps the total and follows the remainders', () => {
    // quotas 0.545 and 5.45: floors 0 + 5, the last seat goes to the larger remainder (bj)
    expect(Object.fromEntries(apportion(6, shares(['bj', 1 / 11], ['sh', 10 / 11])))).toEqual({ bj: 1, sh: 5 });
    expect(Object.fromEntries(apportion(22, shares(['bj', 1 / 11], ['sh', 10 / 11])))).toEqual({ bj: 2, sh: 20 });
    // three clusters 1:2:3 of 10 → quotas 1.67, 3.33, 5 → 2, 3, 5
    expect(Object.fromEntries(apportion(10, shares(['a', 1], ['b', 2], ['c', 3])))).toEqual({ a: 2, b: 3, c: 5 });
  });

  it('gives every cluster at least 1, taken from the cluster most above its quota', () => {
    // quotas 0.1, 0.9, 4.0 → 0, 1, 4 → a needs 1: c (4 seats, quota 4.0) and b (1 seat: cannot give) → c gives
    expect(Object.fromEntries(apportion(5, shares(['a', 0.02], ['b', 0.18], ['c', 0.8])))).toEqual({ a: 1, b: 1, c: 3 });
    // fewer replicas than clusters: every cluster still gets 1
    expect(Object.fromEntries(apportion(1, shares(['a', 0.5], ['b', 0.5])))).toEqual({ a: 1, b: 1 });
  });

  it('breaks ties deterministically, whatever the input order', () => {
    const a = apportion(3, shares(['x', 0.5], ['y', 0.5]));
    const b = apportion(3, shares(['y', 0.5], ['x', 0.5]));
    expect(Object.fromEntries(a)).toEqual(Object.fromEntries(b));
    expect(Object.fromEntries(a)).toEqual({ x: 2, y: 1 });
  });

  it('sums to the total whenever total ≥ clusters', () => {
    for (let total = 3; total < 40; total++) {
      const seats = apportion(total, shares(['a', 0.07], ['b', 0.33], ['c', 0.6]));
      expect([...seats.values()].reduce((s, n) => s + n, 0)).toBe(total);
      for (const n of seats.values()) expect(n).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('shareRatio', () => {
  it('is symmetric and ≥ 1', () => {
    expect(shareRatio(6 / 11, 1 / 11)).toBeCloseTo(6);
    expect(shareRatio(5 / 11, 10 / 11)).toBeCloseTo(2);
    expect(shareRatio(0.5, 0.5)).toBe(1);
    expect(shareRatio(0.5, 0)).toBe(Infinity);
  });
});
