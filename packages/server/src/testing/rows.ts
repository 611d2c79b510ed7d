import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { UserRow } from '../auth/users/store.ts';
import type { DB, ScopeType } from '../core/db/schema.ts';
import { BindingStore } from '../access/bindings/store.ts';
import { RoleStore } from '../access/roles/store.ts';

/** Row builders for store tests: valid defaults, unique names, overridable fields. */

export function userRow(overrides: Partial<UserRow> = {}): UserRow {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    username: `user-${id.slice(0, 8)}`,
    display_name: '',
    email: '',
    phone: '',
    password_hash: '$argon2id$test',
    status: 'active',
    must_change_password: 0,
    last_login_at: null,
    created_at: 1_700_000_000_000,
    updated_at: 1_700_000_000_000,
    ...overrides,
  };
}

export async function insertUser(db: Kysely<DB>, overrides: Partial<UserRow> = {}): Promise<UserRow> {
  const row = userRow(overrides);
  await db.insertInto('users').values(row).execute();
  return row;
}

export async function insertRole(
  db: Kysely<DB>,
  scopeType: ScopeType,
  permissions: string[],
  name = `role-${randomUUID().slice(0, 8)}`,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('roles')
    .values({
      id,
      name,
      display_name: name,
      description: '',
      scope_type: scopeType,
      builtin: 0,
      created_at: 1,
      updated_at: 1,
    })
    .execute();
  await new RoleStore().replacePermissions(db, id, permissions);
  return id;
}

export async function insertBinding(
  db: Kysely<DB>,
  userId: string,
  roleId: string,
  scopeType: ScopeType,
  scopeId = '',
): Promise<string> {
  const id = randomUUID();
  // Through the store, as the service does: it moves the grant generation.
  await new BindingStore().insert(db, {
    id,
    user_id: userId,
    role_id: roleId,
    scope_type: scopeType,
    scope_id: scopeId,
    created_at: 1,
  });
  return id;
}

export async function countRows(db: Kysely<DB>, table: keyof DB): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
