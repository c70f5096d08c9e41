import type { Verdict } from '../scoring/score';
import type { AppRow } from './app-rows';
import type { FleetGroup } from './fleet-groups';

/**
 * "Fold clusters" in the apps list: the rows of one fleet app (the same app in several clusters)
 * become one row, shown with its clusters as chips. Folding runs after filtering and sorting, so
 * the folded row keeps the place — and the values — of its first member in the current order
 * (sorted by score ascending, that is the worst cluster), and only the members that pass the
 * filters are chips.
 */
export interface FoldMember {
  cluster: string;
  appId: string;
  namespace: string;
  kind: string;
  name: string;
  verdict: Verdict;
}

export interface FoldedRow extends AppRow {
  /** Present when the row stands for ≥ 2 clusters' copies of one app. */
  fold?: { key: string; name: string; members: FoldMember[] };
}

const memberOf = (r: AppRow): FoldMember => ({ cluster: r.cluster, appId: r.id, namespace: r.namespace, kind: r.kind, name: r.name, verdict: r.verdict });

export function foldRows(rows: readonly AppRow[], groups: readonly FleetGroup[]): FoldedRow[] {
  const groupOf = new Map<string, FleetGroup>();
  for (const g of groups) for (const m of g.members) groupOf.set(m.appId, g);
  const folded = new Map<string, FoldedRow & { fold: NonNullable<FoldedRow['fold']> }>();
  const out: FoldedRow[] = [];
  for (const r of rows) {
    const g = groupOf.get(r.id);
    if (!g) {
      out.push(r);
      continue;
    }
    const existing = folded.get(g.key);
    if (existing) {
      existing.fold.members.push(memberOf(r));
      continue;
    }
    const row = { ...r, fold: { key: g.key, name: g.name, members: [memberOf(r)] } };
    folded.set(g.key, row);
    out.push(row);
  }
  // A fleet app with one member left after filtering is an ordinary row.
  for (const row of folded.values()) {
    if (row.fold.members.length < 2) delete (row as FoldedRow).fold;
    else row.fold.members.sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0));
  }
  return out;
}
