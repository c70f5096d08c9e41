import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from './each-test-database';
import {
  appliedMigrations,
  auditLog,
  createExemption,
  deletePlanEntry,
  getExemption,
  getPlanEntry,
  importPlanEntries,
  isIsoDate,
  listExemptions,
  listPlanEntries,
  MIGRATION_NAMES,
  PlanImportError,
  PlanInputError,
  saveScan,
  storedReport,
  subjectTypeOf,
  upsertPlanEntry,
} from './index';
import { makeReport } from './test-support';

const T0 = new Date('2026-11-20T10:00:00.000Z');
const T1 = new Date('2026-11-21T10:00:00.000Z');
const CART = 'app:prod/shop/Deployment/cart';

describe('plan input rules', () => {
  it('knows real dates from look-alikes', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('01/02/2026')).toBe(false);
  });

  it('reads the subject type', () => {
    expect(subjectTypeOf(CART)).toBe('app');
    expect(subjectTypeOf('group:shop')).toBe('group');
    expect(subjectTypeOf('group:')).toBeNull();
    expect(subjectTypeOf('app:prod/shop/cart')).toBeNull();
    expect(subjectTypeOf('prod/shop/Deployment/cart')).toBeNull();
  });
});

describeEachDatabase('migration plan', (db, target) => {
  it('creates, reads, updates and deletes an entry, each change audited', async () => {
    const a = await upsertPlanEntry(db.store, { subject: ` ${CART} `, owner: ' payments ', wave: 'wave 1', targetDate: '2026-12-01', note: '' }, 'alice', T0);
    expect(a.created).toBe(true);
    expect(a.entry).toEqual({ subject: CART, subjectType: 'app', owner: 'payments', wave: 'wave 1', targetDate: '2026-12-01', note: '', updatedAt: T0.toISOString(), updatedBy: 'alice' });
    expect(await getPlanEntry(db.store, CART)).toEqual(a.entry);

    const b = await upsertPlanEntry(db.store, { subject: CART, owner: 'payments', wave: 'wave 2', targetDate: '' }, 'bob', T1);
    expect(b).toMatchObject({ created: false, changed: true, entry: { wave: 'wave 2', targetDate: null, updatedBy: 'bob' } });
    // Saving the same values again changes nothing and logs nothing.
    const c = await upsertPlanEntry(db.store, { subject: CART, owner: 'payments', wave: 'wave 2' }, 'carol', new Date());
    expect(c).toMatchObject({ created: false, changed: false, entry: { updatedBy: 'bob' } });

    expect(await deletePlanEntry(db.store, CART, 'dave', T1)).toBe(true);
    expect(await deletePlanEntry(db.store, CART, 'dave', T1)).toBe(false);
    expect(await getPlanEntry(db.store, CART)).toBeNull();

    const log = await auditLog(db.store, { subject: `plan/${CART}` });
    expect(log.map((e) => [e.action, e.actor])).toEqual([
      ['plan.delete', 'dave'],
      ['plan.update', 'bob'],
      ['plan.create', 'alice'],
    ]);
    expect(log[1]?.detail).toMatchObject({ before: { wave: 'wave 1', targetDate: '2026-12-01' }, after: { wave: 'wave 2', targetDate: null } });
    expect(log[0]?.detail).toMatchObject({ subject: CART, wave: 'wave 2' });
  });

  it('refuses invalid input and saves nothing', async () => {
    const bad = [
      { subject: CART, owner: '', wave: 'w1' },
      { subject: CART, owner: 'o', wave: '  ' },
      { subject: CART, owner: 'o', wave: 'w1', targetDate: '2026-13-01' },
      { subject: 'shop', owner: 'o', wave: 'w1' },
    ];
    for (const input of bad) await expect(upsertPlanEntry(db.store, input, 'alice')).rejects.toBeInstanceOf(PlanInputError);
    await expect(upsertPlanEntry(db.store, { subject: CART, owner: 'o', wave: 'w' }, ' ')).rejects.toThrow(/actor/);
    const e = await upsertPlanEntry(db.store, { subject: CART, owner: 'o', wave: 'w1', targetDate: '2026-02-30' }, 'alice').catch((x: unknown) => x);
    expect((e as PlanInputError).problems).toEqual(['target_date 2026-02-30 is not a date (YYYY-MM-DD)']);
    expect(await listPlanEntries(db.store)).toEqual([]);
    expect(await auditLog(db.store)).toEqual([]);
  });

  it('lists by wave then subject, and filters by subjects or wave', async () => {
    await upsertPlanEntry(db.store, { subject: 'group:shop', owner: 'shop team', wave: 'wave 2' }, 'alice', T0);
    await upsertPlanEntry(db.store, { subject: CART, owner: 'payments', wave: 'wave 1' }, 'alice', T0);
    await upsertPlanEntry(db.store, { subject: 'group:billing', owner: 'payments', wave: 'wave 1' }, 'alice', T0);
    expect((await listPlanEntries(db.store)).map((e) => e.subject)).toEqual([CART, 'group:billing', 'group:shop']);
    expect((await listPlanEntries(db.store, { subjects: ['group:shop', 'group:nope'] })).map((e) => e.subject)).toEqual(['group:shop']);
    expect(await listPlanEntries(db.store, { subjects: [] })).toEqual([]);
    expect((await listPlanEntries(db.store, { wave: 'wave 1' })).map((e) => e.subjectType)).toEqual(['app', 'group']);
  });

  it('imports all rows in one go, or none with every line that is wrong', async () => {
    await upsertPlanEntry(db.store, { subject: 'group:shop', owner: 'old owner', wave: 'wave 9' }, 'alice', T0);
    const refused = await importPlanEntries(
      db.store,
      [
        { line: 2, input: { subject: 'group:billing', owner: 'payments', wave: 'wave 1' } },
        { line: 3, input: { subject: 'group:shop', owner: 'shop', wave: 'wave 2', targetDate: '2026-13-01' } },
        { line: 4, input: { subject: 'group:billing', owner: 'x', wave: 'wave 3' } },
        { line: 5, input: { subject: CART, owner: '', wave: '' } },
      ],
      'bob',
      T1,
    ).catch((x: unknown) => x);
    expect(refused).toBeInstanceOf(PlanImportError);
    expect((refused as PlanImportError).lineErrors).toEqual([
      { line: 3, message: 'target_date 2026-13-01 is not a date (YYYY-MM-DD)' },
      { line: 4, message: 'group:billing is already planned on line 2' },
      { line: 5, message: 'owner is required' },
      { line: 5, message: 'wave is required' },
    ]);
    expect((await listPlanEntries(db.store)).map((e) => [e.subject, e.owner])).toEqual([['group:shop', 'old owner']]);

    const done = await importPlanEntries(
      db.store,
      [
        { line: 2, input: { subject: 'group:billing', owner: 'payments', wave: 'wave 1', targetDate: '2026-12-01' } },
        { line: 3, input: { subject: 'group:shop', owner: 'shop', wave: 'wave 2', note: 'after the sale' } },
        { line: 4, input: { subject: CART, owner: 'payments', wave: 'wave 1' } },
      ],
      'bob',
      T1,
    );
    expect(done).toMatchObject({ created: 2, updated: 1, unchanged: 0 });
    expect((await listPlanEntries(db.store)).map((e) => [e.subject, e.owner, e.wave, e.targetDate, e.note, e.updatedBy])).toEqual([
      [CART, 'payments', 'wave 1', null, '', 'bob'],
      ['group:billing', 'payments', 'wave 1', '2026-12-01', '', 'bob'],
      ['group:shop', 'shop', 'wave 2', null, 'after the sale', 'bob'],
    ]);
    const actions = (await auditLog(db.store)).map((e) => `${e.action} ${e.subject}`);
    expect(actions.slice(0, 3).sort()).toEqual([`plan.import.create plan/${CART}`, 'plan.import.create plan/group:billing', 'plan.import.update plan/group:shop']);

    const again = await importPlanEntries(db.store, [{ line: 2, input: { subject: 'group:shop', owner: 'shop', wave: 'wave 2', note: 'after the sale' } }], 'bob');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    await expect(importPlanEntries(db.store, [], 'bob')).rejects.toBeInstanceOf(PlanImportError);
  });

  it('upgrades a db.store of the previous schema (0001–0002) with data in it, keeping the data', async () => {
    await db.store.close();
    await db.tdb.drop();
    db.tdb = await target.create();
    const previous = MIGRATION_NAMES[MIGRATION_NAMES.indexOf('0003_plan_settings_versions') - 1]!;
    db.store = await db.tdb.open({ migrateTo: previous });
    expect(await appliedMigrations(db.store)).toEqual(['0001_initial', '0002_exemptions_audit']);
    const report = makeReport({ scanId: 'scan-old', finishedAt: '2026-11-01T06:00:00.000Z', apps: [{ name: 'cart', group: 'shop', verdict: 'notReady', fails: [{ check: 'probe-readiness-missing' }] }] });
    await saveScan(db.store, report);
    const exemption = await createExemption(db.store, { scope: 'check', checks: ['*'], reason: 'legacy', owner: 'ops', expires: '2027-01-01' }, 'alice', T0);
    await db.store.close();

    db.store = await db.tdb.open({ migrateTo: '0003_plan_settings_versions' });
    expect(await appliedMigrations(db.store)).toEqual(MIGRATION_NAMES.slice(0, MIGRATION_NAMES.indexOf('0003_plan_settings_versions') + 1));
    expect(await storedReport(db.store, 'scan-old')).toEqual(report);
    expect(await getExemption(db.store, exemption.id)).toEqual(exemption);
    expect(await listExemptions(db.store)).toHaveLength(1);
    expect((await auditLog(db.store)).map((e) => e.action)).toEqual(['exemption.create']);
    expect(await listPlanEntries(db.store)).toEqual([]);
    await upsertPlanEntry(db.store, { subject: 'group:shop', owner: 'shop', wave: 'wave 1', targetDate: '2026-12-24' }, 'alice', T1);
    expect(await getPlanEntry(db.store, 'group:shop')).toMatchObject({ wave: 'wave 1', targetDate: '2026-12-24' });
  });
});
