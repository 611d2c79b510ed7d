import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../core/db/test-databases.ts';
import { insertUser } from '../../testing/rows.ts';
import { RefreshSessionStore, type RefreshSessionRow } from './store.ts';

describeEachDatabase('refresh sessions store', (t) => {
  const store = new RefreshSessionStore();

  async function session(userId: string, familyId: string): Promise<RefreshSessionRow> {
    const row: RefreshSessionRow = {
      id: randomUUID(),
      family_id: familyId,
      user_id: userId,
      token_hash: randomUUID().replaceAll('-', ''),
      expires_at: 2_000,
      used_at: null,
      revoked_at: null,
      created_at: 1_000,
    };
    await store.insert(t.db(), row);
    return row;
  }

  it('finds a token by its hash only', async () => {
    const user = await insertUser(t.db());
    const row = await session(user.id, randomUUID());
    expect(await store.findByHash(t.db(), row.token_hash)).toEqual(row);
    expect(await store.findByHash(t.db(), 'unknown')).toBeUndefined();
  });

  it('lets exactly one caller mark a token used', async () => {
    const user = await insertUser(t.db());
    const row = await session(user.id, randomUUID());
    const results = await Promise.all([
      store.markUsed(t.db(), row.id, 10),
      store.markUsed(t.db(), row.id, 11),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.markUsed(t.db(), row.id, 12)).toBe(false);
  });

  it('revokes a whole family and nothing else', async () => {
    const user = await insertUser(t.db());
    const family = randomUUID();
    const other = randomUUID();
    const first = await session(user.id, family);
    await session(user.id, family);
    await session(user.id, other);
    expect(await store.isFamilyActive(t.db(), family)).toBe(true);
    await store.revokeFamily(t.db(), family, 50);
    expect(await store.isFamilyActive(t.db(), family)).toBe(false);
    expect(await store.isFamilyActive(t.db(), other)).toBe(true);
    expect(await store.markUsed(t.db(), first.id, 60)).toBe(false);
    expect((await store.findByHash(t.db(), first.token_hash))?.revoked_at).toBe(50);
  });

  it('revokes all of a user’s sessions, optionally keeping one', async () => {
    const user = await insertUser(t.db());
    const keep = randomUUID();
    const drop = randomUUID();
    await session(user.id, keep);
    await session(user.id, drop);
    await store.revokeAllOfUser(t.db(), user.id, 70, keep);
    expect(await store.isFamilyActive(t.db(), keep)).toBe(true);
    expect(await store.isFamilyActive(t.db(), drop)).toBe(false);
    await store.revokeAllOfUser(t.db(), user.id, 80);
    expect(await store.isFamilyActive(t.db(), keep)).toBe(false);
  });

  it('knows nothing of a family it never saw', async () => {
    expect(await store.isFamilyActive(t.db(), randomUUID())).toBe(false);
  });
});
