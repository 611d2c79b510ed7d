import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BindingStore } from '../access/bindings/store.ts';
import type { RoleStore } from '../access/roles/store.ts';
import { systemChange } from '../audit/audit-entry.ts';
import type { AuditRecorder } from '../audit/recorder.ts';
import type { Clock } from '../core/clock.ts';
import { randomToken } from '../core/crypto/tokens.ts';
import type { DB } from '../core/db/schema.ts';
import { isUniqueViolation } from '../core/db/unique-violation.ts';
import type { PasswordHasher } from './passwords/password-hasher.ts';
import { passwordPolicyViolation } from './passwords/password-policy.ts';
import type { UserStore } from './users/store.ts';
import { toUser } from './users/user.ts';

export const INITIAL_ADMIN = 'admin';

export interface AdminBootstrapDeps {
  db: Kysely<DB>;
  users: UserStore;
  roles: RoleStore;
  bindings: BindingStore;
  hasher: PasswordHasher;
  audit: AuditRecorder;
  clock: Clock;
  /** Shows a generated password to the operator, once. Never the logger. */
  announce: (text: string) => void;
}

function generatePassword(): string {
  for (;;) {
    const candidate = randomToken(15);
    if (passwordPolicyViolation(candidate) === null) return candidate;
  }
}

export function passwordBanner(password: string): string {
  const line = '='.repeat(72);
  return [
    '',
    line,
    '  Atrium: the initial administrator account has been created',
    '',
    `    username: ${INITIAL_ADMIN}`,
    `    password: ${password}`,
    '',
    '  This password is shown only this once. Sign in and change it.',
    line,
    '',
  ].join('\n');
}

/**
 * On the first start (no users yet) creates `admin`, bound to platform-admin. Its password is
 * ATRIUM_ADMIN_PASSWORD, or one generated and announced once. Returns whether it created one.
 */
export async function ensureInitialAdmin(
  deps: AdminBootstrapDeps,
  password: string | null,
): Promise<boolean> {
  if ((await deps.users.count(deps.db)) > 0) return false;
  const chosen = password ?? generatePassword();
  const passwordHash = await deps.hasher.hash(chosen);
  try {
    await deps.db.transaction().execute(async (tx) => {
      const role = await deps.roles.findByName(tx, 'platform-admin');
      if (!role) throw new Error('built-in roles must be synced before the initial admin is created');
      const now = deps.clock.now();
      const user = {
        id: randomUUID(),
        username: INITIAL_ADMIN,
        display_name: 'Administrator',
        email: '',
        phone: '',
        password_hash: passwordHash,
        status: 'active' as const,
        must_change_password: 0,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      };
      await deps.users.insert(tx, user);
      const bindingId = randomUUID();
      await deps.bindings.insert(tx, {
        id: bindingId,
        user_id: user.id,
        role_id: role.id,
        scope_type: 'platform',
        scope_id: '',
        created_at: now,
      });
      await deps.audit.recordChange(tx, systemChange('users.create', 'user'), {
        targetId: user.id,
        diff: { after: { ...toUser(user) } },
      });
      await deps.audit.recordChange(tx, systemChange('role-bindings.create', 'role-binding'), {
        targetId: bindingId,
        diff: { after: { userId: user.id, roleName: role.name, scopeType: 'platform' } },
      });
    });
  } catch (error) {
    // Another replica created it first.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
  if (password === null) deps.announce(passwordBanner(chosen));
  return true;
}
