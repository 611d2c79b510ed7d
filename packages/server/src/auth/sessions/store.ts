import type { Insertable, Selectable } from 'kysely';
import type { Executor, RefreshSessionsTable } from '../../core/db/schema.ts';

export type RefreshSessionRow = Selectable<RefreshSessionsTable>;

/** Refresh tokens, one row per issued token; rotations of one sign-in share a family. */
export class RefreshSessionStore {
  async insert(db: Executor, row: Insertable<RefreshSessionsTable>): Promise<void> {
    await db.insertInto('refresh_sessions').values(row).execute();
  }

  findByHash(db: Executor, tokenHash: string): Promise<RefreshSessionRow | undefined> {
    return db
      .selectFrom('refresh_sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /**
   * Marks a token used if nobody did so first. The conditional update is the rotation's
   * compare-and-swap: of two concurrent refreshes with one token, exactly one wins.
   */
  async markUsed(db: Executor, id: string, now: number): Promise<boolean> {
    const result = await db
      .updateTable('refresh_sessions')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async revokeFamily(db: Executor, familyId: string, now: number): Promise<void> {
    await db
      .updateTable('refresh_sessions')
      .set({ revoked_at: now })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Signs the user out everywhere, except optionally the session family `keepFamilyId`. */
  async revokeAllOfUser(
    db: Executor,
    userId: string,
    now: number,
    keepFamilyId: string | null = null,
  ): Promise<void> {
    let query = db
      .updateTable('refresh_sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (keepFamilyId !== null) query = query.where('family_id', '<>', keepFamilyId);
    await query.execute();
  }

  /** A family is live while any of its rows is unrevoked; revocation always covers all rows. */
  async isFamilyActive(db: Executor, familyId: string): Promise<boolean> {
    const row = await db
      .selectFrom('refresh_sessions')
      .select('id')
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
