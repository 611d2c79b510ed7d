import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest, pendingMigrations } from './migrate.ts';
import { describeEachDatabase } from './test-databases.ts';

describeEachDatabase('migrations', (t) => {
  it('leave nothing pending and are idempotent', async () => {
    expect(await pendingMigrations(t.db(), t.dialect)).toEqual([]);
    expect(await migrateToLatest(t.db(), t.dialect)).toEqual([]);
  });

  it('create every table of the foundation', async () => {
    const tables = (await t.db().introspection.getTables()).map((table) => table.name).sort();
    // Later migrations add their own tables; each feature's store tests cover those.
    expect(tables).toEqual(
      expect.arrayContaining([
        'api_tokens',
        'audit_events',
        'login_attempts',
        'refresh_sessions',
        'role_bindings',
        'role_permissions',
        'roles',
        'settings',
        'users',
      ]),
    );
  });

  it('round-trip epoch-millisecond bigints as numbers', async () => {
    const at = Date.UTC(2030, 5, 1, 12, 0, 0, 123);
    await t.db().insertInto('settings').values({ name: 'probe', value: '{}', updated_at: at }).execute();
    const row = await t
      .db()
      .selectFrom('settings')
      .selectAll()
      .where('name', '=', 'probe')
      .executeTakeFirst();
    expect(row?.updated_at).toBe(at);
    const count = await t
      .db()
      .selectFrom('settings')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
  });

  it('cascade a user deletion to their bindings and tokens (foreign keys are on)', async () => {
    const db = t.db();
    const now = Date.now();
    await db
      .insertInto('users')
      .values({
        id: 'u-cascade',
        username: 'cascade',
        display_name: '',
        email: '',
        phone: '',
        password_hash: 'x',
        status: 'active',
        must_change_password: 0,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('api_tokens')
      .values({
        id: 't-cascade',
        user_id: 'u-cascade',
        name: 'ci',
        prefix: 'atr_x',
        token_hash: 'h-cascade',
        scopes: null,
        expires_at: now,
        last_used_at: null,
        created_at: now,
      })
      .execute();
    await db.deleteFrom('users').where('id', '=', 'u-cascade').execute();
    const left = await db.selectFrom('api_tokens').select('id').where('user_id', '=', 'u-cascade').execute();
    expect(left).toEqual([]);
  });
});
