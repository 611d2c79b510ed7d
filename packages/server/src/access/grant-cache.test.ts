import { expect, it, vi } from 'vitest';
import { UserStore } from '../auth/users/store.ts';
import { describeEachDatabase } from '../core/db/test-databases.ts';
import { insertBinding, insertRole, insertUser } from '../testing/rows.ts';
import { BindingStore } from './bindings/store.ts';
import { GrantCache } from './grant-cache.ts';
import { RoleStore } from './roles/store.ts';

const codes = (grants: readonly { permission: string }[]) => grants.map((g) => g.permission).sort();

describeEachDatabase('grant cache', (t) => {
  it('reads a user’s grants once while no role or binding changes', async () => {
    const user = await insertUser(t.db());
    await insertBinding(t.db(), user.id, await insertRole(t.db(), 'platform', ['users:view']), 'platform');
    const bindings = new BindingStore();
    const join = vi.spyOn(bindings, 'grantsOf');
    const cache = new GrantCache(bindings);
    for (let i = 0; i < 3; i++) expect(codes(await cache.grantsOf(t.db(), user.id))).toEqual(['users:view']);
    expect(join).toHaveBeenCalledTimes(1);
  });

  it('sees a change made through another replica on the next check', async () => {
    const user = await insertUser(t.db());
    const role = await insertRole(t.db(), 'platform', ['users:view']);
    const here = new GrantCache(new BindingStore());
    expect(codes(await here.grantsOf(t.db(), user.id))).toEqual([]);

    // Another replica: its own stores, the same database.
    const bindingId = await insertBinding(t.db(), user.id, role, 'platform');
    expect(codes(await here.grantsOf(t.db(), user.id))).toEqual(['users:view']);

    await new RoleStore().replacePermissions(t.db(), role, ['users:view', 'roles:view']);
    expect(codes(await here.grantsOf(t.db(), user.id))).toEqual(['roles:view', 'users:view']);

    await new BindingStore().delete(t.db(), bindingId);
    expect(codes(await here.grantsOf(t.db(), user.id))).toEqual([]);
  });

  it('forgets grants removed with their role or their user', async () => {
    const user = await insertUser(t.db());
    const role = await insertRole(t.db(), 'platform', ['users:view']);
    await insertBinding(t.db(), user.id, role, 'platform');
    const cache = new GrantCache(new BindingStore());
    expect(codes(await cache.grantsOf(t.db(), user.id))).toEqual(['users:view']);
    await new UserStore().delete(t.db(), user.id);
    expect(await cache.grantsOf(t.db(), user.id)).toEqual([]);

    const other = await insertUser(t.db());
    const otherRole = await insertRole(t.db(), 'platform', ['audit:view']);
    const bindingId = await insertBinding(t.db(), other.id, otherRole, 'platform');
    expect(codes(await cache.grantsOf(t.db(), other.id))).toEqual(['audit:view']);
    await new BindingStore().delete(t.db(), bindingId);
    await new RoleStore().delete(t.db(), otherRole);
    expect(await cache.grantsOf(t.db(), other.id)).toEqual([]);
  });
});
