import { randomUUID } from 'node:crypto';
import type { ChangeContext } from '../../audit/audit-entry.ts';
import { auditDiff } from '../../audit/diff.ts';
import type { AuditRecorder } from '../../audit/recorder.ts';
import type { UserStore } from '../../auth/users/store.ts';
import { toIsoTime, type Clock } from '../../core/clock.ts';
import type { Executor, ScopeType } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { isUniqueViolation } from '../../core/db/unique-violation.ts';
import { alreadyExists, conflict, notFound, validationFailed } from '../../core/errors/errors.ts';
import type { RoleStore } from '../roles/store.ts';
import type { Binding, CreateBindingBody } from './schemas.ts';
import type { BindingFilter, BindingStore, BindingView } from './store.ts';

export interface BindingServiceDeps {
  db: Executor;
  bindings: BindingStore;
  roles: RoleStore;
  users: UserStore;
  audit: AuditRecorder;
  clock: Clock;
}

function toBinding(row: BindingView): Binding {
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    roleId: row.role_id,
    roleName: row.role_name,
    scopeType: row.scope_type,
    scopeId: row.scope_id,
    createdAt: toIsoTime(row.created_at),
  };
}

/** Grants a role to a user at one scope: the platform, a project or a workspace. */
export class BindingService {
  readonly #d: BindingServiceDeps;

  constructor(deps: BindingServiceDeps) {
    this.#d = deps;
  }

  async list(filter: BindingFilter): Promise<Binding[]> {
    return (await this.#d.bindings.list(this.#d.db, filter)).map(toBinding);
  }

  async create(ctx: ChangeContext, input: CreateBindingBody): Promise<Binding> {
    const scopeId = checkScopeId(input.scopeType, input.scopeId ?? '');
    return inTransaction(this.#d.db, async (tx) => {
      if (!(await this.#d.users.findById(tx, input.userId))) {
        throw validationFailed('userId', `userId "${input.userId}" is not an existing user`);
      }
      const role = await this.#d.roles.findById(tx, input.roleId);
      if (!role) throw validationFailed('roleId', `roleId "${input.roleId}" is not an existing role`);
      if (role.scope_type !== input.scopeType) {
        throw validationFailed(
          'scopeType',
          `Role "${role.name}" is a ${role.scope_type} role and cannot be bound at ${input.scopeType} scope`,
        );
      }
      const id = randomUUID();
      const row = {
        id,
        user_id: input.userId,
        role_id: role.id,
        scope_type: input.scopeType,
        scope_id: scopeId,
      };
      try {
        await this.#d.bindings.insert(tx, { ...row, created_at: this.#d.clock.now() });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw alreadyExists('roleId', `The user already has role "${role.name}" at this scope`);
      }
      const binding = toBinding((await this.#d.bindings.findById(tx, id))!);
      await this.#d.audit.recordChange(tx, ctx, { targetId: id, diff: auditDiff(null, binding) });
      return binding;
    });
  }

  async delete(ctx: ChangeContext, id: string): Promise<void> {
    await inTransaction(this.#d.db, async (tx) => {
      const row = await this.#d.bindings.findById(tx, id);
      if (!row) throw notFound('Role binding', id);
      await this.#assertNotLastAdmin(tx, row);
      await this.#d.bindings.delete(tx, id);
      await this.#d.audit.recordChange(tx, ctx, { targetId: id, diff: auditDiff(toBinding(row), null) });
    });
  }

  /** Someone must always be able to administer the platform. */
  async #assertNotLastAdmin(tx: Executor, row: BindingView): Promise<void> {
    if (row.role_name !== 'platform-admin' || row.scope_type !== 'platform') return;
    const user = await this.#d.users.findById(tx, row.user_id);
    if (user?.status !== 'active') return;
    if ((await this.#d.bindings.countActiveHolders(tx, 'platform-admin')) <= 1) {
      throw conflict('This is the last platform administrator binding; grant the role to someone else first');
    }
  }
}

function checkScopeId(scopeType: ScopeType, scopeId: string): string {
  const id = scopeId.trim();
  if (scopeType === 'platform' && id !== '') {
    throw validationFailed('scopeId', 'scopeId must be empty for platform bindings');
  }
  if (scopeType !== 'platform' && id === '') {
    throw validationFailed('scopeId', `scopeId is required for ${scopeType} bindings`);
  }
  return id;
}
