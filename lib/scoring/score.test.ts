import { describe, expect, it } from 'vitest';
import type { Finding, Topic } from '../checks/types';
import { DEFAULT_CONFIG } from '../config/defaults';
import { appScore, gradeOf, meanScore, topicScores, verdictOf } from './score';

function f(topic: Topic, status: Finding['status'], severity: Finding['severity'], extra: Partial<Finding> = {}): Finding {
  return { check: `${topic}-x`, topic, status, severity, container: null, path: null, message: 'm', reason: null, evidence: { source: 'spec' }, fix: null, ...extra };
}

describe('scores', () => {
  it('topic score = 100 × passed weight / applicable weight; exempt and N/A count in neither', () => {
    const t = topicScores(
      [f('probes', 'pass', 'critical'), f('probes', 'fail', 'warning'), f('probes', 'exempt', 'critical'), f('probes', 'notApplicable', 'critical'), f('dns', 'pass', 'info')],
      DEFAULT_CONFIG.weights,
    );
    expect(t.probes).toMatchObject({ score: 71.4, passed: 1, failed: 1, exempt: 1, notApplicable: 1, weight: 7 });
    expect(t.dns.score).toBe(100);
    expect(t.storage.score).toBeNull();
  });

  it('weights are configurable', () => {
    const t = topicScores([f('probes', 'pass', 'critical'), f('probes', 'fail', 'warning')], { critical: 1, warning: 1, info: 1 });
    expect(t.probes.score).toBe(50);
  });

  it('app score is the mean of topic scores weighted by their applicable weight', () => {
    const t = topicScores([f('probes', 'pass', 'critical'), f('dns', 'fail', 'info')], DEFAULT_CONFIG.weights);
    // probes 100 (weight 5), dns 0 (weight 0.5) → 500 / 5.5
    expect(appScore(t)).toBe(90.9);
    expect(appScore(topicScores([], DEFAULT_CONFIG.weights))).toBeNull();
  });

  it('grades', () => {
    expect([95, 90, 89.9, 80, 70, 60, 59.9, null].map(gradeOf)).toEqual(['A', 'A', 'B', 'B', 'C', 'D', 'F', null]);
  });

  it('mean ignores nulls', () => {
    expect(meanScore([null, 50, 100])).toBe(75);
    expect(meanScore([null])).toBeNull();
  });
});

describe('verdicts', () => {
  it('not ready on any unexempted critical', () => {
    const v = verdictOf([f('probes', 'fail', 'critical', { check: 'probe-exec-zombie-risk' }), f('dns', 'fail', 'warning')]);
    expect(v.verdict).toBe('notReady');
    expect(v.reason).toContain('probe-exec-zombie-risk');
  });
  it('an exempt critical does not make an app not ready', () => {
    expect(verdictOf([f('probes', 'exempt', 'critical'), f('dns', 'fail', 'info')]).verdict).toBe('ready');
  });
  it('warnings only → ready with conditions', () => {
    expect(verdictOf([f('probes', 'fail', 'warning'), f('dns', 'fail', 'info')]).verdict).toBe('readyWithConditions');
  });
  it('unknown when the scan could not read what a check needs, and says which', () => {
    const v = verdictOf([f('availability', 'notApplicable', 'warning', { check: 'ha-pdb-missing', reason: 'Unknown: the scan could not read poddisruptionbudgets', evidence: { source: 'cluster', unknown: true } }), f('dns', 'fail', 'warning')]);
    expect(v).toEqual({ verdict: 'unknown', reason: 'ha-pdb-missing could not be evaluated: Unknown: the scan could not read poddisruptionbudgets' });
  });
  it('a known critical outranks unknown', () => {
    expect(verdictOf([f('probes', 'fail', 'critical'), f('availability', 'notApplicable', 'warning', { evidence: { source: 'cluster', unknown: true } })]).verdict).toBe('notReady');
  });
});
