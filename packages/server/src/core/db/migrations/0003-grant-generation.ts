import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../../config/database-url.ts';

type AnyDb = Kysely<unknown>;

/**
 * One counter that every change to roles' codes or to bindings moves, in the same transaction:
 * each replica keeps users' grants in memory for as long as the counter stands still.
 */
export function grantGenerationMigration(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      let table = db.schema
        .createTable('grant_generation')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('generation', 'bigint', (c) => c.notNull());
      if (dialect === 'mysql') {
        table = table.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin`);
      }
      await table.execute();
      await db
        .insertInto('grant_generation' as never)
        .values({ id: 1, generation: 0 } as never)
        .execute();
    },

    async down(db: AnyDb) {
      await db.schema.dropTable('grant_generation').execute();
    },
  };
}
