import type { Insertable, Selectable } from 'kysely';
import type { ApiTokensTable, Executor, UserStatus } from '../../core/db/schema.ts';

export type ApiTokenRow = Selectable<ApiTokensTable>;
export type ApiTokenWithOwner = ApiTokenRow & {
  owner_username: string;
  owner_status: UserStatus;
  owner_must_change_password: number;
};

export class ApiTokenStore {
  async insert(db: Executor, row: Insertable<ApiTokensTable>): Promise<void> {
    await db.insertInto('api_tokens').values(row).execute();
  }

  /** The token and what authenticating needs of its owner, in one read (it runs on every request). */
  findWithOwner(db: Executor, tokenHash: string): Promise<ApiTokenWithOwner | undefined> {
    return db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('api_tokens')
      .select([
        'users.username as owner_username',
        'users.status as owner_status',
        'users.must_change_password as owner_must_change_password',
      ])
      .where('api_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  findOfUser(db: Executor, userId: string, id: string): Promise<ApiTokenRow | undefined> {
    return db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  listOfUser(db: Executor, userId: string): Promise<ApiTokenRow[]> {
    return db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('api_tokens').where('id', '=', id).execute();
  }

  /**
   * Notes a use, at most once per `minIntervalMs`, so busy tokens do not write on every
   * request.
   */
  async touch(db: Executor, id: string, now: number, minIntervalMs: number): Promise<void> {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', now - minIntervalMs)]))
      .execute();
  }
}
