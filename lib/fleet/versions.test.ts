import { describe, expect, it } from 'vitest';
import { compareImageSets, compareTags, orderVersions, type VersionInput } from './versions';

const R = 'registry.example.com/shop/checkout';
const v = (cluster: string, tag: string, history: [number, string][] = []): VersionInput => ({
  cluster,
  images: { app: `${R}:${tag}` },
  history: history.map(([revision, t]) => ({ revision, images: { app: `${R}:${t}` } })),
});

describe('orderVersions', () => {
  it('all equal: nothing behind', () => {
    expect(orderVersions([v('bj', '1.0'), v('sh', '1.0')])).toMatchObject({ behindBy: [0, 0], versionsDiffer: false, newest: { clusters: ['bj', 'sh'] } });
  });

  it('orders by ReplicaSet history, counting distinct versions (not revision numbers)', () => {
    const o = orderVersions([
      v('bj', 'main-c', [[7, 'main-a'], [8, 'main-b'], [9, 'main-c']]),
      v('sh', 'main-a', [[2, 'main-a']]),
      v('gz', 'main-b'),
    ]);
    expect(o.behindBy).toEqual([0, 2, 1]);
    expect(o.newest).toEqual({ images: { app: `${R}:main-c` }, clusters: ['bj'] });
  });

  it('falls back to comparable tags', () => {
    expect(orderVersions([v('bj', 'v1.9.3'), v('sh', 'v1.10.0')]).behindBy).toEqual([1, 0]);
  });

  it('unknown order: behindBy null, no newest', () => {
    expect(orderVersions([v('bj', 'main-3f2a'), v('sh', 'main-9b8e')])).toEqual({ behindBy: [null, null], newest: null, versionsDiffer: true });
  });

  it('contradicting histories (a rollback in one cluster) → unknown, not a guess', () => {
    expect(orderVersions([v('bj', 'x2', [[1, 'x1'], [2, 'x2']]), v('sh', 'x1', [[1, 'x2'], [2, 'x1']])]).newest).toBeNull();
  });
});

describe('tags', () => {
  it('compares numerically with equal suffixes only', () => {
    expect(compareTags('1.4.2', '1.10.0')).toBe(-1);
    expect(compareTags('v2', 'v1.9')).toBe(1);
    expect(compareTags('1.4.2-alpine', '1.4.3-alpine')).toBe(-1);
    expect(compareTags('1.4.2-alpine', '1.4.3')).toBe(0);
    expect(compareTags('latest', '1.0')).toBe(0);
  });

  it('image sets: every differing image of the same repository must agree', () => {
    expect(compareImageSets({ a: 'r/a:1.0', b: 'r/b:2.0' }, { a: 'r/a:1.1', b: 'r/b:2.0' })).toBe(-1);
    expect(compareImageSets({ a: 'r/a:1.0', b: 'r/b:2.1' }, { a: 'r/a:1.1', b: 'r/b:2.0' })).toBe(0);
    expect(compareImageSets({ a: 'r/a:1.0' }, { a: 'other/a:1.1' })).toBe(0);
    expect(compareImageSets({ a: 'r:5000/a:1.0' }, { a: 'r:5000/a:1.1' })).toBe(-1);
  });
});
