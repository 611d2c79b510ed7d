import type { Executor } from '../core/db/schema.ts';
import { LruMap } from '../core/lru-map.ts';
import type { BindingStore, ScopedGrant } from './bindings/store.ts';
import { currentGrantGeneration } from './grant-generation.ts';

const USERS_KEPT = 10_000;

/**
 * Each user's grants, read again only when the grant generation has moved: every check then
 * costs a one-row read instead of the join over bindings and role codes. The generation is
 * read first, so grants kept under it are never older than it; another replica's change is
 * seen on the next check, as a change made here is.
 */
export class GrantCache {
  readonly #bindings: BindingStore;
  readonly #entries = new LruMap<string, { generation: number; grants: readonly ScopedGrant[] }>(USERS_KEPT);

  constructor(bindings: BindingStore) {
    this.#bindings = bindings;
  }

  async grantsOf(db: Executor, userId: string): Promise<readonly ScopedGrant[]> {
    const generation = await currentGrantGeneration(db);
    const kept = this.#entries.get(userId);
    if (kept?.generation === generation) return kept.grants;
    const grants = await this.#bindings.grantsOf(db, userId);
    this.#entries.set(userId, { generation, grants });
    return grants;
  }
}
