import { randomUUID } from 'node:crypto';
import type { Executor } from '../../core/db/schema.ts';

export interface LoginAttempt {
  succeeded: boolean;
  attemptedAt: number;
}

export class LoginAttemptStore {
  async record(
    db: Executor,
    attempt: { username: string; sourceIp: string; succeeded: boolean; at: number },
  ): Promise<void> {
    await db
      .insertInto('login_attempts')
      .values({
        id: randomUUID(),
        username: attempt.username,
        source_ip: attempt.sourceIp.slice(0, 64),
        succeeded: attempt.succeeded ? 1 : 0,
        attempted_at: attempt.at,
      })
      .execute();
  }

  /** The most recent attempts for a username, newest first. */
  async latest(db: Executor, username: string, limit: number): Promise<LoginAttempt[]> {
    const rows = await db
      .selectFrom('login_attempts')
      .select(['succeeded', 'attempted_at'])
      .where('username', '=', username)
      .orderBy('attempted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ succeeded: r.succeeded === 1, attemptedAt: r.attempted_at }));
  }

  /** Housekeeping: forget attempts older than `before`. */
  async deleteOlderThan(db: Executor, before: number): Promise<void> {
    await db.deleteFrom('login_attempts').where('attempted_at', '<', before).execute();
  }
}
