import type { Insertable, Selectable, Updateable } from 'kysely';
import { containsIgnoringCase } from '../../core/db/like.ts';
import type { Executor, UsersTable, UserStatus } from '../../core/db/schema.ts';
import { bumpGrantGeneration } from '../../access/grant-generation.ts';

export type UserRow = Selectable<UsersTable>;

export interface UserListQuery {
  search?: string;
  status?: UserStatus;
  limit: number;
  offset: number;
}

export class UserStore {
  async insert(db: Executor, row: Insertable<UsersTable>): Promise<void> {
    await db.insertInto('users').values(row).execute();
  }

  findById(db: Executor, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  async list(db: Executor, query: UserListQuery): Promise<{ rows: UserRow[]; total: number }> {
    let base = db.selectFrom('users');
    if (query.status) base = base.where('status', '=', query.status);
    const search = query.search?.trim();
    if (search) {
      base = base.where((eb) =>
        eb.or([
          containsIgnoringCase('username', search),
          containsIgnoringCase('display_name', search),
          containsIgnoringCase('email', search),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('username').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.total) };
  }

  async count(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }

  /** Returns false when no such user exists. */
  async update(db: Executor, id: string, changes: Updateable<UsersTable>): Promise<boolean> {
    const result = await db.updateTable('users').set(changes).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(db: Executor, id: string): Promise<boolean> {
    const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    // Their bindings went with them (cascade).
    await bumpGrantGeneration(db);
    return result.numDeletedRows > 0n;
  }
}
