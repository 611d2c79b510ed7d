import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../core/db/test-databases.ts';
import { isUniqueViolation } from '../../core/db/unique-violation.ts';
import { insertBinding, insertRole, insertUser } from '../../testing/rows.ts';
import { BindingStore } from './store.ts';

describeEachDatabase('role bindings store', (t) => {
  const store = new BindingStore();

  it('lists bindings with username and role name, filtered', async () => {
    const user = await insertUser(t.db(), { username: 'bound-user' });
    const role = await insertRole(t.db(), 'project', ['menu:overview'], 'bound-role');
    const id = await insertBinding(t.db(), user.id, role, 'project', 'proj-1');
    await insertBinding(t.db(), user.id, role, 'project', 'proj-2');
    const found = await store.list(t.db(), { userId: user.id, scopeId: 'proj-1' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id,
      username: 'bound-user',
      role_name: 'bound-role',
      scope_type: 'project',
      scope_id: 'proj-1',
    });
    expect(await store.findById(t.db(), id)).toMatchObject({ id, username: 'bound-user' });
    expect(await store.countByRole(t.db(), role)).toBe(2);
  });

  it('refuses the same role twice at the same scope', async () => {
    const user = await insertUser(t.db());
    const role = await insertRole(t.db(), 'platform', []);
    await insertBinding(t.db(), user.id, role, 'platform');
    const error = await insertBinding(t.db(), user.id, role, 'platform').catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('returns every grant with the scope it came from', async () => {
    const user = await insertUser(t.db());
    const platformRole = await insertRole(t.db(), 'platform', ['users:view']);
    const projectRole = await insertRole(t.db(), 'project', ['menu:overview', 'roles:view']);
    await insertBinding(t.db(), user.id, platformRole, 'platform');
    await insertBinding(t.db(), user.id, projectRole, 'project', 'p1');
    await insertBinding(t.db(), user.id, projectRole, 'project', 'p2');
    const grants = await store.grantsOf(t.db(), user.id);
    expect(grants.map((g) => `${g.scope_type}/${g.scope_id}/${g.permission}`).sort()).toEqual([
      'platform//users:view',
      'project/p1/menu:overview',
      'project/p1/roles:view',
      'project/p2/menu:overview',
      'project/p2/roles:view',
    ]);
  });

  it('counts active holders of a platform role', async () => {
    const role = await insertRole(t.db(), 'platform', [], 'holders-role');
    const active = await insertUser(t.db());
    const disabled = await insertUser(t.db(), { status: 'disabled' });
    await insertBinding(t.db(), active.id, role, 'platform');
    await insertBinding(t.db(), disabled.id, role, 'platform');
    expect(await store.countActiveHolders(t.db(), 'holders-role')).toBe(1);
  });

  it('deletes', async () => {
    const user = await insertUser(t.db());
    const role = await insertRole(t.db(), 'platform', []);
    const id = await insertBinding(t.db(), user.id, role, 'platform');
    await store.delete(t.db(), id);
    expect(await store.findById(t.db(), id)).toBeUndefined();
  });
});
