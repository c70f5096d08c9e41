import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from './open-store';
import { TEST_DATABASES, type TestDatabase } from './test-support';

/** The database of the running test: a fresh one per test (tests may drop and reopen it). */
export interface TestStore {
  tdb: TestDatabase;
  store: Store;
}

/**
 * `describe(title on <database>)` once per test database — SQLite always, PostgreSQL when
 * DATABASE_URL is set (npm test runs the store tests again under scripts/with-postgres.sh) — each
 * test on a fresh, migrated store in `db`, closed and dropped after it.
 */
export function describeEachDatabase(title: string, body: (db: TestStore, target: (typeof TEST_DATABASES)[number]) => void): void {
  for (const target of TEST_DATABASES) {
    describe.skipIf(!target.enabled)(`${title} on ${target.name}`, () => {
      const db = {} as TestStore;
      beforeEach(async () => {
        db.tdb = await target.create();
        db.store = await db.tdb.open();
      });
      afterEach(async () => {
        await db.store.close();
        await db.tdb.drop();
      });
      body(db, target);
    });
  }
}
