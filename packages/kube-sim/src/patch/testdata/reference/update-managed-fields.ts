/**
 * REFERENCE IMPLEMENTATION, for tests only: the managed-fields tracking as it was before it was
 * made incremental (every field set built in full, every object deep-copied, plain map-based
 * sets). The property tests run it beside the real one on random writes: both must record the
 * same managedFields byte for byte. Do not optimize it; change it only with the semantics.
 */
/**
 * Managed fields for every write that is not an apply (create, update, JSON/merge/strategic
 * patch), as FieldManager.UpdateNoErrors records them: the fields the write added or changed
 * become the writer's (taken from whoever owned them), removed fields are owned by nobody.
 */
import type { PatchMeta } from '../../../schema/patch-meta.ts';
import type { KubeObject } from '../../../types.ts';
import { transferChangedFields } from './field-ownership.ts';
import { cloneJson } from '../../json-values.ts';
import {
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  isResetManagedFields,
  managerIdentifier,
  withoutUntrackedFields,
  type ManagedFieldsState,
} from './managed-fields.ts';
import { withManagedFields, withoutManagedFields } from './object-identity.ts';
import { resolveRootMeta } from '../../patch-meta-lookup.ts';
import { compareObjects } from './ssa-compare.ts';

export interface UpdateManagedFieldsInput {
  /** The stored object; undefined on create. */
  old: KubeObject | undefined;
  /** The object about to be stored. */
  updated: KubeObject;
  manager: string;
  operation: 'Update';
  meta: PatchMeta;
  now: string;
  apiVersion: string;
  subresource?: string;
}

/** The real updater runs the write as this pseudo-manager first, then folds it into the writer. */
const CURRENT_OPERATION = 'current-operation';

/** Returns a copy of `updated` with the new metadata.managedFields. */
export function updateManagedFields(input: UpdateManagedFieldsInput): KubeObject {
  const subresource = input.subresource ?? '';
  const state = startingState(input.old, input.updated, subresource !== '');
  const after = withoutManagedFields(input.updated);
  // An existing object without managed fields stays untracked until the next apply
  // (skipNonAppliedManager); only creates start tracking from nothing.
  if (state.size === 0 && input.old !== undefined) return withManagedFields(after, []);

  const rootMeta = resolveRootMeta(input.meta);
  const comparison = compareObjects(withoutManagedFields(input.old), after, rootMeta);
  const writerId = managerIdentifier(input.manager, 'Update', input.apiVersion, subresource);
  const former = state.get(writerId);
  transferChangedFields(state, comparison, CURRENT_OPERATION, true);

  const written = withoutUntrackedFields(
    comparison.modified.union(comparison.added).difference(comparison.removed),
  );
  if (!written.isEmpty()) {
    const previous = state.get(writerId);
    const set = previous ? written.union(previous.set) : written;
    // The entry's time moves only when the writer's set changed.
    const time = !former || !set.equals(former.set) ? formatTime(input.now) : former.time;
    state.set(writerId, {
      manager: input.manager,
      operation: 'Update',
      apiVersion: input.apiVersion,
      subresource,
      time,
      set,
    });
  }
  capUpdateManagers(state);
  return withManagedFields(after, encodeManagedFields(state));
}

/**
 * decodeLiveOrNew: managedFields the request carries win when they are valid and non-empty
 * (that is how they are edited), `[]` resets them, otherwise the stored ones continue.
 * Subresource writes can never change them.
 */
function startingState(
  old: KubeObject | undefined,
  updated: KubeObject,
  isSubresource: boolean,
): ManagedFieldsState {
  const stored = (): ManagedFieldsState =>
    decodeManagedFields(cloneJson(old?.metadata.managedFields)) ?? new Map();
  if (isSubresource) return stored();
  const requested = updated.metadata.managedFields;
  if (isResetManagedFields(requested)) return new Map();
  const fromRequest = decodeManagedFields(requested);
  return fromRequest && fromRequest.size > 0 ? fromRequest : stored();
}
