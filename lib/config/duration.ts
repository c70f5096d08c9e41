/**
 * Durations as people write them in drydock.config.yaml and the environment: `30m`, `6h`, `1d`,
 * `1h30m`, `2w` (units s, m, h, d, w, largest first). Returns milliseconds, or null when the text is
 * not a duration. No bare numbers: "300" could mean seconds or minutes.
 */
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
const ORDER = 'wdhms';

export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase();
  if (!s) return null;
  const re = /(\d+)\s*([wdhms])/gy;
  let total = 0;
  let pos = 0;
  let lastUnit = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const unit = ORDER.indexOf(m[2]!);
    // Each unit once, largest first: "30m1h" is more likely a typo than a wish.
    if (unit <= lastUnit) return null;
    lastUnit = unit;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    pos = re.lastIndex;
    while (s[pos] === ' ') pos++;
    re.lastIndex = pos;
  }
  return pos === s.length && lastUnit >= 0 && Number.isSafeInteger(total) ? total : null;
}

/** The shortest way to write a duration ("1d", "1h30m"); for labels. */
export function formatDurationSpec(ms: number): string {
  let rest = Math.round(ms / 1000) * 1000;
  if (rest <= 0) return '0s';
  let out = '';
  for (const u of ORDER) {
    const n = Math.floor(rest / UNIT_MS[u]!);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * UNIT_MS[u]!;
    }
  }
  return out;
}

/** Scheduled scans: at least 5 minutes apart (a scan of a large fleet takes minutes), at most a year. */
export const MIN_SCAN_INTERVAL_MS = 5 * 60_000;
export const MAX_SCAN_INTERVAL_MS = 365 * 86_400_000;

/** A scan interval in ms, or the message that says what is wrong with the text. */
export function scanInterval(text: unknown): number | string {
  if (text === undefined || text === null || text === '') return 'the interval is missing: write it like 30m, 6h or 1d';
  const ms = typeof text === 'string' ? parseDuration(text) : null;
  if (ms === null) return `${JSON.stringify(text)} is not a duration: write it like 30m, 6h or 1d`;
  if (ms < MIN_SCAN_INTERVAL_MS) return `${text as string} is too often: scheduled scans run at most every 5m`;
  if (ms > MAX_SCAN_INTERVAL_MS) return `${text as string} is too long: at most 365d`;
  return ms;
}
