/**
 * REFERENCE IMPLEMENTATION, for tests only: the managed-fields tracking as it was before it was
 * made incremental (every field set built in full, every object deep-copied, plain map-based
 * sets). The property tests run it beside the real one on random writes: both must record the
 * same managedFields byte for byte. Do not optimize it; change it only with the semantics.
 */
/**
 * The ownership step every write goes through (merge.Updater.update): fields a write adds or
 * changes are taken from the managers that owned them, fields it removes are dropped from
 * everyone, and managers left owning nothing disappear. For apply, taking a field someone
 * else owns is a conflict unless forced.
 */
import type { FieldSet } from './fieldset.ts';
import type { ManagedFieldsState } from './managed-fields.ts';
import type { Comparison } from './ssa-compare.ts';

/** Conflicting fields by manager identifier. */
export type Conflicts = Map<string, FieldSet>;

/**
 * Updates `state` in place for a write by `writerId` (which is left alone). Returns the
 * conflicts when `force` is false and there are any; `state` is then unchanged.
 */
export function transferChangedFields(
  state: ManagedFieldsState,
  comparison: Comparison,
  writerId: string,
  force: boolean,
): Conflicts | undefined {
  const changed = comparison.modified.union(comparison.added);
  const conflicts: Conflicts = new Map();
  for (const [id, record] of state) {
    if (id === writerId) continue;
    const taken = record.set.intersection(changed);
    if (!taken.isEmpty()) conflicts.set(id, taken);
  }
  if (!force && conflicts.size > 0) return conflicts;

  for (const [id, record] of state) {
    if (id === writerId) continue;
    let set = record.set;
    const taken = conflicts.get(id);
    if (taken) set = set.difference(taken);
    if (!comparison.removed.isEmpty()) set = set.difference(comparison.removed);
    state.set(id, { ...record, set });
  }
  for (const [id, record] of state) {
    if (record.set.isEmpty()) state.delete(id);
  }
  return undefined;
}
