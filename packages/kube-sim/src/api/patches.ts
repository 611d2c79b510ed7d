/**
 * PATCH: picks the patch flavour from the Content-Type, applies it through the patch engine and
 * hands the result to the update pipeline (or the create pipeline for an apply that creates).
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import { groupVersion } from '../registry/builtin-kinds.ts';
import { refOf, scopeNamespace, type ApiDeps } from './api-deps.ts';
import { badRequest, invalid, notFound, unsupportedMediaType } from './errors.ts';
import { decodeBodyAs, placeInNamespace } from './object-meta.ts';
import { commitCreate, commitUpdate, type WriteArgs } from './writes.ts';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

export type PatchType =
  typeof JSON_PATCH | typeof MERGE_PATCH | typeof STRATEGIC_MERGE_PATCH | typeof APPLY_PATCH;

export function supportedPatchTypes(kind: ServedKind): PatchType[] {
  return kind.custom
    ? [JSON_PATCH, MERGE_PATCH, APPLY_PATCH]
    : [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH];
}

/** Validates the Content-Type of a PATCH against what the kind supports (415 otherwise). */
export function patchTypeFor(kind: ServedKind, contentType: string): PatchType {
  const supported = supportedPatchTypes(kind);
  const match = supported.find((type) => type === contentType);
  if (match === undefined) throw unsupportedMediaType(contentType, supported);
  return match;
}

export interface PatchArgs extends WriteArgs {
  /** Server-side apply: take ownership of conflicting fields. */
  force?: boolean;
}

export function patchObject(
  deps: ApiDeps,
  kind: ServedKind,
  namespace: string,
  name: string,
  type: PatchType,
  patch: unknown,
  args: PatchArgs,
  subresource?: string,
): KubeObject {
  if (args.force === true && type !== APPLY_PATCH) {
    throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [
      {
        reason: 'FieldValueForbidden',
        message: 'Forbidden: may not be specified for non-apply patch',
        field: 'force',
      },
    ]);
  }
  const stored = deps.store.get(kind.storageKey, scopeNamespace(kind, namespace), name);
  if (type === APPLY_PATCH) return applyPatch(deps, kind, namespace, name, stored, patch, args, subresource);
  if (stored === undefined) throw notFound(refOf(kind, name));
  // The patch engine never modifies its input (it copies what it patches), so the stored
  // object only needs the requested apiVersion on a shallow copy.
  const live: KubeObject = { ...stored, apiVersion: groupVersion(kind) };
  const engine = deps.modules.patch;
  let patched: KubeObject;
  if (type === JSON_PATCH) patched = engine.jsonPatch(live, patch);
  else if (type === MERGE_PATCH) patched = engine.mergePatch(live, patch);
  else patched = engine.strategicMergePatch(live, patch, deps.modules.schema.patchMeta(kind));
  const object = decodeBodyAs(kind, patched);
  keepIdentity(object, stored);
  return commitUpdate(deps, kind, stored, object, args, subresource === undefined ? {} : { subresource });
}

function applyPatch(
  deps: ApiDeps,
  kind: ServedKind,
  namespace: string,
  name: string,
  stored: KubeObject | undefined,
  patch: unknown,
  args: PatchArgs,
  subresource: string | undefined,
): KubeObject {
  const manager = args.options.fieldManager;
  if (manager === undefined || manager === '') {
    throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [
      {
        reason: 'FieldValueRequired',
        message: 'Required value: is required for apply patch',
        field: 'fieldManager',
      },
    ]);
  }
  const applied = decodeBodyAs(kind, patch);
  if (applied.metadata.name !== undefined && applied.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  applied.metadata.name = name;
  placeInNamespace(kind, applied, namespace);
  const live: KubeObject | undefined =
    stored === undefined ? undefined : { ...stored, apiVersion: groupVersion(kind) };
  const result = deps.modules.patch.apply({
    live,
    applied,
    manager,
    force: args.force === true,
    meta: deps.modules.schema.patchMeta(kind),
    now: deps.clock.now(),
    apiVersion: groupVersion(kind),
    ...(subresource === undefined ? {} : { subresource }),
  });
  const object = decodeBodyAs(kind, result);
  if (stored === undefined) {
    if (subresource !== undefined) throw notFound(refOf(kind, name));
    delete object.metadata.resourceVersion;
    return commitCreate(deps, kind, object, args, { managedFieldsDone: true });
  }
  keepIdentity(object, stored);
  const options = { managedFieldsDone: true, ...(subresource === undefined ? {} : { subresource }) };
  return commitUpdate(deps, kind, stored, object, args, options);
}

/** A patch may not rename or move the object; it may state a resourceVersion precondition. */
function keepIdentity(object: KubeObject, stored: KubeObject): void {
  object.metadata.name = stored.metadata.name;
  if (stored.metadata.namespace === undefined) delete object.metadata.namespace;
  else object.metadata.namespace = stored.metadata.namespace;
}
