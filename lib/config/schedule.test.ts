import { describe, expect, it } from 'vitest';
import { formatDurationSpec, parseDuration, scanInterval } from './duration';
import { ConfigError, configFromText } from './load-config';
import { configFromObject } from './schema';

const H = 3_600_000;

describe('parseDuration', () => {
  it('reads s, m, h, d and w, combined largest first', () => {
    expect(parseDuration('30m')).toBe(30 * 60_000);
    expect(parseDuration('6h')).toBe(6 * H);
    expect(parseDuration('1d')).toBe(24 * H);
    expect(parseDuration('1h30m')).toBe(90 * 60_000);
    expect(parseDuration(' 1h 30m ')).toBe(90 * 60_000);
    expect(parseDuration('2W')).toBe(14 * 24 * H);
    expect(parseDuration('300s')).toBe(5 * 60_000);
  });
  it('refuses what is not a duration', () => {
    for (const bad of ['', '300', '6 hours', 'h', '30m1h', '1h1h', '1.5h', '-1h', '6h!']) expect(parseDuration(bad), bad).toBeNull();
  });
  it('writes durations back short', () => {
    expect(formatDurationSpec(90 * 60_000)).toBe('1h30m');
    expect(formatDurationSpec(24 * H)).toBe('1d');
  });
  it('holds scan intervals between 5m and 365d', () => {
    expect(scanInterval('5m')).toBe(5 * 60_000);
    expect(scanInterval('4m59s')).toBe('4m59s is too often: scheduled scans run at most every 5m');
    expect(scanInterval('366d')).toBe('366d is too long: at most 365d');
    expect(scanInterval(300)).toBe('300 is not a duration: write it like 30m, 6h or 1d');
  });
});

describe('schedule: in drydock.config.yaml', () => {
  it('reads entries with and without contexts', () => {
    const config = configFromText(`
schedule:
  - { every: 6h, contexts: [prod-eu, prod-us] }
  - every: 1d
    contexts: ["*"]
  - every: 30m
  - { every: 2h, contexts: "a, b, a" }
`);
    expect(config.schedule).toEqual([
      { every: '6h', everyMs: 6 * H, contexts: ['prod-eu', 'prod-us'] },
      { every: '1d', everyMs: 24 * H, contexts: ['*'] },
      { every: '30m', everyMs: 30 * 60_000, contexts: null },
      { every: '2h', everyMs: 2 * H, contexts: ['a', 'b'] },
    ]);
    // The rest of the config is untouched by it.
    expect(config.weights.critical).toBe(5);
  });

  it('is absent when not configured (the defaults stay as they were)', () => {
    expect(configFromObject({})).not.toHaveProperty('schedule');
    expect(configFromObject({ schedule: [] })).not.toHaveProperty('schedule');
  });

  it('names the field of every mistake', () => {
    const problems = (yaml: string) => {
      try {
        configFromText(yaml, 'drydock.config.yaml');
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(problems('schedule: [{ every: 1m }]')).toBe('drydock.config.yaml: schedule.0.every: 1m is too often: scheduled scans run at most every 5m');
    expect(problems('schedule: [{ every: 6h }, { every: hourly }]')).toContain('schedule.1.every: "hourly" is not a duration: write it like 30m, 6h or 1d');
    expect(problems('schedule: [{ contexts: [a] }]')).toContain('schedule.0.every: the interval is missing');
    expect(problems('schedule: [{ every: 6h, contexts: [] }]')).toContain('schedule.0.contexts: name at least one context');
    expect(problems('schedule: [{ every: 6h, contexts: ["*", prod] }]')).toContain('schedule.0.contexts: "*" (every context) cannot be combined with context names');
    expect(problems('schedule: [{ every: 6h, context: [a] }]')).toMatch(/schedule\.0: .*context/);
    expect(problems('schedule: { every: 6h }')).toMatch(/^drydock\.config\.yaml: schedule: /);
  });
});
