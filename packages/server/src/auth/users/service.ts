import { randomUUID } from 'node:crypto';
import type { ChangeContext } from '../../audit/audit-entry.ts';
import { auditDiff } from '../../audit/diff.ts';
import type { AuditRecorder } from '../../audit/recorder.ts';
import type { Clock } from '../../core/clock.ts';
import type { Executor } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { isUniqueViolation } from '../../core/db/unique-violation.ts';
import { alreadyExists, conflict, notFound, validationFailed } from '../../core/errors/errors.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import { assertPasswordPolicy } from '../passwords/password-policy.ts';
import type { RefreshSessionStore } from '../sessions/store.ts';
import type { CreateUserBody, UpdateUserBody, User } from './schemas.ts';
import type { UserListQuery, UserRow, UserStore } from './store.ts';
import { toUser } from './user.ts';

export interface UserServiceDeps {
  db: Executor;
  users: UserStore;
  sessions: RefreshSessionStore;
  hasher: PasswordHasher;
  audit: AuditRecorder;
  clock: Clock;
}

/** User accounts: the rules around creating, editing, disabling and deleting them. */
export class UserService {
  readonly #d: UserServiceDeps;

  constructor(deps: UserServiceDeps) {
    this.#d = deps;
  }

  async list(query: UserListQuery): Promise<{ items: User[]; total: number }> {
    const { rows, total } = await this.#d.users.list(this.#d.db, query);
    return { items: rows.map(toUser), total };
  }

  async get(id: string): Promise<User> {
    return toUser(await this.#require(this.#d.db, id));
  }

  async create(ctx: ChangeContext, input: CreateUserBody, options: { mustChangePassword?: boolean } = {}) {
    assertPasswordPolicy(input.password, 'password');
    const passwordHash = await this.#d.hasher.hash(input.password);
    return inTransaction(this.#d.db, async (tx) => {
      if (await this.#d.users.findByUsername(tx, input.username)) throw usernameTaken(input.username);
      const now = this.#d.clock.now();
      const row: UserRow = {
        id: randomUUID(),
        username: input.username,
        display_name: input.displayName ?? '',
        email: input.email ?? '',
        phone: input.phone ?? '',
        password_hash: passwordHash,
        status: 'active',
        must_change_password: options.mustChangePassword ? 1 : 0,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      };
      try {
        await this.#d.users.insert(tx, row);
      } catch (error) {
        throw isUniqueViolation(error) ? usernameTaken(input.username) : error;
      }
      const user = toUser(row);
      await this.#d.audit.recordChange(tx, ctx, { targetId: row.id, diff: auditDiff(null, user) });
      return user;
    });
  }

  async update(ctx: ChangeContext, id: string, patch: UpdateUserBody): Promise<User> {
    return inTransaction(this.#d.db, async (tx) => {
      const before = await this.#require(tx, id);
      if (patch.status === 'disabled' && id === ctx.actor.userId) {
        throw conflict('You cannot disable your own account', { field: 'status' });
      }
      const now = this.#d.clock.now();
      await this.#d.users.update(tx, id, {
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
        ...(patch.status !== undefined && { status: patch.status }),
        updated_at: now,
      });
      if (patch.status === 'disabled' && before.status !== 'disabled') {
        await this.#d.sessions.revokeAllOfUser(tx, id, now);
      }
      const after = await this.#require(tx, id);
      await this.#d.audit.recordChange(tx, ctx, {
        targetId: id,
        diff: auditDiff(withoutTimestamps(toUser(before)), withoutTimestamps(toUser(after))),
      });
      return toUser(after);
    });
  }

  async delete(ctx: ChangeContext, id: string): Promise<void> {
    await inTransaction(this.#d.db, async (tx) => {
      const before = await this.#require(tx, id);
      if (id === ctx.actor.userId) {
        throw conflict('You cannot delete your own account', { field: 'id' });
      }
      // Bindings, API tokens and sessions go with the user (foreign keys cascade).
      await this.#d.users.delete(tx, id);
      await this.#d.audit.recordChange(tx, ctx, { targetId: id, diff: auditDiff(toUser(before), null) });
    });
  }

  /** An administrator sets a new password; the user must change it and is signed out everywhere. */
  async resetPassword(ctx: ChangeContext, id: string, password: string): Promise<void> {
    assertPasswordPolicy(password, 'password');
    const passwordHash = await this.#d.hasher.hash(password);
    await inTransaction(this.#d.db, async (tx) => {
      await this.#require(tx, id);
      const now = this.#d.clock.now();
      await this.#d.users.update(tx, id, {
        password_hash: passwordHash,
        must_change_password: 1,
        updated_at: now,
      });
      await this.#d.sessions.revokeAllOfUser(tx, id, now);
      await this.#d.audit.recordChange(tx, ctx, {
        targetId: id,
        diff: { after: { mustChangePassword: true } },
      });
    });
  }

  /**
   * The signed-in user changes their own password. Their other sessions are signed out; the
   * one making the change (`keepSessionId`) stays.
   */
  async changeOwnPassword(
    ctx: ChangeContext,
    userId: string,
    passwords: { currentPassword: string; newPassword: string },
    keepSessionId: string | null,
  ): Promise<void> {
    const { currentPassword, newPassword } = passwords;
    const user = await this.#require(this.#d.db, userId);
    // 400 rather than 401: the caller is signed in; only the field is wrong.
    if (!(await this.#d.hasher.verify(user.password_hash, currentPassword))) {
      throw validationFailed('currentPassword', 'currentPassword is not your current password');
    }
    assertPasswordPolicy(newPassword, 'newPassword');
    const passwordHash = await this.#d.hasher.hash(newPassword);
    await inTransaction(this.#d.db, async (tx) => {
      const now = this.#d.clock.now();
      await this.#d.users.update(tx, userId, {
        password_hash: passwordHash,
        must_change_password: 0,
        updated_at: now,
      });
      await this.#d.sessions.revokeAllOfUser(tx, userId, now, keepSessionId);
      await this.#d.audit.recordChange(tx, ctx, { targetId: userId, diff: null });
    });
  }

  async #require(db: Executor, id: string): Promise<UserRow> {
    const row = await this.#d.users.findById(db, id);
    if (!row) throw notFound('User', id);
    return row;
  }
}

function usernameTaken(username: string) {
  return alreadyExists('username', `username "${username}" is already taken`);
}

function withoutTimestamps(user: User): Omit<User, 'updatedAt' | 'createdAt' | 'lastLoginAt'> {
  const { updatedAt: _u, createdAt: _c, lastLoginAt: _l, ...rest } = user;
  return rest;
}
