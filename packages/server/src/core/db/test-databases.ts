import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { DatabaseConfig, DialectName } from '../config/database-url.ts';
import { createDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import type { DB } from './schema.ts';

/**
 * Store tests run on every dialect that is configured: SQLite always, PostgreSQL when
 * ATRIUM_TEST_PG_URL is set, MariaDB/MySQL when ATRIUM_TEST_MYSQL_URL is set. A configured
 * database that cannot be reached fails the tests; it never skips them.
 */
export function configuredTestDialects(): DialectName[] {
  const dialects: DialectName[] = ['sqlite'];
  if (process.env['ATRIUM_TEST_PG_URL']) dialects.push('postgres');
  if (process.env['ATRIUM_TEST_MYSQL_URL']) dialects.push('mysql');
  return dialects;
}

export interface TestDatabase {
  dialect: DialectName;
  config: DatabaseConfig;
  db: Kysely<DB>;
  close(): Promise<void>;
}

function isolatedName(): string {
  return `atrium_t_${randomBytes(6).toString('hex')}`;
}

async function isolatePostgres(url: string): Promise<IsolatedDatabase> {
  const schema = isolatedName();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const isolated = new URL(url);
  isolated.searchParams.set('options', `-c search_path=${schema}`);
  return {
    config: { dialect: 'postgres', url: isolated.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}

async function isolateMysql(url: string): Promise<IsolatedDatabase> {
  const name = isolatedName();
  const admin = await mysql.createConnection({ uri: url });
  try {
    await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_bin`);
  } finally {
    await admin.end();
  }
  const isolated = new URL(url.replace(/^mariadb:/, 'mysql:'));
  isolated.pathname = `/${name}`;
  return {
    config: { dialect: 'mysql', url: isolated.toString() },
    async drop() {
      const client = await mysql.createConnection({ uri: url });
      await client.query(`drop database ${name}`);
      await client.end();
    },
  };
}

function isolateSqlite(): IsolatedDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-db-'));
  return {
    config: { dialect: 'sqlite', path: path.join(dir, 'atrium.db') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface IsolatedDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** An empty database (PostgreSQL schema, MariaDB database, SQLite file) for one test file. */
export async function isolateDatabase(dialect: DialectName): Promise<IsolatedDatabase> {
  if (dialect === 'sqlite') return isolateSqlite();
  if (dialect === 'postgres') return isolatePostgres(process.env['ATRIUM_TEST_PG_URL'] ?? '');
  return isolateMysql(process.env['ATRIUM_TEST_MYSQL_URL'] ?? '');
}

/** A fresh, migrated database of the given dialect that no other test file can see. */
export async function openTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const isolated = await isolateDatabase(dialect);
  const { db } = createDatabase(isolated.config);
  try {
    await migrateToLatest(db, dialect);
  } catch (error) {
    await db.destroy();
    await isolated.drop();
    throw error;
  }
  return {
    dialect,
    config: isolated.config,
    db,
    async close() {
      await db.destroy();
      await isolated.drop();
    },
  };
}

export interface DatabaseTestContext {
  readonly dialect: DialectName;
  /** The database of the running test; valid inside tests and hooks. */
  db(): Kysely<DB>;
}

/**
 * `describe` once per configured dialect, titled `<title> [<dialect>]`. If the database
 * cannot be opened, every test of the block fails with that error (rather than being skipped).
 */
export function describeEachDatabase(title: string, body: (context: DatabaseTestContext) => void): void {
  for (const dialect of configuredTestDialects()) {
    describe(`${title} [${dialect}]`, () => {
      let database: TestDatabase | undefined;
      let openError: unknown;
      beforeAll(async () => {
        try {
          database = await openTestDatabase(dialect);
        } catch (error) {
          openError = error;
        }
      });
      afterAll(async () => {
        await database?.close();
      });
      body({
        dialect,
        db() {
          if (database) return database.db;
          throw new Error(`cannot open the ${dialect} test database: ${String(openError)}`, {
            cause: openError,
          });
        },
      });
    });
  }
}
