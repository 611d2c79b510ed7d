import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../core/db/test-databases.ts';
import { insertUser } from '../../testing/rows.ts';
import { ApiTokenStore, type ApiTokenRow } from './store.ts';

describeEachDatabase('api tokens store', (t) => {
  const store = new ApiTokenStore();

  async function token(userId: string, overrides: Partial<ApiTokenRow> = {}): Promise<ApiTokenRow> {
    const row: ApiTokenRow = {
      id: randomUUID(),
      user_id: userId,
      name: 'ci',
      prefix: 'atr_abcdefgh',
      token_hash: randomUUID().replaceAll('-', ''),
      scopes: JSON.stringify(['users:view']),
      expires_at: 10_000,
      last_used_at: null,
      created_at: 1_000,
      ...overrides,
    };
    await store.insert(t.db(), row);
    return row;
  }

  it('finds by hash with its owner, and by id only for its owner', async () => {
    const owner = await insertUser(t.db(), { must_change_password: 1 });
    const stranger = await insertUser(t.db());
    const row = await token(owner.id);
    expect(await store.findWithOwner(t.db(), row.token_hash)).toEqual({
      ...row,
      owner_username: owner.username,
      owner_status: 'active',
      owner_must_change_password: 1,
    });
    expect(await store.findOfUser(t.db(), owner.id, row.id)).toEqual(row);
    expect(await store.findOfUser(t.db(), stranger.id, row.id)).toBeUndefined();
  });

  it('lists a user’s tokens newest first', async () => {
    const owner = await insertUser(t.db());
    await token(owner.id, { name: 'old', created_at: 1 });
    await token(owner.id, { name: 'new', created_at: 2 });
    expect((await store.listOfUser(t.db(), owner.id)).map((r) => r.name)).toEqual(['new', 'old']);
  });

  it('records use at most once per interval', async () => {
    const owner = await insertUser(t.db());
    const row = await token(owner.id);
    await store.touch(t.db(), row.id, 5_000, 60_000);
    await store.touch(t.db(), row.id, 6_000, 60_000);
    expect((await store.findWithOwner(t.db(), row.token_hash))?.last_used_at).toBe(5_000);
    await store.touch(t.db(), row.id, 65_000, 60_000);
    expect((await store.findWithOwner(t.db(), row.token_hash))?.last_used_at).toBe(65_000);
  });

  it('deletes', async () => {
    const owner = await insertUser(t.db());
    const row = await token(owner.id);
    await store.delete(t.db(), row.id);
    expect(await store.findWithOwner(t.db(), row.token_hash)).toBeUndefined();
  });
});
