import { randomUUID } from 'node:crypto';
import type { ChangeContext } from '../../audit/audit-entry.ts';
import type { AuditRecorder } from '../../audit/recorder.ts';
import type { PermissionRegistry } from '../../access/permissions/registry.ts';
import { toIsoTime, type Clock } from '../../core/clock.ts';
import { randomToken, sha256Hex } from '../../core/crypto/tokens.ts';
import type { Executor } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import {
  alreadyExists,
  notFound,
  tokenExpired,
  unauthenticated,
  validationFailed,
} from '../../core/errors/errors.ts';
import type { Principal } from '../principal.ts';
import type { ApiToken, CreateApiTokenBody, CreatedApiToken } from './schemas.ts';
import type { ApiTokenRow, ApiTokenStore } from './store.ts';

export const API_TOKEN_PREFIX = 'atr_';
const VISIBLE_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;
const DAY_MS = 24 * 60 * 60_000;
const TOUCH_INTERVAL_MS = 60_000;
const ALL_SCOPES = ['*'];

export interface ApiTokenServiceDeps {
  db: Executor;
  tokens: ApiTokenStore;
  registry: PermissionRegistry;
  audit: AuditRecorder;
  clock: Clock;
}

function scopesOf(row: ApiTokenRow): string[] {
  return row.scopes === null ? ALL_SCOPES : (JSON.parse(row.scopes) as string[]);
}

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: scopesOf(row),
    expiresAt: toIsoTime(row.expires_at),
    lastUsedAt: toIsoTime(row.last_used_at),
    createdAt: toIsoTime(row.created_at),
  };
}

/** Personal API tokens: `atr_…` bearer tokens limited to a subset of their owner's permissions. */
export class ApiTokenService {
  readonly #d: ApiTokenServiceDeps;

  constructor(deps: ApiTokenServiceDeps) {
    this.#d = deps;
  }

  async list(userId: string): Promise<ApiToken[]> {
    return (await this.#d.tokens.listOfUser(this.#d.db, userId)).map(toApiToken);
  }

  async create(ctx: ChangeContext, userId: string, input: CreateApiTokenBody): Promise<CreatedApiToken> {
    const scopes = this.#checkScopes(input.scopes);
    const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
    const now = this.#d.clock.now();
    const row: ApiTokenRow = {
      id: randomUUID(),
      user_id: userId,
      name: input.name,
      prefix: token.slice(0, VISIBLE_PREFIX_LENGTH),
      token_hash: sha256Hex(token),
      scopes: scopes === null ? null : JSON.stringify(scopes),
      expires_at: now + (input.expiresInDays ?? 30) * DAY_MS,
      last_used_at: null,
      created_at: now,
    };
    await inTransaction(this.#d.db, async (tx) => {
      const existing = await this.#d.tokens.listOfUser(tx, userId);
      if (existing.some((t) => t.name === input.name)) {
        throw alreadyExists('name', `name "${input.name}" is already used by another of your tokens`);
      }
      await this.#d.tokens.insert(tx, row);
      const { prefix: _prefix, ...shown } = toApiToken(row);
      await this.#d.audit.recordChange(tx, ctx, { targetId: row.id, diff: { after: shown } });
    });
    const { prefix: _prefix, lastUsedAt: _lastUsedAt, ...shown } = toApiToken(row);
    return { token, ...shown };
  }

  async delete(ctx: ChangeContext, userId: string, id: string): Promise<void> {
    await inTransaction(this.#d.db, async (tx) => {
      const row = await this.#d.tokens.findOfUser(tx, userId, id);
      if (!row) throw notFound('API token', id);
      await this.#d.tokens.delete(tx, id);
      await this.#d.audit.recordChange(tx, ctx, { targetId: id, diff: { before: { name: row.name } } });
    });
  }

  async authenticate(token: string): Promise<Principal> {
    const { db, clock } = this.#d;
    const row = await this.#d.tokens.findWithOwner(db, sha256Hex(token));
    if (!row) throw unauthenticated('The API token is not valid');
    const now = clock.now();
    if (row.expires_at <= now) throw tokenExpired('The API token has expired');
    if (row.owner_status !== 'active') throw unauthenticated('The API token owner is disabled');
    if (row.last_used_at === null || now - row.last_used_at >= TOUCH_INTERVAL_MS) {
      await this.#d.tokens.touch(db, row.id, now, TOUCH_INTERVAL_MS);
    }
    const scopes = scopesOf(row);
    return {
      userId: row.user_id,
      username: row.owner_username,
      mustChangePassword: row.owner_must_change_password === 1,
      sessionId: null,
      tokenId: row.id,
      tokenScopes: scopes === ALL_SCOPES || scopes.includes('*') ? null : scopes,
    };
  }

  /** null means all of the user's permissions. */
  #checkScopes(scopes: string[] | undefined): string[] | null {
    if (scopes === undefined || (scopes.length === 1 && scopes[0] === '*')) return null;
    if (scopes.length === 0) throw validationFailed('scopes', 'scopes must not be empty (use ["*"] for all)');
    scopes.forEach((code, index) => {
      if (code === '*')
        throw validationFailed(`scopes[${index}]`, '"*" cannot be combined with other scopes');
      if (!this.#d.registry.has(code)) {
        throw validationFailed(`scopes[${index}]`, `scopes[${index}] "${code}" is not a permission code`);
      }
    });
    return [...new Set(scopes)].sort();
  }
}
