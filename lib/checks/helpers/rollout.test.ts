import { describe, expect, it } from 'vitest';
import {
  daemonSetMaxUnavailable,
  deploymentRollingUpdate,
  describeIntOrPercent,
  parseIntOrPercent,
  pdbAllowance,
  scaleIntOrPercent,
  statefulSetMaxUnavailable,
} from './rollout';

describe('parseIntOrPercent', () => {
  it('reads integers and percentages', () => {
    expect(parseIntOrPercent(3)).toEqual({ kind: 'int', value: 3 });
    expect(parseIntOrPercent(0)).toEqual({ kind: 'int', value: 0 });
    expect(parseIntOrPercent('25%')).toEqual({ kind: 'percent', value: 25 });
    expect(parseIntOrPercent('0%')).toEqual({ kind: 'percent', value: 0 });
  });
  it('rejects what the API rejects', () => {
    expect(parseIntOrPercent('3')).toBeNull();
    expect(parseIntOrPercent(-1)).toBeNull();
    expect(parseIntOrPercent(1.5)).toBeNull();
    expect(parseIntOrPercent('25.5%')).toBeNull();
    expect(parseIntOrPercent('<CHANGE-ME: x>')).toBeNull();
    expect(parseIntOrPercent(undefined)).toBeNull();
  });
});

describe('scaleIntOrPercent', () => {
  it('rounds percentages up or down', () => {
    expect(scaleIntOrPercent('25%', 3, false)).toBe(0);
    expect(scaleIntOrPercent('25%', 3, true)).toBe(1);
    expect(scaleIntOrPercent('50%', 5, false)).toBe(2);
    expect(scaleIntOrPercent('50%', 5, true)).toBe(3);
    expect(scaleIntOrPercent('100%', 7, false)).toBe(7);
    expect(scaleIntOrPercent('1%', 2, true)).toBe(1);
  });
  it('keeps integers as they are, even above total', () => {
    expect(scaleIntOrPercent(5, 3, false)).toBe(5);
  });
  it('describes the arithmetic', () => {
    expect(describeIntOrPercent('50%', 4, false)).toBe('50% of 4 = 2');
    expect(describeIntOrPercent('90%', 2, true)).toBe('90% of 2 = 2 (rounded up)');
    expect(describeIntOrPercent('25%', 3, false)).toBe('25% of 3 = 0 (rounded down)');
    expect(describeIntOrPercent(3, 4, false)).toBe('3');
  });
});

describe('deploymentRollingUpdate', () => {
  it('defaults to 25% / 25%', () => {
    expect(deploymentRollingUpdate(undefined, 4)).toEqual({ maxSurge: 1, maxUnavailable: 1, bumped: false });
    expect(deploymentRollingUpdate({}, 10)).toEqual({ maxSurge: 3, maxUnavailable: 2, bumped: false });
  });
  it('bumps maxUnavailable to 1 when both resolve to 0', () => {
    expect(deploymentRollingUpdate({ maxSurge: 0, maxUnavailable: '25%' }, 3)).toEqual({ maxSurge: 0, maxUnavailable: 1, bumped: true });
  });
  it('returns null on unparsable values', () => {
    expect(deploymentRollingUpdate({ maxUnavailable: '2' }, 3)).toBeNull();
  });
});

describe('statefulSetMaxUnavailable and daemonSetMaxUnavailable', () => {
  it('StatefulSet: default 1, rounds down, at least 1', () => {
    expect(statefulSetMaxUnavailable(undefined, 5)).toBe(1);
    expect(statefulSetMaxUnavailable('10%', 5)).toBe(1);
    expect(statefulSetMaxUnavailable('60%', 5)).toBe(3);
    expect(statefulSetMaxUnavailable('100%', 5)).toBe(5);
  });
  it('DaemonSet: default 1, rounds up', () => {
    expect(daemonSetMaxUnavailable(undefined, 5)).toBe(1);
    expect(daemonSetMaxUnavailable('10%', 5)).toBe(1);
    expect(daemonSetMaxUnavailable('90%', 5)).toBe(5);
  });
});

describe('pdbAllowance', () => {
  it('maxUnavailable rounds up', () => {
    expect(pdbAllowance({ maxUnavailable: '10%' }, 5)).toMatchObject({ desiredHealthy: 4, allowed: 1, field: 'maxUnavailable' });
    expect(pdbAllowance({ maxUnavailable: 0 }, 5)).toMatchObject({ allowed: 0 });
    expect(pdbAllowance({ maxUnavailable: '0%' }, 5)).toMatchObject({ allowed: 0 });
  });
  it('minAvailable rounds up, so 90% of 2 keeps both', () => {
    expect(pdbAllowance({ minAvailable: '90%' }, 2)).toMatchObject({ desiredHealthy: 2, allowed: 0, field: 'minAvailable' });
    expect(pdbAllowance({ minAvailable: '50%' }, 2)).toMatchObject({ desiredHealthy: 1, allowed: 1 });
    expect(pdbAllowance({ minAvailable: 3 }, 3)).toMatchObject({ allowed: 0 });
    expect(pdbAllowance({ minAvailable: 5 }, 3)).toMatchObject({ allowed: 0 });
    expect(pdbAllowance({ minAvailable: '100%' }, 3)).toMatchObject({ allowed: 0 });
  });
  it('neither field: every disruption is allowed; garbage: null', () => {
    expect(pdbAllowance({}, 3)).toMatchObject({ allowed: 3, field: null });
    expect(pdbAllowance({ minAvailable: 'half' }, 3)).toBeNull();
  });
});
