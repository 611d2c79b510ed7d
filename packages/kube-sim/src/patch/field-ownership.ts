/**
 * The ownership step every write goes through (merge.Updater.update): fields a write adds or
 * changes are taken from the managers that owned them, fields it removes are dropped from
 * everyone, and managers left owning nothing disappear. For apply, taking a field someone
 * else owns is a conflict unless forced.
 */
import type { StatusCause } from '../types.ts';
import { ApplyConflictError, type ApplyConflict } from './errors.ts';
import type { FieldSet } from './fieldset.ts';
import { describeManager, type ManagedFieldsState, type ManagerRecord } from './managed-fields.ts';
import { pathToString } from './path-element.ts';
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
    // Set operations return their receiver when nothing changes: untouched records stay as
    // they are, and so do their written fieldsV1.
    if (set !== record.set) state.set(id, { ...record, set });
  }
  for (const [id, record] of state) {
    if (record.set.isEmpty()) state.delete(id);
  }
  return undefined;
}

/** The 409 the apiserver answers, with its exact wording (fieldmanager's NewConflictError). */
export function applyConflictError(conflicts: Conflicts, owners: ManagedFieldsState): ApplyConflictError {
  const entries: Array<{ record: ManagerRecord; fields: string[] }> = [];
  for (const id of [...conflicts.keys()].sort()) {
    const record = owners.get(id);
    const set = conflicts.get(id);
    if (record && set) entries.push({ record, fields: set.paths().map(pathToString) });
  }
  const list: ApplyConflict[] = [];
  const causes: StatusCause[] = [];
  for (const { record, fields } of entries) {
    for (const field of fields) {
      list.push({ manager: record.manager, field });
      causes.push({
        reason: 'FieldManagerConflict',
        message: `conflict with ${describeManager(record)}`,
        field,
      });
    }
  }
  return new ApplyConflictError(conflictMessage(entries, list), list, causes);
}

function conflictMessage(
  entries: Array<{ record: ManagerRecord; fields: string[] }>,
  list: ApplyConflict[],
): string {
  const [only] = entries;
  if (list.length === 1 && only) {
    return `Apply failed with 1 conflict: conflict with ${describeManager(only.record)}: ${only.fields[0] ?? ''}`;
  }
  const lines: string[] = [];
  for (const { record, fields } of entries) {
    lines.push(`conflicts with ${describeManager(record)}:`);
    for (const field of fields) lines.push(`- ${field}`);
  }
  return `Apply failed with ${list.length} conflicts: ${lines.join('\n')}`;
}
