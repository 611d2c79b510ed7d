/**
 * Server-side apply (application/apply-patch+yaml) as the apiserver's field manager performs
 * it on top of sigs.k8s.io/structured-merge-diff: merge the configuration into the live
 * object, prune what this manager applied before and nobody claims any more, move ownership
 * of changed fields, refuse on conflicts unless forced, and record the managed fields.
 */
import type { PatchMeta } from '../schema/patch-meta.ts';
import type { KubeObject } from '../types.ts';
import { badRequest, internalError } from './errors.ts';
import { applyConflictError, transferChangedFields, type Conflicts } from './field-ownership.ts';
import { FieldSet } from './fieldset.ts';
import { cloneJson, isJsonObject, jsonEqual, type JsonObject } from './json-values.ts';
import {
  KUBECTL_APPLY_MANAGER,
  fieldsStillAsLastApplied,
  syncLastAppliedAnnotation,
} from './last-applied.ts';
import {
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  managerIdentifier,
  sameManagedFields,
  withoutUntrackedFields,
  type ManagedFieldsState,
} from './managed-fields.ts';
import { resolveRootMeta } from './patch-meta-lookup.ts';
import { compareObjects } from './ssa-compare.ts';
import { fieldSetOf, listKeyErrors, withNamedFieldsAsMembers } from './ssa-fieldset.ts';
import { mergeApplied } from './ssa-merge.ts';
import { removeFields } from './ssa-remove.ts';
import { describeKind, describeObject, withManagedFields, withoutManagedFields } from './object-identity.ts';

export interface ServerSideApplyInput {
  /** The stored object; undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The applied configuration as decoded from the request body. */
  applied: KubeObject;
  manager: string;
  force: boolean;
  meta: PatchMeta;
  /** RFC 3339 timestamp for managedFields entries. */
  now: string;
  /** The version the request addressed, e.g. `apps/v1`. */
  apiVersion: string;
  subresource?: string;
}

export interface ServerSideApplyResult {
  object: KubeObject;
}

interface ApplyContext {
  readonly rootMeta: PatchMeta;
  readonly live: JsonObject;
  readonly applied: JsonObject;
  readonly before: ManagedFieldsState;
  readonly applierId: string;
  readonly input: ServerSideApplyInput;
}

type Attempt =
  { merged: JsonObject; state: ManagedFieldsState } | { conflicts: Conflicts; state: ManagedFieldsState };

export function applyServerSide(input: ServerSideApplyInput): ServerSideApplyResult {
  checkAppliedObject(input);
  const rootMeta = resolveRootMeta(input.meta);
  const live = withoutManagedFields(input.live);
  const applied = cloneJson(input.applied) as JsonObject;
  checkListKeys(applied, live, rootMeta, input);
  const before = decodeManagedFields(input.live?.metadata.managedFields);
  if (!before) throw internalError('failed to decode managed fields: invalid managedFields entry');
  const subresource = input.subresource ?? '';
  const context: ApplyContext = {
    rootMeta,
    live,
    applied,
    before,
    applierId: managerIdentifier(input.manager, 'Apply', input.apiVersion, subresource),
    input,
  };

  let attempt = attemptApply(context, input.force);
  if ('conflicts' in attempt && input.manager === KUBECTL_APPLY_MANAGER) {
    attempt = retryWithLastApplied(context, attempt);
  }
  if ('conflicts' in attempt) throw applyConflictError(attempt.conflicts, attempt.state);

  const { merged, state } = attempt;
  const changed = !jsonEqual(live, merged);
  const applier = state.get(context.applierId);
  if (applier && (changed || !sameManagedFields(before, state))) {
    state.set(context.applierId, { ...applier, time: formatTime(input.now) });
  }
  capUpdateManagers(state);
  const object = changed ? merged : cloneJson(live);
  if (input.manager === KUBECTL_APPLY_MANAGER) syncLastAppliedAnnotation(object, applied);
  return { object: withManagedFields(object, encodeManagedFields(state)) };
}

function attemptApply(context: ApplyContext, force: boolean): Attempt {
  const { rootMeta, live, applied, applierId, input } = context;
  const state: ManagedFieldsState = new Map(context.before);
  const lastApplied = state.get(applierId)?.set;
  // The new set keeps metadata.name & co. until the end: pruning must not drop `metadata`.
  state.set(applierId, {
    manager: input.manager,
    operation: 'Apply',
    apiVersion: input.apiVersion,
    subresource: input.subresource ?? '',
    time: state.get(applierId)?.time,
    set: fieldSetOf(applied, rootMeta),
  });
  const merged = (mergeApplied(live, applied, rootMeta) as JsonObject | undefined) ?? {};
  const pruned = lastApplied ? prune(merged, state, lastApplied, rootMeta) : merged;
  const conflicts = transferChangedFields(state, compareObjects(live, pruned, rootMeta), applierId, force);
  if (conflicts) return { conflicts, state: context.before };

  const applier = state.get(applierId);
  if (applier) {
    const owned = withoutUntrackedFields(applier.set);
    if (owned.isEmpty()) state.delete(applierId);
    else state.set(applierId, { ...applier, set: owned });
  }
  return { merged: pruned, state };
}

/**
 * Removes what this manager applied last time and no manager (this one's new configuration
 * included) owns now. A struct counts as owned when anything below it is.
 */
function prune(
  merged: JsonObject,
  state: ManagedFieldsState,
  lastApplied: FieldSet,
  rootMeta: PatchMeta,
): JsonObject {
  let owned = new FieldSet();
  for (const record of state.values()) owned = owned.union(record.set);
  const stale = withNamedFieldsAsMembers(lastApplied, rootMeta).difference(
    withNamedFieldsAsMembers(owned, rootMeta),
  );
  return stale.isEmpty() ? merged : removeFields(merged, stale, rootMeta);
}

/**
 * Conflicts limited to fields kubectl's client-side apply set, and that still hold the values
 * it set, are not real conflicts: kubectl is taking over its own configuration.
 */
function retryWithLastApplied(
  context: ApplyContext,
  attempt: Extract<Attempt, { conflicts: Conflicts }>,
): Attempt {
  const allowed = fieldsStillAsLastApplied(context.live, context.rootMeta, context.input.apiVersion);
  if (!allowed) return attempt;
  const remaining: Conflicts = new Map();
  for (const [id, fields] of attempt.conflicts) {
    const left = fields.difference(allowed);
    if (!left.isEmpty()) remaining.set(id, left);
  }
  if (remaining.size > 0) return { conflicts: remaining, state: attempt.state };
  return attemptApply(context, true);
}

function checkAppliedObject(input: ServerSideApplyInput): void {
  const { applied, live } = input;
  if (applied.apiVersion !== input.apiVersion || (live !== undefined && applied.kind !== live.kind)) {
    // VersionCheckManager prints the GroupVersionKind the body declared.
    throw badRequest(`invalid object type: ${describeKind(applied)}`);
  }
  const managedFields = isJsonObject(applied.metadata) ? applied.metadata.managedFields : undefined;
  if (managedFields !== undefined && managedFields !== null)
    throw badRequest('metadata.managedFields must be nil');
}

function checkListKeys(
  applied: JsonObject,
  live: JsonObject,
  rootMeta: PatchMeta,
  input: ServerSideApplyInput,
): void {
  const appliedErrors = listKeyErrors(applied, rootMeta, false);
  if (appliedErrors.length > 0) {
    throw internalError(
      `failed to create typed patch object (${describeObject(applied)}): ${joinErrors(appliedErrors)}`,
    );
  }
  const liveErrors = input.live ? listKeyErrors(live, rootMeta, true) : [];
  if (liveErrors.length > 0) {
    throw internalError(
      `failed to create typed live object (${describeObject(live)}): ${joinErrors(liveErrors)}`,
    );
  }
}

/** structured-merge-diff's ValidationErrors.Error(). */
function joinErrors(errors: readonly string[]): string {
  return errors.length === 1
    ? (errors[0] ?? '')
    : ['errors:', ...errors.map((error) => `  ${error}`)].join('\n');
}
