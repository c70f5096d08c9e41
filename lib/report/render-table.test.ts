import { describe, expect, it } from 'vitest';
import { renderTable } from './render-table';
import { sampleReport } from './sample-report';
import { displayWidth, truncate } from './text-width';

const ANSI = /\x1b\[[0-9;]*m/g;

describe('renderTable', () => {
  const plain = renderTable(sampleReport());
  const lines = plain.trimEnd().split('\n');

  it('lists apps worst first, each followed by its failing findings', () => {
    const appLines = lines.filter((l) => /^(not ready|unknown|ready)/.test(l));
    expect(appLines.map((l) => l.split(/\s{2,}/).at(-1))).toEqual(['shop/Deployment/cart  (1 exempt)'.split(/\s{2,}/).at(-1), 'prod/ops/DaemonSet/=cmd|calc', 'shop/Pod/debug', 'shop/Deployment/orders']);
    expect(lines[0]).toMatch(/^not ready\s+F\s+42\.5\s+shop\/Deployment\/cart\s+\(1 exempt\)$/);
    expect(lines[1]).toMatch(/^ {2}critical probe-readiness-missing\s+app\s+Container app has no readiness probe/);
    expect(lines[2]).toMatch(/^ {2}warning {2}sec-privilege-escalation app\s+Container app does not set/);
    expect(lines[3]).toMatch(/^ {2}warning {2}sec-privilege-escalation envoy Container envoy/);
    // passes, N/A and exempt findings are not listed
    expect(plain).not.toContain('has a readiness probe');
    expect(plain).not.toContain('mutable tag');
  });

  it('explains an unknown verdict under the app', () => {
    expect(lines[5]).toBe('  storage-hostpath could not be evaluated: Unknown: the scan could not read persistentvolumes');
  });

  it('ends with the summary: apps, score, verdict counts, topics, input notes, unread kinds', () => {
    const summary = plain.slice(plain.lastIndexOf('\n\n') + 2);
    expect(summary).toContain('4 apps, score 74.2 (C) · 1 not ready · 1 unknown · 1 ready with conditions · 1 ready');
    expect(summary).toContain('Topics: probes 50 · storage 100 · config 0 · security 0 · images 66.7');
    expect(summary).toContain('error: k8s/broken.yaml:7: document 2 is not valid YAML');
    expect(summary).toContain('note: k8s/values.yaml:1:');
    expect(summary).toContain('could not read persistentvolumes in prod (403)');
    expect(summary).toContain('Not read by any check: Ingress ×3, NetworkPolicy ×1');
  });

  it('fits every line to the width, truncating long messages with an ellipsis', () => {
    for (const width of [40, 60, 80, 100, 140]) {
      const out = renderTable(sampleReport(), { width });
      for (const l of out.split('\n')) expect(displayWidth(l), `${width}: ${l}`).toBeLessThanOrEqual(width);
    }
    expect(plain).toMatch(/and a newline, then ]]>…$/m);
  });

  it('never lets control characters from manifests reach the terminal', () => {
    expect(plain).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(plain).toContain('uses no tag[31m (red!) and a newline');
  });

  it('colours only when asked, and colour does not change the layout', () => {
    expect(plain).not.toMatch(ANSI);
    const coloured = renderTable(sampleReport(), { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, '')).toBe(plain);
    expect(coloured).toContain('\x1b[31mcritical');
  });

  it('says so when there is nothing to show', () => {
    const empty = renderTable({ ...sampleReport(), apps: [], notes: [], errors: [], unreadKinds: {}, summary: { ...sampleReport().summary, apps: 0, score: null, grade: null } });
    expect(empty).toContain('No workloads found in the input.');
    expect(empty).toContain('0 apps, score n/a');
  });
});

describe('text width', () => {
  it('counts wide characters twice and ANSI not at all', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('\x1b[31mred\x1b[0m')).toBe(3);
  });

  it('truncates at a word boundary when one is near the end', () => {
    expect(truncate('Container app has no readiness probe', 30)).toBe('Container app has no…');
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect(displayWidth(truncate('日本語のメッセージです', 7))).toBeLessThanOrEqual(7);
  });
});
