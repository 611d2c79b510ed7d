import { randomUUID } from 'node:crypto';
import type { ChangeContext } from '../../audit/audit-entry.ts';
import { auditDiff } from '../../audit/diff.ts';
import type { AuditRecorder } from '../../audit/recorder.ts';
import { toIsoTime, type Clock } from '../../core/clock.ts';
import type { Executor, ScopeType } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { isUniqueViolation } from '../../core/db/unique-violation.ts';
import {
  alreadyExists,
  notFound,
  roleBuiltin,
  roleInUse,
  validationFailed,
} from '../../core/errors/errors.ts';
import type { BindingStore } from '../bindings/store.ts';
import type { PermissionRegistry } from '../permissions/registry.ts';
import { BUILTIN_ROLES, builtinRolePermissions } from './builtin-roles.ts';
import type { CreateRoleBody, Role, UpdateRoleBody } from './schemas.ts';
import type { RoleRow, RoleStore } from './store.ts';

export interface RoleServiceDeps {
  db: Executor;
  roles: RoleStore;
  bindings: BindingStore;
  registry: PermissionRegistry;
  audit: AuditRecorder;
  clock: Clock;
}

function toRole(row: RoleRow, permissions: string[]): Role {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    scopeType: row.scope_type,
    builtin: row.builtin === 1,
    permissions,
    createdAt: toIsoTime(row.created_at),
    updatedAt: toIsoTime(row.updated_at),
  };
}

/** Roles are named sets of permission codes for one scope type; built-in ones come from code. */
export class RoleService {
  readonly #d: RoleServiceDeps;

  constructor(deps: RoleServiceDeps) {
    this.#d = deps;
  }

  async list(scopeType: ScopeType | undefined): Promise<Role[]> {
    const rows = await this.#d.roles.list(this.#d.db, { scopeType });
    return rows.map((row) => toRole(row, row.permissions));
  }

  async get(id: string): Promise<Role> {
    return this.#load(this.#d.db, id);
  }

  async create(ctx: ChangeContext, input: CreateRoleBody): Promise<Role> {
    const permissions = this.#checkPermissions(input.permissions, input.scopeType);
    return inTransaction(this.#d.db, async (tx) => {
      if (await this.#d.roles.findByName(tx, input.name)) throw nameTaken(input.name);
      const now = this.#d.clock.now();
      const row: RoleRow = {
        id: randomUUID(),
        name: input.name,
        display_name: input.displayName ?? input.name,
        description: input.description ?? '',
        scope_type: input.scopeType,
        builtin: 0,
        created_at: now,
        updated_at: now,
      };
      try {
        await this.#d.roles.insert(tx, row);
      } catch (error) {
        throw isUniqueViolation(error) ? nameTaken(input.name) : error;
      }
      await this.#d.roles.replacePermissions(tx, row.id, permissions);
      const role = toRole(row, permissions);
      await this.#d.audit.recordChange(tx, ctx, { targetId: row.id, diff: auditDiff(null, role) });
      return role;
    });
  }

  async update(ctx: ChangeContext, id: string, patch: UpdateRoleBody): Promise<Role> {
    return inTransaction(this.#d.db, async (tx) => {
      const before = await this.#load(tx, id);
      if (before.builtin) throw roleBuiltin(before.name);
      const permissions =
        patch.permissions === undefined
          ? undefined
          : this.#checkPermissions(patch.permissions, before.scopeType);
      await this.#d.roles.update(tx, id, {
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.description !== undefined && { description: patch.description }),
        updated_at: this.#d.clock.now(),
      });
      if (permissions) await this.#d.roles.replacePermissions(tx, id, permissions);
      const after = await this.#load(tx, id);
      const { updatedAt: _b, ...beforeShown } = before;
      const { updatedAt: _a, ...afterShown } = after;
      await this.#d.audit.recordChange(tx, ctx, { targetId: id, diff: auditDiff(beforeShown, afterShown) });
      return after;
    });
  }

  async delete(ctx: ChangeContext, id: string): Promise<void> {
    await inTransaction(this.#d.db, async (tx) => {
      const role = await this.#load(tx, id);
      if (role.builtin) throw roleBuiltin(role.name);
      const bindings = await this.#d.bindings.countByRole(tx, id);
      if (bindings > 0) throw roleInUse(role.name, bindings);
      await this.#d.roles.delete(tx, id);
      await this.#d.audit.recordChange(tx, ctx, { targetId: id, diff: auditDiff(role, null) });
    });
  }

  /**
   * Creates the built-in roles and resets their codes from the rules in code, so codes added
   * by new features join them at the next start.
   */
  async syncBuiltinRoles(): Promise<void> {
    await inTransaction(this.#d.db, async (tx) => {
      const now = this.#d.clock.now();
      for (const builtin of BUILTIN_ROLES) {
        const fields = {
          display_name: builtin.displayName,
          description: builtin.description,
          scope_type: builtin.scopeType,
          builtin: 1,
        };
        const existing = await this.#d.roles.findByName(tx, builtin.name);
        const id = existing?.id ?? randomUUID();
        if (existing) await this.#d.roles.update(tx, id, fields);
        else
          await this.#d.roles.insert(tx, {
            id,
            name: builtin.name,
            ...fields,
            created_at: now,
            updated_at: now,
          });
        const wanted = builtinRolePermissions(builtin, this.#d.registry);
        const current = (await this.#d.roles.permissionsOf(tx, [id])).get(id) ?? [];
        if (current.join() !== wanted.join()) await this.#d.roles.replacePermissions(tx, id, wanted);
      }
    });
  }

  /** Known codes grantable at the role's scope; errors name the offending array element. */
  #checkPermissions(codes: readonly string[], scopeType: ScopeType): string[] {
    codes.forEach((code, index) => {
      const field = `permissions[${index}]`;
      const permission = this.#d.registry.get(code);
      if (!permission) throw validationFailed(field, `${field} "${code}" is not a permission code`);
      if (scopeType !== 'platform' && !permission.scopes.includes(scopeType)) {
        throw validationFailed(field, `${field} "${code}" cannot be granted by a ${scopeType} role`);
      }
    });
    return [...new Set(codes)].sort();
  }

  async #load(db: Executor, id: string): Promise<Role> {
    const row = await this.#d.roles.findById(db, id);
    if (!row) throw notFound('Role', id);
    return toRole(row, (await this.#d.roles.permissionsOf(db, [id])).get(id) ?? []);
  }
}

function nameTaken(name: string) {
  return alreadyExists('name', `name "${name}" is already used by another role`);
}
