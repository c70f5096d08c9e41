/**
 * Terminal column arithmetic: East Asian wide characters and most emoji take two columns,
 * combining marks none, ANSI colour sequences none. Enough for names and messages; not a full
 * implementation of Unicode TR #11.
 */

const ANSI_SEQUENCE = /\x1b\[[0-9;]*m/g;

function charWidth(cp: number): number {
  if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s.replace(ANSI_SEQUENCE, '')) w += charWidth(ch.codePointAt(0)!);
  return w;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/**
 * Cut `s` to at most `width` columns with an ellipsis; prefers a word boundary when one falls in
 * the last 12 characters of the kept text, so a message does not stop mid-word without need.
 */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(s) <= width) return s;
  if (width === 1) return '…';
  let kept = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width - 1) break;
    kept += ch;
    w += cw;
  }
  const space = kept.lastIndexOf(' ');
  if (space > kept.length / 2 && space >= kept.length - 12) kept = kept.slice(0, space);
  return `${kept.replace(/[\s,;:.(-]+$/, '')}…`;
}
