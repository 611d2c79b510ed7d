import type { Transaction } from 'kysely';
import type { DB, Executor } from './schema.ts';

/**
 * Runs `work` in a transaction, joining the caller's when `db` already is one. With SQLite's
 * single connection, code inside `work` must use the given `tx` only: touching the outer
 * Kysely instance there would wait for the connection forever.
 */
export function inTransaction<T>(db: Executor, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<DB>);
  return db.transaction().execute(work);
}
