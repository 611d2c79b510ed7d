import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../../config/database-url.ts';

type AnyDb = Kysely<unknown>;

/** Registered clusters with their sealed credentials (src/kube/clusters). */
export function clustersMigration(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      let table = db.schema
        .createTable('clusters')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(63)', (c) => c.notNull())
        .addColumn('display_name', 'varchar(128)', (c) => c.notNull())
        .addColumn('description', 'varchar(1024)', (c) => c.notNull())
        .addColumn('environment', 'varchar(32)', (c) => c.notNull())
        .addColumn('region', 'varchar(64)', (c) => c.notNull())
        .addColumn('credential_type', 'varchar(16)', (c) => c.notNull())
        .addColumn('server', 'varchar(2048)', (c) => c.notNull())
        .addColumn('insecure_skip_tls_verify', 'integer', (c) => c.notNull())
        // MySQL's text stops at 64 KiB; a kubeconfig with a CA bundle can be larger.
        .addColumn('credential', dialect === 'mysql' ? sql`mediumtext` : 'text', (c) => c.notNull())
        .addColumn('credential_version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('clusters_name_uq', ['name']);
      if (dialect === 'mysql') {
        table = table.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin`);
      }
      await table.execute();
    },

    async down(db: AnyDb) {
      await db.schema.dropTable('clusters').execute();
    },
  };
}
