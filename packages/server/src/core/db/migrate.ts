import { Migrator, sql, type Kysely } from 'kysely';
import type { DialectName } from '../config/database-url.ts';
import { migrationProvider } from './migrations/index.ts';
import type { DB } from './schema.ts';

async function createMigrator(db: Kysely<DB>, dialect: DialectName): Promise<Migrator> {
  // Kysely looks for its bookkeeping table in every schema unless told which one; on
  // PostgreSQL that is whatever search_path puts first (tests isolate with their own schema).
  let migrationTableSchema: string | undefined;
  if (dialect === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  return new Migrator({ db, provider: migrationProvider(dialect), migrationTableSchema });
}

export class MigrationError extends Error {
  constructor(migration: string, cause: unknown) {
    super(`migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'MigrationError';
  }
}

/** Brings the schema up to date; safe to run concurrently from several replicas. */
export async function migrateToLatest(db: Kysely<DB>, dialect: DialectName): Promise<string[]> {
  const migrator = await createMigrator(db, dialect);
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'setup';
    throw new MigrationError(failed, error);
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations not yet applied; empty when the schema is current. */
export async function pendingMigrations(db: Kysely<DB>, dialect: DialectName): Promise<string[]> {
  const migrator = await createMigrator(db, dialect);
  const migrations = await migrator.getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
