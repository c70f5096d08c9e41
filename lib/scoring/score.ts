import type { DrydockConfig } from '../config/types';
import { TOPICS, type Finding, type Topic } from '../checks/types';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';
export type Verdict = 'ready' | 'readyWithConditions' | 'notReady' | 'unknown';

export interface TopicScore {
  /** null when nothing in the topic applied to the app. */
  score: number | null;
  failed: number;
  passed: number;
  notApplicable: number;
  exempt: number;
  /** Sum of weights of applicable (pass + fail) findings: the topic's share of the app score. */
  weight: number;
}

export function gradeOf(score: number | null): Grade | null {
  if (score === null) return null;
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * Topic score = 100 × passed weight / applicable weight; exempt and not-applicable findings
 * count in neither (checks.md "Scoring and verdicts").
 */
export function topicScores(findings: Finding[], weights: DrydockConfig['weights']): Record<Topic, TopicScore> {
  const out = {} as Record<Topic, TopicScore>;
  for (const t of TOPICS) out[t] = { score: null, failed: 0, passed: 0, notApplicable: 0, exempt: 0, weight: 0 };
  const passedWeight = {} as Record<Topic, number>;
  for (const t of TOPICS) passedWeight[t] = 0;
  for (const f of findings) {
    const s = out[f.topic];
    const w = weights[f.severity];
    switch (f.status) {
      case 'pass':
        s.passed++;
        s.weight += w;
        passedWeight[f.topic] += w;
        break;
      case 'fail':
        s.failed++;
        s.weight += w;
        break;
      case 'exempt':
        s.exempt++;
        break;
      case 'notApplicable':
        s.notApplicable++;
        break;
    }
  }
  for (const t of TOPICS) {
    const s = out[t];
    if (s.weight > 0) s.score = round((100 * passedWeight[t]) / s.weight);
    else if (s.passed + s.failed > 0) s.score = s.failed === 0 ? 100 : 0; // all-zero weights: fall back to counts
  }
  return out;
}

/** App score: the mean of its topic scores, each weighted by the topic's applicable weight. */
export function appScore(topics: Record<Topic, TopicScore>): number | null {
  let num = 0;
  let den = 0;
  for (const t of TOPICS) {
    const s = topics[t];
    if (s.score === null) continue;
    const w = s.weight || 1;
    num += s.score * w;
    den += w;
  }
  return den ? round(num / den) : null;
}

export interface VerdictResult {
  verdict: Verdict;
  /** Why, in a sentence (which critical, which unreadable resource). */
  reason: string;
}

/**
 * Not ready: any unexempted critical finding. Unknown: the scan could not read what checks need.
 * Ready with conditions: warnings only. Ready: nothing above info.
 */
export function verdictOf(findings: Finding[]): VerdictResult {
  const critical = findings.filter((f) => f.status === 'fail' && f.severity === 'critical');
  if (critical.length) {
    const ids = [...new Set(critical.map((f) => f.check))];
    return { verdict: 'notReady', reason: `${critical.length} critical finding${critical.length > 1 ? 's' : ''}: ${ids.join(', ')}` };
  }
  const unknown = findings.filter((f) => f.status === 'notApplicable' && f.evidence.unknown === true);
  if (unknown.length) {
    return { verdict: 'unknown', reason: `${[...new Set(unknown.map((f) => f.check))].join(', ')} could not be evaluated: ${unknown[0]!.reason}` };
  }
  const warnings = findings.filter((f) => f.status === 'fail' && f.severity === 'warning');
  if (warnings.length) {
    return { verdict: 'readyWithConditions', reason: `${warnings.length} warning${warnings.length > 1 ? 's' : ''}: ${[...new Set(warnings.map((f) => f.check))].join(', ')}` };
  }
  return { verdict: 'ready', reason: 'no finding above info' };
}

export function emptyVerdictCounts(): Record<Verdict, number> {
  return { ready: 0, readyWithConditions: 0, notReady: 0, unknown: 0 };
}

/** Mean of the non-null values, rounded to one decimal. */
export function meanScore(values: (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null);
  return xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null;
}
