import type { ManagedBy, WorkloadKind } from '../apps/types';
import { TOPICS, type Topic } from '../checks/types';
import type { QosClass } from '../facts/qos';
import type { Grade, Verdict } from '../scoring/score';
import type { AppRow } from './app-rows';

/**
 * The apps list's rows, compact for the wire: one array per row, repeated strings (clusters,
 * namespaces, groups, teams, check IDs…) replaced by their index in a shared dictionary. 10,000
 * rows are ~1 MB instead of ~7 MB of objects, which is most of the list's time to interactive.
 */
export interface PackedRows {
  v: 1;
  dict: string[];
  /** [name, cluster, namespace, kind, group, team, managedBy, verdict, grade, score, qos, replicas, criticals, warnings, topics[8], failing[], failing topics as a bit mask] (strings as dict indexes, -1 for null). */
  rows: PackedRow[];
}

type PackedRow = [string, number, number, number, number, number, number, number, number, number | null, number, number | null, number, number, (number | null)[], number[], number];

export function packRows(rows: readonly AppRow[]): PackedRows {
  const dict: string[] = [];
  const index = new Map<string, number>();
  const at = (s: string | null): number => {
    if (s === null) return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = dict.length;
      dict.push(s);
      index.set(s, i);
    }
    return i;
  };
  return {
    v: 1,
    dict,
    rows: rows.map((r): PackedRow => [
      r.name,
      at(r.cluster),
      at(r.namespace),
      at(r.kind),
      at(r.group),
      at(r.team),
      at(r.managedBy),
      at(r.verdict),
      at(r.grade),
      r.score,
      at(r.qosClass),
      r.replicas,
      r.criticals,
      r.warnings,
      TOPICS.map((t) => r.topics[t]),
      r.failing.map(at),
      TOPICS.reduce((mask, t, i) => (r.failingTopics.includes(t) ? mask | (1 << i) : mask), 0),
    ]),
  };
}

export function unpackRows(p: PackedRows): AppRow[] {
  const { dict } = p;
  const s = (i: number): string | null => (i < 0 ? null : dict[i]!);
  return p.rows.map(([name, cluster, namespace, kind, group, team, managedBy, verdict, grade, score, qos, replicas, criticals, warnings, topicScores, failing, topicMask]) => {
    const topics = {} as Record<Topic, number | null>;
    TOPICS.forEach((t, i) => (topics[t] = topicScores[i] ?? null));
    const failingChecks = failing.map((i) => dict[i]!);
    const c = s(cluster)!;
    const ns = s(namespace)!;
    const k = s(kind)! as WorkloadKind;
    return {
      id: `${c}/${ns}/${k}/${name}`,
      cluster: c,
      namespace: ns,
      kind: k,
      name,
      group: s(group)!,
      team: s(team),
      managedBy: s(managedBy) as ManagedBy,
      verdict: s(verdict) as Verdict,
      grade: s(grade) as Grade | null,
      score,
      topics,
      failingTopics: TOPICS.filter((_, i) => topicMask & (1 << i)),
      qosClass: s(qos) as QosClass,
      replicas,
      criticals,
      warnings,
      failing: failingChecks,
    };
  });
}
