import { isUniqueViolation } from '../db/unique-violation.ts';
import type { Executor } from '../db/schema.ts';

/** Installation-wide key/value settings (generated keys and the like). */
export class SettingsStore {
  async get(db: Executor, name: string): Promise<string | undefined> {
    const row = await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
    return row?.value;
  }

  /**
   * Stores `value` unless the setting already exists, and returns whichever value won; two
   * replicas starting together thus agree on one generated key.
   */
  async getOrInsert(db: Executor, name: string, value: string, now: number): Promise<string> {
    const existing = await this.get(db, name);
    if (existing !== undefined) return existing;
    try {
      await db.insertInto('settings').values({ name, value, updated_at: now }).execute();
      return value;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.get(db, name);
      if (winner === undefined) throw error;
      return winner;
    }
  }

  async put(db: Executor, name: string, value: string, now: number): Promise<void> {
    const updated = await db
      .updateTable('settings')
      .set({ value, updated_at: now })
      .where('name', '=', name)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      await db.insertInto('settings').values({ name, value, updated_at: now }).execute();
    }
  }
}
