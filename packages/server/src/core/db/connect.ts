import { sql } from 'kysely';
import { ConfigError } from '../config/config-error.ts';
import { describeDatabase, type DatabaseConfig } from '../config/database-url.ts';
import { createDatabase, type Database, type DatabaseOptions } from './database.ts';
import { migrateToLatest } from './migrate.ts';

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return reason(error.errors[0]);
  const e = error as { message?: string; code?: string };
  return e.message || e.code || String(error);
}

/**
 * Opens the database, checks it answers and migrates it. Failures become a ConfigError
 * naming ATRIUM_DATABASE_URL, with the password left out.
 */
export async function connectDatabase(
  config: DatabaseConfig,
  options: DatabaseOptions = {},
): Promise<Database & { migrated: string[] }> {
  const database = createDatabase(config, options);
  try {
    await sql`select 1`.execute(database.db);
  } catch (error) {
    await database.db.destroy();
    throw new ConfigError(
      'ATRIUM_DATABASE_URL',
      `cannot reach ${describeDatabase(config)}: ${reason(error)}`,
    );
  }
  try {
    return { ...database, migrated: await migrateToLatest(database.db, database.dialect) };
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
}
