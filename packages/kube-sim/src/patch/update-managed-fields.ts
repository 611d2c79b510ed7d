/**
 * Managed fields for every write that is not an apply (create, update, JSON/merge/strategic
 * patch), as FieldManager.UpdateNoErrors records them: the fields the write added or changed
 * become the writer's (taken from whoever owned them), removed fields are owned by nobody.
 *
 * Runs on every write, so it costs what the write changed: nothing is deep-copied (the result
 * shares all but its top level and metadata with `updated`), the comparison skips what the two
 * versions share, and the stored entries are read lazily and written back mostly as they were
 * (see FieldSet).
 */
import type { PatchMeta } from '../schema/patch-meta.ts';
import type { KubeObject } from '../types.ts';
import { createdFieldsV1 } from './created-fields.ts';
import { transferChangedFields } from './field-ownership.ts';
import { FieldSet } from './fieldset.ts';
import { isJsonObject, jsonEqual, type JsonObject } from './json-values.ts';
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
import { withManagedFields } from './object-identity.ts';
import { withoutKey } from '../store/without-key.ts';
import { resolveRootMeta } from './patch-meta-lookup.ts';
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

/**
 * Returns a copy of `updated` with the new metadata.managedFields. Only the top level and
 * metadata are copied: the rest is shared with `updated`, which the caller hands over.
 */
export function updateManagedFields(input: UpdateManagedFieldsInput): KubeObject {
  const subresource = input.subresource ?? '';
  const state = startingState(input.old, input.updated, subresource !== '');
  const after = shallowWithoutManagedFields(input.updated);
  // An existing object without managed fields stays untracked until the next apply
  // (skipNonAppliedManager); only creates start tracking from nothing.
  if (state.size === 0 && input.old !== undefined) return withManagedFields(after, []);

  const rootMeta = resolveRootMeta(input.meta);
  const writerId = managerIdentifier(input.manager, 'Update', input.apiVersion, subresource);
  if (input.old === undefined && state.size === 0) {
    // A create that brings no managedFields: the writer owns every tracked field, and nobody
    // else owns anything. Written in one walk (createdFieldsV1) instead of comparing the object
    // with nothing and writing the resulting sets.
    const written = createdFieldsV1(after, rootMeta);
    if (written !== undefined) {
      state.set(writerId, {
        manager: input.manager,
        operation: 'Update',
        apiVersion: input.apiVersion,
        subresource,
        time: formatTime(input.now),
        set: FieldSet.fromWritten(written),
      });
    }
    return withManagedFields(after, encodeManagedFields(state));
  }
  const comparison = compareObjects(shallowWithoutManagedFields(input.old), after, rootMeta);
  const former = state.get(writerId);
  transferChangedFields(state, comparison, CURRENT_OPERATION, true);

  const written = withoutUntrackedFields(
    comparison.modified.union(comparison.added).difference(comparison.removed),
  );
  if (!written.isEmpty()) {
    const previous = state.get(writerId);
    // previous ∪ written (not written ∪ previous): union returns its receiver when the other
    // set adds nothing, so a writer rewriting its own fields keeps its stored set as it is.
    const set = previous ? previous.set.union(written) : written;
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
  // Decoding only reads the entries, so the stored (frozen) ones are read in place.
  const stored = (): ManagedFieldsState => decodeManagedFields(old?.metadata.managedFields) ?? new Map();
  if (isSubresource) return stored();
  const requested = updated.metadata.managedFields;
  if (isResetManagedFields(requested)) return new Map();
  // Clients send back the entries they read (a copy): decoding equal JSON gives the same state,
  // and the stored entries decode lazily where a copy would have to be parsed.
  if (old !== undefined && requested !== undefined && jsonEqual(requested, old.metadata.managedFields)) {
    return stored();
  }
  const fromRequest = decodeManagedFields(requested);
  return fromRequest && fromRequest.size > 0 ? fromRequest : stored();
}

/** The object without metadata.managedFields ({} for a missing object), copying only what changes. */
function shallowWithoutManagedFields(object: KubeObject | undefined): JsonObject {
  if (!object) return {};
  const copy: JsonObject = { ...object };
  if (isJsonObject(copy.metadata)) copy.metadata = withoutKey(copy.metadata, 'managedFields');
  return copy;
}
