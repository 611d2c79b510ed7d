import type { Insertable, Selectable } from 'kysely';
import type { Executor, RoleBindingsTable, ScopeType } from '../../core/db/schema.ts';
import { bumpGrantGeneration } from '../grant-generation.ts';

export type BindingRow = Selectable<RoleBindingsTable>;
export type BindingView = BindingRow & { username: string; role_name: string };

export interface BindingFilter {
  userId?: string;
  roleId?: string;
  scopeType?: ScopeType;
  scopeId?: string;
}

/** One granted code and the binding scope it came from. */
export interface ScopedGrant {
  scope_type: ScopeType;
  scope_id: string;
  permission: string;
}

export class BindingStore {
  async insert(db: Executor, row: Insertable<RoleBindingsTable>): Promise<void> {
    await db.insertInto('role_bindings').values(row).execute();
    await bumpGrantGeneration(db);
  }

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('role_bindings').where('id', '=', id).execute();
    await bumpGrantGeneration(db);
  }

  findById(db: Executor, id: string): Promise<BindingView | undefined> {
    return this.#view(db).where('role_bindings.id', '=', id).executeTakeFirst();
  }

  list(db: Executor, filter: BindingFilter): Promise<BindingView[]> {
    let query = this.#view(db);
    if (filter.userId) query = query.where('role_bindings.user_id', '=', filter.userId);
    if (filter.roleId) query = query.where('role_bindings.role_id', '=', filter.roleId);
    if (filter.scopeType) query = query.where('role_bindings.scope_type', '=', filter.scopeType);
    if (filter.scopeId !== undefined) query = query.where('role_bindings.scope_id', '=', filter.scopeId);
    return query.orderBy('users.username').orderBy('roles.name').orderBy('role_bindings.scope_id').execute();
  }

  async countByRole(db: Executor, roleId: string): Promise<number> {
    const row = await db
      .selectFrom('role_bindings')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('role_id', '=', roleId)
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }

  /** Active users holding the named role at platform scope. */
  async countActiveHolders(db: Executor, roleName: string): Promise<number> {
    const row = await db
      .selectFrom('role_bindings')
      .innerJoin('roles', 'roles.id', 'role_bindings.role_id')
      .innerJoin('users', 'users.id', 'role_bindings.user_id')
      .select((eb) => eb.fn.count<number>('role_bindings.user_id').distinct().as('total'))
      .where('roles.name', '=', roleName)
      .where('role_bindings.scope_type', '=', 'platform')
      .where('users.status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }

  /** Every code the user holds through their bindings, with the scope each came from. */
  grantsOf(db: Executor, userId: string): Promise<ScopedGrant[]> {
    return db
      .selectFrom('role_bindings')
      .innerJoin('role_permissions', 'role_permissions.role_id', 'role_bindings.role_id')
      .select(['role_bindings.scope_type', 'role_bindings.scope_id', 'role_permissions.permission'])
      .where('role_bindings.user_id', '=', userId)
      .distinct()
      .execute();
  }

  #view(db: Executor) {
    return db
      .selectFrom('role_bindings')
      .innerJoin('users', 'users.id', 'role_bindings.user_id')
      .innerJoin('roles', 'roles.id', 'role_bindings.role_id')
      .selectAll('role_bindings')
      .select(['users.username as username', 'roles.name as role_name']);
  }
}
