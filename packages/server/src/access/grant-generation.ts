import type { Executor } from '../core/db/schema.ts';

/**
 * Moves the grant generation. Call it in the transaction that changes a role's codes or a
 * binding: every replica's GrantCache reads the grants again on its next check.
 */
export async function bumpGrantGeneration(db: Executor): Promise<void> {
  await db
    .updateTable('grant_generation')
    .set((eb) => ({ generation: eb('generation', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

export async function currentGrantGeneration(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('grant_generation')
    .select('generation')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.generation);
}
