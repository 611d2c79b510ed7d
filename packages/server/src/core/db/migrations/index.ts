import type { Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../../config/database-url.ts';
import { foundationMigration } from './0001-foundation.ts';
import { clustersMigration } from './0002-clusters.ts';
import { grantGenerationMigration } from './0003-grant-generation.ts';

/** Every migration, in order. Names sort lexically; never rename or edit a released one. */
export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001-foundation': foundationMigration(dialect),
        '0002-clusters': clustersMigration(dialect),
        '0003-grant-generation': grantGenerationMigration(dialect),
      };
    },
  };
}
