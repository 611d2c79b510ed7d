import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../core/db/test-databases.ts';
import { isUniqueViolation } from '../../core/db/unique-violation.ts';
import { insertUser, userRow } from '../../testing/rows.ts';
import { UserStore } from './store.ts';

describeEachDatabase('users store', (t) => {
  const store = new UserStore();

  it('inserts and finds by id and username', async () => {
    const row = userRow({ username: 'finder', email: 'finder@example.com' });
    await store.insert(t.db(), row);
    expect(await store.findById(t.db(), row.id)).toEqual(row);
    expect((await store.findByUsername(t.db(), 'finder'))?.id).toBe(row.id);
    expect(await store.findByUsername(t.db(), 'nobody')).toBeUndefined();
  });

  it('rejects a duplicate username with a unique violation', async () => {
    await insertUser(t.db(), { username: 'twice' });
    const error = await store.insert(t.db(), userRow({ username: 'twice' })).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('searches username, display name and email case-insensitively, with % and _ taken literally', async () => {
    await insertUser(t.db(), { username: 'srch-alice', display_name: 'Alice Liddell' });
    await insertUser(t.db(), { username: 'srch-bob', email: 'BOB@Srch.Example.com' });
    await insertUser(t.db(), { username: 'srch-100pct', display_name: '100% sure' });
    await insertUser(t.db(), { username: 'srch-carol', status: 'disabled' });
    const names = async (search: string, status?: 'active' | 'disabled') =>
      (await store.list(t.db(), { search, status, limit: 50, offset: 0 })).rows.map((r) => r.username);
    expect(await names('LIDDELL')).toEqual(['srch-alice']);
    expect(await names('srch.example.COM')).toEqual(['srch-bob']);
    expect(await names('0%')).toEqual(['srch-100pct']);
    expect(await names('srch_')).toEqual([]);
    expect(await names('srch-', 'disabled')).toEqual(['srch-carol']);
  });

  it('pages in username order and reports the total', async () => {
    for (const n of [3, 1, 2]) await insertUser(t.db(), { username: `page-${n}` });
    const page = await store.list(t.db(), { search: 'page-', limit: 2, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.username)).toEqual(['page-2', 'page-3']);
  });

  it('updates, reports missing rows, and deletes', async () => {
    const row = await insertUser(t.db());
    expect(await store.update(t.db(), row.id, { display_name: 'New', updated_at: 5 })).toBe(true);
    expect(await store.update(t.db(), row.id, { display_name: 'New', updated_at: 5 })).toBe(true);
    expect((await store.findById(t.db(), row.id))?.display_name).toBe('New');
    expect(await store.update(t.db(), 'missing', { display_name: 'x' })).toBe(false);
    expect(await store.delete(t.db(), row.id)).toBe(true);
    expect(await store.delete(t.db(), row.id)).toBe(false);
  });

  it('counts users', async () => {
    const before = await store.count(t.db());
    await insertUser(t.db());
    expect(await store.count(t.db())).toBe(before + 1);
  });
});
