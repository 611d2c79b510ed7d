import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ClustersTable, Executor } from '../../core/db/schema.ts';

export type ClusterRow = Selectable<ClustersTable>;

/** The clusters table: metadata in columns, the credential sealed in one. */
export class ClusterStore {
  async insert(db: Executor, row: Insertable<ClustersTable>): Promise<void> {
    await db.insertInto('clusters').values(row).execute();
  }

  findByName(db: Executor, name: string): Promise<ClusterRow | undefined> {
    return db.selectFrom('clusters').selectAll().where('name', '=', name).executeTakeFirst();
  }

  list(db: Executor): Promise<ClusterRow[]> {
    return db.selectFrom('clusters').selectAll().orderBy('name').execute();
  }

  async update(db: Executor, name: string, changes: Updateable<ClustersTable>): Promise<void> {
    await db.updateTable('clusters').set(changes).where('name', '=', name).execute();
  }

  /** Replaces the sealed credential and bumps its version, in one statement. */
  async replaceCredential(
    db: Executor,
    name: string,
    changes: Pick<
      ClusterRow,
      'credential' | 'credential_type' | 'server' | 'insecure_skip_tls_verify' | 'updated_at'
    >,
  ): Promise<void> {
    await db
      .updateTable('clusters')
      .set((eb) => ({ ...changes, credential_version: eb('credential_version', '+', 1) }))
      .where('name', '=', name)
      .execute();
  }

  async delete(db: Executor, name: string): Promise<boolean> {
    const result = await db.deleteFrom('clusters').where('name', '=', name).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
