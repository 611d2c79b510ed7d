import { Kysely, MysqlDialect, PostgresDialect, type Dialect } from 'kysely';
import { createPool as createMysqlPool } from 'mysql2';
import pg from 'pg';
import type { DatabaseConfig, DialectName } from '../config/database-url.ts';
import { createNodeSqliteDialect } from './node-sqlite-dialect.ts';
import type { DB } from './schema.ts';

const PG_INT8_OID = 20;

/** int8 (bigint, count(*)) comes back from pg as a string; our bigints are epoch millis and counts. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PG_INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface DatabaseOptions {
  /** Errors of idle pooled connections (a database restart); unhandled, they would crash the process. */
  onPoolError?: (error: Error) => void;
}

function createDialect(config: DatabaseConfig, options: DatabaseOptions): Dialect {
  switch (config.dialect) {
    case 'sqlite':
      return createNodeSqliteDialect(config.path);
    case 'postgres': {
      const pool = new pg.Pool({ connectionString: config.url, max: 10, types: pgTypes });
      pool.on('error', (error) => options.onPoolError?.(error));
      return new PostgresDialect({ pool });
    }
    case 'mysql':
      return new MysqlDialect({
        pool: createMysqlPool({ uri: config.url, connectionLimit: 10, charset: 'utf8mb4_unicode_ci' }),
      });
  }
}

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
}

/** Connections are made lazily by the pools; call `ping` to find out whether it is reachable. */
export function createDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Database {
  return { db: new Kysely<DB>({ dialect: createDialect(config, options) }), dialect: config.dialect };
}
