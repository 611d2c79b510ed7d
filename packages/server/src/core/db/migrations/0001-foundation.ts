import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../../config/database-url.ts';

type AnyDb = Kysely<unknown>;

/**
 * Users, roles and bindings, sign-in bookkeeping, audit log and settings. Column types are
 * the portable subset: varchar ids, bigint epoch millis, integer 0/1 booleans, text JSON.
 */
export function foundationMigration(dialect: DialectName): Migration {
  // MySQL needs InnoDB for foreign keys and an explicit charset; binary collation makes
  // comparisons case-sensitive, as they are on PostgreSQL and SQLite.
  const table = <T extends string, C extends string>(builder: CreateTableBuilder<T, C>) =>
    dialect === 'mysql'
      ? builder.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin`)
      : builder;

  return {
    async up(db: AnyDb) {
      await table(
        db.schema
          .createTable('users')
          .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
          .addColumn('username', 'varchar(63)', (c) => c.notNull())
          .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
          .addColumn('email', 'varchar(255)', (c) => c.notNull())
          .addColumn('phone', 'varchar(32)', (c) => c.notNull())
          .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
          .addColumn('status', 'varchar(16)', (c) => c.notNull())
          .addColumn('must_change_password', 'integer', (c) => c.notNull())
          .addColumn('last_login_at', 'bigint')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addUniqueConstraint('users_username_uq', ['username']),
      ).execute();

      await table(
        db.schema
          .createTable('roles')
          .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
          .addColumn('name', 'varchar(63)', (c) => c.notNull())
          .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
          .addColumn('description', 'varchar(512)', (c) => c.notNull())
          .addColumn('scope_type', 'varchar(16)', (c) => c.notNull())
          .addColumn('builtin', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addUniqueConstraint('roles_name_uq', ['name']),
      ).execute();

      await table(
        db.schema
          .createTable('role_permissions')
          .addColumn('role_id', 'varchar(36)', (c) => c.notNull())
          .addColumn('permission', 'varchar(128)', (c) => c.notNull())
          .addPrimaryKeyConstraint('role_permissions_pk', ['role_id', 'permission'])
          .addForeignKeyConstraint('role_permissions_role_fk', ['role_id'], 'roles', ['id'], (fk) =>
            fk.onDelete('cascade'),
          ),
      ).execute();

      await table(
        db.schema
          .createTable('role_bindings')
          .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
          .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
          .addColumn('role_id', 'varchar(36)', (c) => c.notNull())
          .addColumn('scope_type', 'varchar(16)', (c) => c.notNull())
          .addColumn('scope_id', 'varchar(255)', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addUniqueConstraint('role_bindings_uq', ['user_id', 'role_id', 'scope_type', 'scope_id'])
          .addForeignKeyConstraint('role_bindings_user_fk', ['user_id'], 'users', ['id'], (fk) =>
            fk.onDelete('cascade'),
          )
          .addForeignKeyConstraint('role_bindings_role_fk', ['role_id'], 'roles', ['id']),
      ).execute();
      await db.schema.createIndex('role_bindings_role_idx').on('role_bindings').column('role_id').execute();
      await db.schema
        .createIndex('role_bindings_scope_idx')
        .on('role_bindings')
        .columns(['scope_type', 'scope_id'])
        .execute();

      await table(
        db.schema
          .createTable('api_tokens')
          .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
          .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
          .addColumn('name', 'varchar(64)', (c) => c.notNull())
          .addColumn('prefix', 'varchar(16)', (c) => c.notNull())
          .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
          .addColumn('scopes', 'text')
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('last_used_at', 'bigint')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addUniqueConstraint('api_tokens_hash_uq', ['token_hash'])
          .addForeignKeyConstraint('api_tokens_user_fk', ['user_id'], 'users', ['id'], (fk) =>
            fk.onDelete('cascade'),
          ),
      ).execute();
      await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

      await table(
        db.schema
          .createTable('refresh_sessions')
          .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
          .addColumn('family_id', 'varchar(36)', (c) => c.notNull())
          .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
          .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('used_at', 'bigint')
          .addColumn('revoked_at', 'bigint')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addUniqueConstraint('refresh_sessions_hash_uq', ['token_hash'])
          .addForeignKeyConstraint('refresh_sessions_user_fk', ['user_id'], 'users', ['id'], (fk) =>
            fk.onDelete('cascade'),
          ),
      ).execute();
      await db.schema
        .createIndex('refresh_sessions_family_idx')
        .on('refresh_sessions')
        .column('family_id')
        .execute();
      await db.schema
        .createIndex('refresh_sessions_user_idx')
        .on('refresh_sessions')
        .column('user_id')
        .execute();

      await table(
        db.schema
          .createTable('login_attempts')
          .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
          .addColumn('username', 'varchar(255)', (c) => c.notNull())
          .addColumn('source_ip', 'varchar(64)', (c) => c.notNull())
          .addColumn('succeeded', 'integer', (c) => c.notNull())
          .addColumn('attempted_at', 'bigint', (c) => c.notNull()),
      ).execute();
      await db.schema
        .createIndex('login_attempts_user_time_idx')
        .on('login_attempts')
        .columns(['username', 'attempted_at'])
        .execute();

      await table(
        db.schema
          .createTable('audit_events')
          .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
          .addColumn('occurred_at', 'bigint', (c) => c.notNull())
          .addColumn('actor_type', 'varchar(16)', (c) => c.notNull())
          .addColumn('actor_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('actor_name', 'varchar(255)', (c) => c.notNull())
          .addColumn('source_ip', 'varchar(64)', (c) => c.notNull())
          .addColumn('action', 'varchar(128)', (c) => c.notNull())
          .addColumn('target_type', 'varchar(64)', (c) => c.notNull())
          .addColumn('target_id', 'varchar(255)', (c) => c.notNull())
          .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('project_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('application_id', 'varchar(255)', (c) => c.notNull())
          .addColumn('status_code', 'integer', (c) => c.notNull())
          .addColumn('error_code', 'varchar(64)', (c) => c.notNull())
          .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
          .addColumn('diff', 'text'),
      ).execute();
      await db.schema.createIndex('audit_events_time_idx').on('audit_events').column('occurred_at').execute();
      await db.schema
        .createIndex('audit_events_action_idx')
        .on('audit_events')
        .columns(['action', 'occurred_at'])
        .execute();
      await db.schema
        .createIndex('audit_events_actor_idx')
        .on('audit_events')
        .columns(['actor_name', 'occurred_at'])
        .execute();

      await table(
        db.schema
          .createTable('settings')
          .addColumn('name', 'varchar(128)', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull()),
      ).execute();
    },

    async down(db: AnyDb) {
      for (const name of [
        'settings',
        'audit_events',
        'login_attempts',
        'refresh_sessions',
        'api_tokens',
        'role_bindings',
        'role_permissions',
        'roles',
        'users',
      ]) {
        await db.schema.dropTable(name).execute();
      }
    },
  };
}
