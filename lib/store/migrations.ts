import { sql, type Kysely, type Migration, type MigrationProvider, type CreateTableBuilder } from 'kysely';
import type { Dialect } from './schema';

/**
 * Versioned migrations, run at start (openStore). Names sort in order; never edit a released one —
 * add the next. Written with Kysely's schema builder so SQLite and PostgreSQL share them; the few
 * differences (serial ids, bytea, WITHOUT ROWID) are switched on the dialect.
 */
// Migrations must accept any database (Kysely's own convention).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function serialId(d: Dialect) {
  return <T extends string>(t: CreateTableBuilder<T, never>) =>
    d === 'postgres' ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** SQLite: a clustered table (the primary key is the row), no hidden rowid. */
function clustered<T extends string, C extends string>(d: Dialect, t: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> {
  return d === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t;
}

function initial(d: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await serialId(d)(db.schema.createTable('scans'))
        .addColumn('scan_id', 'text', (c) => c.notNull().unique())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text', (c) => c.notNull())
        .addColumn('source_type', 'text', (c) => c.notNull())
        .addColumn('clusters', 'text', (c) => c.notNull())
        .addColumn('apps', 'integer', (c) => c.notNull())
        .addColumn('score_x10', 'integer')
        .addColumn('grade', 'text')
        .addColumn('ready', 'integer', (c) => c.notNull())
        .addColumn('ready_with_conditions', 'integer', (c) => c.notNull())
        .addColumn('not_ready', 'integer', (c) => c.notNull())
        .addColumn('unknown', 'integer', (c) => c.notNull())
        .addColumn('topics', 'text', (c) => c.notNull())
        .addColumn('critical_failed', 'integer', (c) => c.notNull())
        .addColumn('report', d === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('report_encoding', 'text', (c) => c.notNull())
        .addColumn('report_bytes', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('scans_finished_at').on('scans').column('finished_at').execute();

      await serialId(d)(db.schema.createTable('app_refs'))
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('cluster', 'text', (c) => c.notNull())
        .addColumn('namespace', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('grp', 'text', (c) => c.notNull())
        .addColumn('team', 'text', (c) => c.notNull())
        .addUniqueConstraint('app_refs_identity', ['app_id', 'grp', 'team'])
        .execute();
      await db.schema.createIndex('app_refs_scope').on('app_refs').columns(['cluster', 'namespace']).execute();
      await db.schema.createIndex('app_refs_team').on('app_refs').column('team').execute();
      await db.schema.createIndex('app_refs_grp').on('app_refs').column('grp').execute();

      await serialId(d)(db.schema.createTable('check_refs'))
        .addColumn('check_id', 'text', (c) => c.notNull().unique())
        .addColumn('topic', 'text', (c) => c.notNull())
        .execute();

      await clustered(
        d,
        db.schema
          .createTable('scan_apps')
          .addColumn('scan', 'integer', (c) => c.notNull())
          .addColumn('app', 'integer', (c) => c.notNull())
          .addColumn('score_x10', 'integer')
          .addColumn('verdict', 'integer', (c) => c.notNull())
          .addColumn('topic_scores', 'text', (c) => c.notNull())
          .addColumn('topic_counts', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('scan_apps_pk', ['scan', 'app']),
      ).execute();
      await db.schema.createIndex('scan_apps_app').on('scan_apps').columns(['app', 'scan']).execute();

      await clustered(
        d,
        db.schema
          .createTable('findings')
          .addColumn('scan', 'integer', (c) => c.notNull())
          .addColumn('app', 'integer', (c) => c.notNull())
          .addColumn('check_ref', 'integer', (c) => c.notNull())
          .addColumn('container', 'text', (c) => c.notNull())
          .addColumn('status', 'integer', (c) => c.notNull())
          .addColumn('severity', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('findings_pk', ['scan', 'app', 'check_ref', 'container']),
      ).execute();
    },
    async down(db: AnyDb) {
      for (const t of ['findings', 'scan_apps', 'check_refs', 'app_refs', 'scans']) await db.schema.dropTable(t).execute();
    },
  };
}

function exemptionsAndAudit(d: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('exemptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('checks', 'text', (c) => c.notNull())
        .addColumn('cluster', 'text')
        .addColumn('namespace', 'text')
        .addColumn('app', 'text')
        .addColumn('container', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('expires', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exemptions_expires').on('exemptions').column('expires').execute();
      await serialId(d)(db.schema.createTable('audit_log'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('audit_log').execute();
      await db.schema.dropTable('exemptions').execute();
    },
  };
}

/**
 * Migration plan entries (owner, wave, target date per group or app), server settings changed from
 * the UI (e.g. ignoring annotation exemptions), and what each app ran per scan (images, revision,
 * rollback target) so the fleet's roll-out order can be read from history without reading reports.
 */
function planSettingsVersions(d: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('plan_entries')
        .addColumn('subject', 'text', (c) => c.primaryKey())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('wave', 'text', (c) => c.notNull())
        .addColumn('target_date', 'text')
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('plan_entries_wave').on('plan_entries').column('wave').execute();
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await clustered(
        d,
        db.schema
          .createTable('app_versions')
          .addColumn('scan', 'integer', (c) => c.notNull())
          .addColumn('app', 'integer', (c) => c.notNull())
          .addColumn('images', 'text', (c) => c.notNull())
          .addColumn('revision', 'integer')
          .addColumn('rollback', 'text')
          .addPrimaryKeyConstraint('app_versions_pk', ['scan', 'app']),
      ).execute();
      await db.schema.createIndex('app_versions_app').on('app_versions').columns(['app', 'scan']).execute();
    },
    async down(db: AnyDb) {
      for (const t of ['app_versions', 'settings', 'plan_entries']) await db.schema.dropTable(t).execute();
    },
  };
}

/** Every migration, by name, in order. */
export function migrationsFor(d: Dialect): Record<string, Migration> {
  return {
    '0001_initial': initial(d),
    '0002_exemptions_audit': exemptionsAndAudit(d),
    '0003_plan_settings_versions': planSettingsVersions(d),
  };
}

export const MIGRATION_NAMES = Object.keys(migrationsFor('sqlite'));

export function migrationProvider(d: Dialect): MigrationProvider {
  return { getMigrations: async () => migrationsFor(d) };
}
