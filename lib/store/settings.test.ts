import { expect, it } from 'vitest';
import { describeEachDatabase } from './each-test-database';
import { auditLog, getSetting, IGNORE_ANNOTATION_EXEMPTIONS, listSettings, setSetting, SettingInputError } from './index';

describeEachDatabase('settings', (db) => {
  it('is null until set, then keeps the value, who and when; a second set replaces it', async () => {
    expect(await getSetting(db.store, IGNORE_ANNOTATION_EXEMPTIONS)).toBeNull();
    const t1 = new Date('2026-11-26T10:00:00.000Z');
    await setSetting(db.store, IGNORE_ANNOTATION_EXEMPTIONS, true, 'alice', t1);
    expect(await getSetting(db.store, IGNORE_ANNOTATION_EXEMPTIONS)).toEqual({ key: IGNORE_ANNOTATION_EXEMPTIONS, value: true, updatedAt: t1.toISOString(), updatedBy: 'alice' });
    const t2 = new Date('2026-11-26T11:00:00.000Z');
    await setSetting(db.store, IGNORE_ANNOTATION_EXEMPTIONS, false, 'bob', t2);
    await setSetting(db.store, 'other', { n: 1 }, 'bob', t2);
    expect(await getSetting(db.store, IGNORE_ANNOTATION_EXEMPTIONS)).toMatchObject({ value: false, updatedBy: 'bob', updatedAt: t2.toISOString() });
    expect((await listSettings(db.store)).map((s) => [s.key, s.value])).toEqual([
      [IGNORE_ANNOTATION_EXEMPTIONS, false],
      ['other', { n: 1 }],
    ]);
  });

  it('audits every change with before and after', async () => {
    await setSetting(db.store, IGNORE_ANNOTATION_EXEMPTIONS, true, 'alice');
    await setSetting(db.store, IGNORE_ANNOTATION_EXEMPTIONS, false, 'bob');
    const log = await auditLog(db.store);
    expect(log.map((e) => [e.action, e.actor, e.subject, e.detail])).toEqual([
      ['setting.update', 'bob', `setting/${IGNORE_ANNOTATION_EXEMPTIONS}`, { before: true, after: false }],
      ['setting.update', 'alice', `setting/${IGNORE_ANNOTATION_EXEMPTIONS}`, { before: null, after: true }],
    ]);
  });

  it('refuses a change without an actor or a value, and stores nothing then', async () => {
    await expect(setSetting(db.store, IGNORE_ANNOTATION_EXEMPTIONS, true, '  ')).rejects.toBeInstanceOf(SettingInputError);
    await expect(setSetting(db.store, IGNORE_ANNOTATION_EXEMPTIONS, undefined, 'alice')).rejects.toThrow(/needs a value/);
    expect(await getSetting(db.store, IGNORE_ANNOTATION_EXEMPTIONS)).toBeNull();
    expect(await auditLog(db.store)).toEqual([]);
  });
});
