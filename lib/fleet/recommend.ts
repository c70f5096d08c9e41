import { cmp } from './match';

export interface ShareInput {
  cluster: string;
  /** Capacity share among the clusters being apportioned (need not sum exactly to 1). */
  share: number;
}

/**
 * Split `total` replicas over clusters in proportion to their capacity shares: the
 * largest-remainder (Hamilton) method, then at least 1 replica for every cluster that runs the
 * app (a cluster that serves traffic with zero replicas is an outage, not a saving). The replica a
 * minimum adds is taken from the cluster furthest above its exact quota. Ties are broken by the
 * larger quota, then by cluster name, so the answer never depends on input order.
 * With fewer replicas than clusters every cluster still gets 1 (the sum then exceeds `total`).
 *
 * Example (shared/domain.md): 100 vs 1,000 equal nodes → shares 1/11 and 10/11; 11 replicas → 1 and 10.
 */
export function apportion(total: number, inputs: readonly ShareInput[]): Map<string, number> {
  const list = [...inputs].sort((a, b) => cmp(a.cluster, b.cluster));
  const out = new Map<string, number>();
  if (!list.length) return out;
  const sum = list.reduce((s, i) => s + Math.max(0, i.share), 0);
  const n = Math.max(0, Math.floor(total));
  const quotas = list.map((i) => ({ cluster: i.cluster, quota: sum > 0 ? (n * Math.max(0, i.share)) / sum : n / list.length }));
  const seats = quotas.map((q) => ({ ...q, seats: Math.floor(q.quota + 1e-9) }));
  let left = n - seats.reduce((s, q) => s + q.seats, 0);
  const byRemainder = [...seats].sort((a, b) => b.quota - b.seats - (a.quota - a.seats) || b.quota - a.quota || cmp(a.cluster, b.cluster));
  for (const q of byRemainder) {
    if (left <= 0) break;
    q.seats++;
    left--;
  }
  // Minimum 1 per cluster, paid for by the cluster most above its quota that can spare one.
  for (const q of seats) {
    if (q.seats >= 1) continue;
    const donor = [...seats]
      .filter((d) => d.seats > 1)
      .sort((a, b) => b.seats - b.quota - (a.seats - a.quota) || b.seats - a.seats || cmp(a.cluster, b.cluster))[0];
    if (donor) donor.seats--;
    q.seats = 1;
  }
  for (const q of seats) out.set(q.cluster, q.seats);
  return out;
}

/**
 * How far a replica share is from a capacity share, as a factor ≥ 1 (2 = twice or half the share).
 * Infinity when exactly one of them is 0.
 */
export function shareRatio(replicaShare: number, capacityShare: number): number {
  if (replicaShare === capacityShare) return 1;
  if (replicaShare <= 0 || capacityShare <= 0) return Infinity;
  return Math.max(replicaShare / capacityShare, capacityShare / replicaShare);
}
