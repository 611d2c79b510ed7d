import { randomUUID } from 'node:crypto';
import type { ChangeContext } from '../../audit/audit-entry.ts';
import type { AuditRecorder } from '../../audit/recorder.ts';
import type { Clock } from '../../core/clock.ts';
import { randomToken, sha256Hex } from '../../core/crypto/tokens.ts';
import type { Executor } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import {
  accountDisabled,
  invalidCredentials,
  refreshTokenReused,
  sessionRevoked,
  tokenExpired,
  unauthenticated,
} from '../../core/errors/errors.ts';
import type { AccountLockout } from '../lockout/service.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import type { Principal } from '../principal.ts';
import type { User } from '../users/schemas.ts';
import type { UserRow, UserStore } from '../users/store.ts';
import { toUser } from '../users/user.ts';
import type { AccessTokens } from './access-tokens.ts';
import type { RefreshSessionStore } from './store.ts';

export const REFRESH_TOKEN_TTL_MS = 7 * 24 * 60 * 60_000;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

export interface SessionServiceDeps {
  db: Executor;
  users: UserStore;
  sessions: RefreshSessionStore;
  lockout: AccountLockout;
  hasher: PasswordHasher;
  accessTokens: AccessTokens;
  audit: AuditRecorder;
  clock: Clock;
}

/** Sign-in, refresh-token rotation, sign-out, and checking access tokens on every request. */
export class SessionService {
  readonly #d: SessionServiceDeps;

  constructor(deps: SessionServiceDeps) {
    this.#d = deps;
  }

  async login(ctx: ChangeContext, username: string, password: string, sourceIp: string): Promise<TokenPair> {
    const { db, lockout, hasher } = this.#d;
    await lockout.assertNotLocked(db, username);
    const user = await this.#d.users.findByUsername(db, username);
    const valid = user
      ? await hasher.verify(user.password_hash, password)
      : await hasher.verifyNobody(password);
    if (!user || !valid) {
      await lockout.recordFailure(db, username, sourceIp);
      throw invalidCredentials();
    }
    if (user.status !== 'active') throw accountDisabled();
    const now = this.#d.clock.now();
    const familyId = randomUUID();
    const refreshToken = await inTransaction(db, async (tx) => {
      await lockout.recordSuccess(tx, username, sourceIp);
      await this.#d.users.update(tx, user.id, { last_login_at: now });
      const token = await this.#issueRefreshToken(tx, user.id, familyId, now);
      await this.#d.audit.recordChange(tx, ctx, {
        targetId: user.id,
        actor: { type: 'user', id: user.id, name: user.username, userId: user.id },
      });
      return token;
    });
    return this.#pair({ ...user, last_login_at: now }, familyId, refreshToken);
  }

  /** Rotates a refresh token; a token presented twice revokes its whole family. */
  async refresh(ctx: ChangeContext, refreshToken: string): Promise<TokenPair> {
    const { db, sessions, clock } = this.#d;
    const row = await sessions.findByHash(db, sha256Hex(refreshToken));
    if (!row) throw unauthenticated('The refresh token is not valid');
    const now = clock.now();
    if (row.revoked_at !== null) throw sessionRevoked();
    if (row.used_at !== null) return this.#reused(row.family_id, now);
    if (row.expires_at <= now) throw tokenExpired('The refresh token has expired; sign in again');
    const user = await this.#d.users.findById(db, row.user_id);
    if (!user || user.status !== 'active') {
      await sessions.revokeFamily(db, row.family_id, now);
      throw sessionRevoked();
    }
    const next = await inTransaction(db, async (tx) => {
      if (!(await sessions.markUsed(tx, row.id, now))) return null;
      const token = await this.#issueRefreshToken(tx, user.id, row.family_id, now);
      await this.#d.audit.recordChange(tx, ctx, {
        targetId: user.id,
        actor: { type: 'user', id: user.id, name: user.username, userId: user.id },
      });
      return token;
    });
    if (next === null) return this.#reused(row.family_id, now);
    return this.#pair(user, row.family_id, next);
  }

  /** Ends the caller's session, and the one `refreshToken` belongs to if it is theirs. */
  async logout(ctx: ChangeContext, principal: Principal, refreshToken: string | undefined): Promise<void> {
    const { db, sessions, clock } = this.#d;
    const now = clock.now();
    const families = new Set<string>();
    if (principal.sessionId) families.add(principal.sessionId);
    if (refreshToken) {
      const row = await sessions.findByHash(db, sha256Hex(refreshToken));
      if (row && row.user_id === principal.userId) families.add(row.family_id);
    }
    await inTransaction(db, async (tx) => {
      for (const family of families) await sessions.revokeFamily(tx, family, now);
      await this.#d.audit.recordChange(tx, ctx, { targetId: principal.userId });
    });
  }

  /** Checks a bearer JWT and that its session is still live, on every request. */
  async authenticate(accessToken: string): Promise<Principal> {
    const claims = await this.#d.accessTokens.verify(accessToken);
    const [user, active] = await Promise.all([
      this.#d.users.findById(this.#d.db, claims.userId),
      this.#d.sessions.isFamilyActive(this.#d.db, claims.sessionId),
    ]);
    if (!user || !active || user.status !== 'active') throw sessionRevoked();
    return {
      userId: user.id,
      username: user.username,
      mustChangePassword: user.must_change_password === 1,
      sessionId: claims.sessionId,
      tokenId: null,
      tokenScopes: null,
    };
  }

  async #reused(familyId: string, now: number): Promise<never> {
    await this.#d.sessions.revokeFamily(this.#d.db, familyId, now);
    throw refreshTokenReused();
  }

  async #issueRefreshToken(tx: Executor, userId: string, familyId: string, now: number): Promise<string> {
    const token = randomToken(32);
    await this.#d.sessions.insert(tx, {
      id: randomUUID(),
      family_id: familyId,
      user_id: userId,
      token_hash: sha256Hex(token),
      expires_at: now + REFRESH_TOKEN_TTL_MS,
      used_at: null,
      revoked_at: null,
      created_at: now,
    });
    return token;
  }

  async #pair(user: UserRow, familyId: string, refreshToken: string): Promise<TokenPair> {
    const access = await this.#d.accessTokens.issue({ userId: user.id, sessionId: familyId });
    return { accessToken: access.token, refreshToken, expiresIn: access.expiresIn, user: toUser(user) };
  }
}
