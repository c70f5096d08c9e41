import { describe, expect, it } from 'vitest';
import type { PlanEntry } from '../store/plan';
import { makeReport } from '../store/test-support';
import { csvRecords } from './plan-csv';
import { isOverdue, renderWavesCsv, todayUtc, wavesOf } from './waves';

const entry = (subject: string, wave: string, owner: string, targetDate: string | null = null): PlanEntry => ({
  subject,
  subjectType: subject.startsWith('group:') ? 'group' : 'app',
  owner,
  wave,
  targetDate,
  note: '',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'alice',
});

const report = makeReport({
  scanId: 'scan-1',
  finishedAt: '2026-11-20T06:00:00.000Z',
  apps: [
    { name: 'cart', group: 'shop', verdict: 'notReady' },
    { name: 'web', group: 'shop', verdict: 'ready' },
    { name: 'search', group: 'shop', verdict: 'readyWithConditions' },
    { namespace: 'billing', name: 'api', group: 'billing', verdict: 'unknown' },
    { namespace: 'billing', name: 'worker', group: 'billing', verdict: 'ready' },
    { namespace: 'ops', name: 'agent', group: 'ops', verdict: 'notReady' },
  ],
});

describe('wavesOf', () => {
  const entries = [
    entry('group:shop', 'wave 2', 'shop team', '2026-11-01'),
    // An app's own entry beats its group's.
    entry('app:prod/shop/Deployment/search', 'wave 10', 'search team', '2026-12-24'),
    entry('group:billing', 'wave 10', 'payments', '2026-11-26'),
    entry('group:gone', 'wave 1', 'nobody'),
    entry('app:prod/shop/Deployment/deleted', 'wave 1', 'nobody'),
  ];
  const v = wavesOf(report, entries, '2026-11-26');

  it('puts each app in its wave, in natural order, with verdict counts', () => {
    expect(v.waves.map((w) => [w.wave, w.total, w.verdicts])).toEqual([
      ['wave 2', 2, { ready: 1, readyWithConditions: 0, notReady: 1, unknown: 0 }],
      ['wave 10', 3, { ready: 1, readyWithConditions: 1, notReady: 0, unknown: 1 }],
    ]);
    const w10 = v.waves[1]!;
    expect(w10.apps.find((a) => a.name === 'search')).toMatchObject({ subject: 'app:prod/shop/Deployment/search', owner: 'search team', targetDate: '2026-12-24' });
    expect(w10.owners).toEqual(['payments', 'search team']);
    expect([w10.firstDate, w10.lastDate]).toEqual(['2026-11-26', '2026-12-24']);
  });

  it('flags apps past their date that are not ready (ready apps never are), overdue first', () => {
    const w2 = v.waves[0]!;
    expect(w2.apps.map((a) => [a.name, a.overdue])).toEqual([
      ['cart', true],
      ['web', false],
    ]);
    expect(w2.overdue).toBe(1);
    expect(v.waves[1]!.overdue).toBe(0);
    expect(wavesOf(report, entries, '2026-11-27').waves[1]!.apps.filter((a) => a.overdue).map((a) => a.name)).toEqual(['api']);
    expect(v.totals).toEqual({ apps: 6, planned: 5, overdue: 1 });
  });

  it('keeps the apps no entry plans, and the entries that match nothing in this scan', () => {
    expect(v.notPlanned.apps.map((a) => [a.id, a.subject, a.overdue])).toEqual([['prod/ops/Deployment/agent', null, false]]);
    expect(v.notPlanned.verdicts.notReady).toBe(1);
    expect(v.unmatched.map((e) => e.subject)).toEqual(['group:gone', 'app:prod/shop/Deployment/deleted']);
    expect(v.groups).toEqual(['billing', 'ops', 'shop']);
    expect(v.appIds).toHaveLength(6);
  });

  it('a group entry fully shadowed by app entries is not "unmatched"', () => {
    const shadow = wavesOf(makeReport({ scanId: 's', finishedAt: '2026-11-20T06:00:00.000Z', apps: [{ name: 'a', group: 'g' }] }), [entry('group:g', 'w1', 'o'), entry('app:prod/shop/Deployment/a', 'w2', 'p')], '2026-11-26');
    expect(shadow.unmatched).toEqual([]);
    expect(shadow.waves.map((w) => w.wave)).toEqual(['w2']);
  });

  it('with no plan every app is not planned', () => {
    const empty = wavesOf(report, [], '2026-11-26');
    expect(empty.waves).toEqual([]);
    expect(empty.notPlanned.total).toBe(6);
  });
});

describe('overdue and today', () => {
  it('is strict about the date and the verdict', () => {
    expect(isOverdue('2026-11-25', 'notReady', '2026-11-26')).toBe(true);
    expect(isOverdue('2026-11-26', 'notReady', '2026-11-26')).toBe(false);
    expect(isOverdue('2026-11-25', 'ready', '2026-11-26')).toBe(false);
    expect(isOverdue('2026-11-25', 'unknown', '2026-11-26')).toBe(true);
    expect(isOverdue(null, 'notReady', '2026-11-26')).toBe(false);
    expect(todayUtc(new Date('2026-11-26T23:59:59Z'))).toBe('2026-11-26');
  });
});

describe('renderWavesCsv', () => {
  it('has one row per app: waves in order, then the apps not planned', () => {
    const csv = renderWavesCsv(wavesOf(report, [entry('group:shop', 'wave 1', '=cmd', '2026-11-01')], '2026-11-26'));
    const { records } = csvRecords(csv);
    expect(records[0]?.fields).toEqual(['wave', 'subject', 'app', 'group', 'owner', 'target_date', 'verdict', 'overdue', 'note']);
    expect(records.slice(1).map((r) => r.fields.slice(0, 8))).toEqual([
      ['wave 1', 'group:shop', 'prod/shop/Deployment/cart', 'shop', "'=cmd", '2026-11-01', 'notReady', 'yes'],
      ['wave 1', 'group:shop', 'prod/shop/Deployment/search', 'shop', "'=cmd", '2026-11-01', 'readyWithConditions', 'yes'],
      ['wave 1', 'group:shop', 'prod/shop/Deployment/web', 'shop', "'=cmd", '2026-11-01', 'ready', 'no'],
      ['', '', 'prod/billing/Deployment/api', 'billing', '', '', 'unknown', 'no'],
      ['', '', 'prod/billing/Deployment/worker', 'billing', '', '', 'ready', 'no'],
      ['', '', 'prod/ops/Deployment/agent', 'ops', '', '', 'notReady', 'no'],
    ]);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
