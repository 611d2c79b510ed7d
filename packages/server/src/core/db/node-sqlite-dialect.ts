import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { LruMap } from '../lru-map.ts';

function bindable(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((value) => {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value === undefined) return null;
    return value as SQLInputValue;
  });
}

/** Adapts node:sqlite's StatementSync to the better-sqlite3 shape Kysely's driver expects. */
class NodeSqliteStatement implements SqliteStatement {
  readonly #statement: StatementSync;
  readonly reader: boolean;

  constructor(statement: StatementSync) {
    this.#statement = statement;
    // Row-returning statements (SELECT, … RETURNING, some PRAGMAs) report their columns.
    this.reader = statement.columns().length > 0;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#statement.all(...bindable(parameters));
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#statement.run(...bindable(parameters));
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#statement.iterate(...bindable(parameters));
  }
}

/** Distinct statements kept prepared; Atrium's queries are a few hundred shapes at most. */
const STATEMENT_CACHE_SIZE = 500;

class NodeSqliteDatabase implements SqliteDatabase {
  readonly #database: DatabaseSync;
  // Kysely prepares every query it runs: compiling the same SQL again on each request (the
  // token and permission look-ups) costs more than running it.
  readonly #statements = new LruMap<string, NodeSqliteStatement>(STATEMENT_CACHE_SIZE);

  constructor(database: DatabaseSync) {
    this.#database = database;
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = new NodeSqliteStatement(this.#database.prepare(sql));
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    if (this.#database.isOpen) this.#database.close();
  }
}

/** Opens (creating its directory if needed) an SQLite file with the settings Atrium relies on. */
export function openSqliteFile(file: string): DatabaseSync {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const database = new DatabaseSync(file, { timeout: 5000 });
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = NORMAL');
  database.exec('PRAGMA foreign_keys = ON');
  return database;
}

/** Kysely's SQLite dialect (compiler, adapter, introspector, driver) over node:sqlite. */
export function createNodeSqliteDialect(file: string): SqliteDialect {
  return new SqliteDialect({ database: async () => new NodeSqliteDatabase(openSqliteFile(file)) });
}
