import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSqliteDialect } from './node-sqlite-dialect.ts';

interface TestDb {
  items: { id: number; name: string; flag: number | null };
}

describe('node:sqlite Kysely dialect', () => {
  let dir: string;
  let db: Kysely<TestDb>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atrium-sqlite-'));
    db = new Kysely<TestDb>({ dialect: createNodeSqliteDialect(path.join(dir, 'nested', 'test.db')) });
    await db.schema
      .createTable('items')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('flag', 'integer')
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the file’s directory and turns on WAL and foreign keys', async () => {
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
  });

  it('returns rows from INSERT … RETURNING and counts from plain writes', async () => {
    const inserted = await db
      .insertInto('items')
      .values({ id: 1, name: 'one', flag: null })
      .returning(['id', 'name'])
      .execute();
    expect(inserted).toEqual([{ id: 1, name: 'one' }]);
    const result = await db.insertInto('items').values({ id: 2, name: 'two', flag: 1 }).executeTakeFirst();
    expect(result.numInsertedOrUpdatedRows).toBe(1n);
    const updated = await db.updateTable('items').set({ flag: 0 }).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
  });

  it('binds booleans as 0/1 and undefined as null', async () => {
    await sql`insert into items (id, name, flag) values (${3}, ${'three'}, ${true})`.execute(db);
    const row = await db.selectFrom('items').select('flag').where('id', '=', 3).executeTakeFirst();
    expect(row?.flag).toBe(1);
  });

  it('rolls a failed transaction back', async () => {
    const failing = db.transaction().execute(async (tx) => {
      await tx.insertInto('items').values({ id: 10, name: 'ten', flag: null }).execute();
      await tx.insertInto('items').values({ id: 11, name: 'ten', flag: null }).execute();
    });
    await expect(failing).rejects.toThrow(/UNIQUE/);
    expect(await db.selectFrom('items').select('id').where('id', '=', 10).executeTakeFirst()).toBeUndefined();
  });

  it('runs a repeated query (one prepared statement) with each call’s parameters, across schema changes', async () => {
    const nameOf = async (id: number) =>
      (await db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst())?.name;
    expect([await nameOf(1), await nameOf(2), await nameOf(1)]).toEqual(['one', 'two', 'one']);
    await sql`alter table items add column note text`.execute(db);
    const row = await db.selectFrom('items').selectAll().where('id', '=', 2).executeTakeFirst();
    expect(row).toMatchObject({ name: 'two', note: null });
    await sql`alter table items drop column note`.execute(db);
    expect(await nameOf(2)).toBe('two');
  });

  it('streams selects', async () => {
    const names: string[] = [];
    for await (const row of db.selectFrom('items').select('name').orderBy('id').stream())
      names.push(row.name);
    expect(names).toEqual(['one', 'two', 'three']);
  });
});
