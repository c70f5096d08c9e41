/** One line of a unified diff. */
export interface DiffLine {
  type: 'same' | 'add' | 'del' | 'skip';
  text: string;
  /** 1-based line numbers in the old and new text (null where the line is absent). */
  oldLine: number | null;
  newLine: number | null;
}

/**
 * Line diff (longest common subsequence) of two texts, with unchanged runs longer than
 * 2 × context folded into one `skip` line. Manifests are small; this is O(n·m) and exact.
 */
export function lineDiff(before: string, after: string, context = 3): DiffLine[] {
  const a = before.replace(/\n$/, '').split('\n');
  const b = after.replace(/\n$/, '').split('\n');
  const n = a.length;
  const m = b.length;
  if (n * m > 4_000_000) return [...a.map((text, i) => ({ type: 'del' as const, text, oldLine: i + 1, newLine: null })), ...b.map((text, i) => ({ type: 'add' as const, text, oldLine: null, newLine: i + 1 }))];
  // lcs[i][j] = LCS length of a[i..] and b[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i]!;
    const next = lcs[i + 1]!;
    for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? next[j + 1]! + 1 : Math.max(next[j]!, row[j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ type: 'same', text: a[i]!, oldLine: i + 1, newLine: j + 1 });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push({ type: 'del', text: a[i]!, oldLine: i + 1, newLine: null });
      i++;
    } else {
      out.push({ type: 'add', text: b[j]!, oldLine: null, newLine: j + 1 });
      j++;
    }
  }
  return foldContext(out, context);
}

function foldContext(lines: DiffLine[], context: number): DiffLine[] {
  const keep = lines.map(() => false);
  lines.forEach((l, k) => {
    if (l.type === 'same') return;
    for (let x = Math.max(0, k - context); x <= Math.min(lines.length - 1, k + context); x++) keep[x] = true;
  });
  const out: DiffLine[] = [];
  let skipped = 0;
  lines.forEach((l, k) => {
    if (keep[k]) {
      if (skipped) out.push({ type: 'skip', text: `… ${skipped} unchanged line${skipped > 1 ? 's' : ''}`, oldLine: null, newLine: null });
      skipped = 0;
      out.push(l);
    } else skipped++;
  });
  if (skipped && out.length) out.push({ type: 'skip', text: `… ${skipped} unchanged line${skipped > 1 ? 's' : ''}`, oldLine: null, newLine: null });
  return out;
}
