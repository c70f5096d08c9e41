import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrationProvider, MIGRATION_NAMES } from './migrations';
import type { Database, Dialect } from './schema';

export const DEFAULT_SQLITE_PATH = './data/drydock.sqlite';

export interface StoreOptions {
  /** PostgreSQL connection string; when set the store uses PostgreSQL (default: env DATABASE_URL). */
  databaseUrl?: string | null;
  /** SQLite file (default: env DRYDOCK_DB_PATH, else ./data/drydock.sqlite); created with its folder. */
  path?: string;
  /** Keep scans for this many days (default: env DRYDOCK_RETENTION_DAYS; null = keep every scan). */
  retentionDays?: number | null;
  /**
   * Keep each scan's full report for this many days; older scans keep their summary, app and
   * finding rows (every trend still works) but not the report. Default: env
   * DRYDOCK_REPORT_RETENTION_DAYS; null = as long as the scan.
   */
  reportRetentionDays?: number | null;
  /** Migrate to this migration instead of the latest (tests of upgrades); false = do not migrate. */
  migrateTo?: string | false;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where the data lives: the SQLite file, or the PostgreSQL URL without its password. */
  readonly location: string;
  readonly retentionDays: number | null;
  readonly reportRetentionDays: number | null;
  close(): Promise<void>;
}

function days(env: NodeJS.ProcessEnv, name: string): number | null {
  const raw = env[name];
  if (!raw) return null;
  const n = Number(raw);
  if (!(Number.isFinite(n) && n > 0)) throw new Error(`${name} must be a positive number of days, not "${raw}"`);
  return n;
}

/**
 * The store settings from the environment: DATABASE_URL, DRYDOCK_DB_PATH, DRYDOCK_RETENTION_DAYS,
 * DRYDOCK_REPORT_RETENTION_DAYS.
 */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  return {
    databaseUrl: env.DATABASE_URL || null,
    path: env.DRYDOCK_DB_PATH || DEFAULT_SQLITE_PATH,
    retentionDays: days(env, 'DRYDOCK_RETENTION_DAYS'),
    reportRetentionDays: days(env, 'DRYDOCK_REPORT_RETENTION_DAYS'),
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

/**
 * Open the history store and bring its schema up to date: PostgreSQL when a database URL is given,
 * else SQLite (WAL mode) at `path`. Options left out come from the environment.
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const env = storeOptionsFromEnv();
  const databaseUrl = options.databaseUrl === undefined ? env.databaseUrl : options.databaseUrl;
  const retentionDays = options.retentionDays === undefined ? (env.retentionDays ?? null) : options.retentionDays;
  const reportRetentionDays = options.reportRetentionDays === undefined ? (env.reportRetentionDays ?? null) : options.reportRetentionDays;
  let db: Kysely<Database>;
  let dialect: Dialect;
  let location: string;
  if (databaseUrl) {
    dialect = 'postgres';
    location = redact(databaseUrl);
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    // An idle pooled connection that the server ends (a restart, pg_terminate_backend, DROP DATABASE
    // … WITH (FORCE), a failover) is reported as an 'error' event on the pool; unhandled, it would
    // crash the whole process. The pool has already discarded that client and opens a new one on the
    // next query, so a warning is all it needs. https://node-postgres.com/apis/pool#error
    pool.on('error', (e) => console.warn(`drydock: history store (${redact(databaseUrl)}): idle connection lost: ${e.message}`));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = 'sqlite';
    const file = options.path ?? env.path ?? DEFAULT_SQLITE_PATH;
    location = file;
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  const store: Store = { db, dialect, location, retentionDays, reportRetentionDays, close: () => db.destroy() };
  if (options.migrateTo !== false) {
    try {
      await migrateStore(store, options.migrateTo);
    } catch (e) {
      await db.destroy();
      throw e;
    }
  }
  return store;
}

/** Run the migrations up to `target` (default: the latest). Throws with the failing migration's error. */
export async function migrateStore(store: Store, target?: string): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
  if (target !== undefined && !MIGRATION_NAMES.includes(target)) throw new Error(`unknown migration "${target}"`);
  const result = target === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}

/** The migrations applied so far, in order. */
export async function appliedMigrations(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
  return (await migrator.getMigrations()).filter((m) => m.executedAt).map((m) => m.name);
}
