/** A parser for the `labelSelector` query parameter (equality- and set-based requirements). */
type Requirement = (labels: Record<string, string>) => boolean;

export function parseLabelSelector(selector: string): (labels: Record<string, string>) => boolean {
  const reqs: Requirement[] = [];
  for (const part of splitTopLevel(selector)) {
    const s = part.trim();
    if (!s) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(s))) {
      const [, key, op, list] = m;
      const values = list!.split(',').map((v) => v.trim());
      reqs.push(op === 'in' ? (l) => key! in l && values.includes(l[key!]!) : (l) => !(key! in l) || !values.includes(l[key!]!));
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(s))) {
      const [, key, op, value] = m;
      reqs.push(op === '!=' ? (l) => l[key!] !== value : (l) => l[key!] === value);
    } else if ((m = /^!([\w./-]+)$/.exec(s))) {
      const key = m[1]!;
      reqs.push((l) => !(key in l));
    } else if ((m = /^([\w./-]+)$/.exec(s))) {
      const key = m[1]!;
      reqs.push((l) => key in l);
    } else {
      throw new Error(`unable to parse requirement: "${s}"`);
    }
  }
  return (labels) => reqs.every((r) => r(labels));
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
