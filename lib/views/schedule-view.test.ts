import { describe, expect, it } from 'vitest';
import { contextsLabel, formatUtc, relativeTime } from './schedule-view';

const NOW = '2026-11-26T12:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

describe('schedule view helpers', () => {
  it('says how far a time is, coarsely', () => {
    expect(relativeTime(at(2_000), NOW)).toBe('now');
    expect(relativeTime(at(40_000), NOW)).toBe('in 40 s');
    expect(relativeTime(at(-5 * 60_000), NOW)).toBe('5 min ago');
    expect(relativeTime(at(5 * 3_600_000 + 59 * 60_000), NOW)).toBe('in 5 h 59 min');
    expect(relativeTime(at(6 * 3_600_000), NOW)).toBe('in 6 h');
    expect(relativeTime(at(3_600_000 + 59 * 60_000 + 50_000), NOW)).toBe('in 2 h');
    expect(relativeTime(at(-(2 * 86_400_000 + 3 * 3_600_000)), NOW)).toBe('2 d 3 h ago');
  });
  it('writes absolute times in UTC', () => {
    expect(formatUtc('2026-11-26T14:05:09.123Z')).toBe('2026-11-26 14:05:09 UTC');
  });
  it('names the contexts of an entry', () => {
    expect(contextsLabel({ contexts: ['a', 'b'], scanned: ['a', 'b'] })).toBe('a, b');
    expect(contextsLabel({ contexts: ['*'], scanned: ['a', 'b', 'c'] })).toBe('every context (a, b, c)');
    expect(contextsLabel({ contexts: null, scanned: null })).toBe("the server's contexts");
  });
});
