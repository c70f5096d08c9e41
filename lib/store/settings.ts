import type { Store } from './open-store';

/**
 * Server settings changed from the dashboard (the admin section), one JSON value per key, each
 * change written to the audit log in the same transaction (who, when, before and after).
 */

/** Admin switch: annotation exemptions (`drydock.dev/exempt`) no longer exempt anything. */
export const IGNORE_ANNOTATION_EXEMPTIONS = 'ignoreAnnotationExemptions';

export interface StoredSetting {
  key: string;
  value: unknown;
  updatedAt: string;
  updatedBy: string;
}

/** Bad setting input (no key, no actor, a value that is not JSON): a 400. */
export class SettingInputError extends Error {}

/** One setting, or null when it was never set. */
export async function getSetting(store: Store, key: string): Promise<StoredSetting | null> {
  const r = await store.db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
  return r ? { key: r.key, value: JSON.parse(r.value) as unknown, updatedAt: r.updated_at, updatedBy: r.updated_by } : null;
}

/** Every stored setting, by key. */
export async function listSettings(store: Store): Promise<StoredSetting[]> {
  const rows = await store.db.selectFrom('settings').selectAll().orderBy('key').execute();
  return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as unknown, updatedAt: r.updated_at, updatedBy: r.updated_by }));
}

/** Set (insert or replace) a setting; audited as `setting.update` on `setting/<key>` with before and after. */
export async function setSetting(store: Store, key: string, value: unknown, actor: string, now = new Date()): Promise<StoredSetting> {
  if (!key.trim()) throw new SettingInputError('a setting needs a key');
  if (!actor.trim()) throw new SettingInputError('the audit log needs who made the change (actor)');
  if (value === undefined) throw new SettingInputError(`setting ${key} needs a value`);
  const json = JSON.stringify(value);
  const at = now.toISOString();
  await store.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    await trx
      .insertInto('settings')
      .values({ key, value: json, updated_at: at, updated_by: actor })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at, updated_by: actor }))
      .execute();
    const detail = { before: before ? (JSON.parse(before.value) as unknown) : null, after: value };
    await trx.insertInto('audit_log').values({ at, actor, action: 'setting.update', subject: `setting/${key}`, detail: JSON.stringify(detail) }).execute();
  });
  return { key, value, updatedAt: at, updatedBy: actor };
}
