import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../core/db/test-databases.ts';
import { isUniqueViolation } from '../../core/db/unique-violation.ts';
import { RoleStore, type RoleRow } from './store.ts';

describeEachDatabase('roles store', (t) => {
  const store = new RoleStore();

  function role(overrides: Partial<RoleRow> = {}): RoleRow {
    const id = randomUUID();
    return {
      id,
      name: `r-${id.slice(0, 8)}`,
      display_name: 'Role',
      description: '',
      scope_type: 'project',
      builtin: 0,
      created_at: 1,
      updated_at: 1,
      ...overrides,
    };
  }

  it('stores a role with its codes, sorted regardless of collation', async () => {
    const row = role();
    await store.insert(t.db(), row);
    await store.replacePermissions(t.db(), row.id, [
      'users:view',
      'menu:users',
      'audit:view',
      'role-bindings:view',
    ]);
    expect(await store.findById(t.db(), row.id)).toEqual(row);
    expect((await store.findByName(t.db(), row.name))?.id).toBe(row.id);
    expect((await store.permissionsOf(t.db(), [row.id])).get(row.id)).toEqual([
      'audit:view',
      'menu:users',
      'role-bindings:view',
      'users:view',
    ]);
  });

  it('replaces codes wholesale, and allows an empty set', async () => {
    const row = role();
    await store.insert(t.db(), row);
    await store.replacePermissions(t.db(), row.id, ['users:view']);
    await store.replacePermissions(t.db(), row.id, ['roles:view']);
    expect((await store.permissionsOf(t.db(), [row.id])).get(row.id)).toEqual(['roles:view']);
    await store.replacePermissions(t.db(), row.id, []);
    expect((await store.permissionsOf(t.db(), [row.id])).get(row.id)).toBeUndefined();
  });

  it('filters by scope type, built-in roles first', async () => {
    const custom = role({ scope_type: 'workspace', name: 'a-custom-ws' });
    const builtin = role({ scope_type: 'workspace', name: 'z-builtin-ws', builtin: 1 });
    await store.insert(t.db(), custom);
    await store.insert(t.db(), builtin);
    const listed = await store.list(t.db(), { scopeType: 'workspace' });
    expect(listed.map((r) => r.name)).toEqual(['z-builtin-ws', 'a-custom-ws']);
    expect(listed.every((r) => r.scope_type === 'workspace')).toBe(true);
  });

  it('refuses a duplicate name', async () => {
    await store.insert(t.db(), role({ name: 'dup-role' }));
    const error = await store.insert(t.db(), role({ name: 'dup-role' })).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('updates and deletes with the codes', async () => {
    const row = role();
    await store.insert(t.db(), row);
    await store.replacePermissions(t.db(), row.id, ['users:view']);
    await store.update(t.db(), row.id, { description: 'changed', updated_at: 9 });
    expect((await store.findById(t.db(), row.id))?.description).toBe('changed');
    await store.delete(t.db(), row.id);
    expect(await store.findById(t.db(), row.id)).toBeUndefined();
    expect((await store.permissionsOf(t.db(), [row.id])).size).toBe(0);
  });
});
