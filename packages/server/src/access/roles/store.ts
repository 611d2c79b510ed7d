import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor, RolesTable, ScopeType } from '../../core/db/schema.ts';
import { bumpGrantGeneration } from '../grant-generation.ts';

export type RoleRow = Selectable<RolesTable>;
export type RoleWithPermissions = RoleRow & { permissions: string[] };

export class RoleStore {
  async insert(db: Executor, row: Insertable<RolesTable>): Promise<void> {
    await db.insertInto('roles').values(row).execute();
  }

  findById(db: Executor, id: string): Promise<RoleRow | undefined> {
    return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByName(db: Executor, name: string): Promise<RoleRow | undefined> {
    return db.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async list(db: Executor, filter: { scopeType?: ScopeType }): Promise<RoleWithPermissions[]> {
    let query = db.selectFrom('roles').selectAll();
    if (filter.scopeType) query = query.where('scope_type', '=', filter.scopeType);
    const rows = await query.orderBy('builtin', 'desc').orderBy('name').execute();
    const permissions = await this.permissionsOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({ ...row, permissions: permissions.get(row.id) ?? [] }));
  }

  async update(db: Executor, id: string, changes: Updateable<RolesTable>): Promise<void> {
    await db.updateTable('roles').set(changes).where('id', '=', id).execute();
  }

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('role_permissions').where('role_id', '=', id).execute();
    await db.deleteFrom('roles').where('id', '=', id).execute();
    await bumpGrantGeneration(db);
  }

  /** Sorted codes per role id. */
  async permissionsOf(db: Executor, roleIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (roleIds.length === 0) return result;
    const rows = await db
      .selectFrom('role_permissions')
      .select(['role_id', 'permission'])
      .where('role_id', 'in', roleIds)
      .execute();
    for (const row of rows) {
      const codes = result.get(row.role_id) ?? [];
      codes.push(row.permission);
      result.set(row.role_id, codes);
    }
    // Sorted here, not in SQL: collations disagree on where '-' and ':' go.
    for (const codes of result.values()) codes.sort();
    return result;
  }

  async replacePermissions(db: Executor, roleId: string, codes: readonly string[]): Promise<void> {
    await db.deleteFrom('role_permissions').where('role_id', '=', roleId).execute();
    await bumpGrantGeneration(db);
    if (codes.length === 0) return;
    await db
      .insertInto('role_permissions')
      .values(codes.map((permission) => ({ role_id: roleId, permission })))
      .execute();
  }
}
