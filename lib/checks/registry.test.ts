import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFixtures } from './fixture-support';
import { CHECKS } from './registry';
import { TOPICS } from './types';

const fixtures = listFixtures();
const dir = path.resolve(__dirname);

describe('check registry', () => {
  it('has unique IDs', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('registers every check file, and each check lives in a file named after its ID under its topic', () => {
    const files = TOPICS.flatMap((t) =>
      readdirSync(path.join(dir, t))
        .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts') && !f.startsWith('_'))
        .map((f) => `${t}/${f.slice(0, -3)}`),
    );
    expect(files.sort()).toEqual(CHECKS.map((c) => `${c.topic}/${c.id}`).sort());
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s has pass and fail fixtures, metadata and docs', (id, check) => {
    const own = fixtures.filter((f) => f.checkId === id);
    expect(own.some((f) => f.kind === 'pass'), `${id}: no pass.*.yaml fixture`).toBe(true);
    expect(own.some((f) => f.kind === 'fail'), `${id}: no fail.*.yaml fixture`).toBe(true);
    expect(own.every((f) => f.topic === check.topic)).toBe(true);
    if (check.fixKind !== 'advice' && check.needs !== 'fleet') {
      expect(own.some((f) => f.fixedFile), `${id}: a ${check.fixKind} fix needs a fail.*.fixed.yaml`).toBe(true);
    }
    expect(check.title.length).toBeGreaterThan(5);
    expect(check.summary.length).toBeGreaterThan(10);
    expect(check.rationale.length).toBeGreaterThan(40);
    expect(check.docs.length).toBeGreaterThan(0);
    for (const d of check.docs) expect(d).toMatch(/^https:\/\//);
  });

  it('has fixtures only for registered checks', () => {
    const ids = new Set(CHECKS.map((c) => c.id));
    for (const f of fixtures) expect(ids.has(f.checkId), `${f.file}: no check ${f.checkId}`).toBe(true);
  });
});
