/**
 * create and update (main resource and status): the write pipeline shared by PUT, PATCH and the
 * in-process client — metadata, unknown fields, strategy, admission, managedFields,
 * optimistic concurrency, finalization, persistence.
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import { groupVersion } from '../registry/builtin-kinds.ts';
import { deepFreeze } from '../store/freeze.ts';
import { withoutKey } from '../store/without-key.ts';
import type { AdmissionOperation } from './admission.ts';
import { asVersion, refOf, requireObject, scopeNamespace, type ApiDeps } from './api-deps.ts';
import { alreadyExists, badRequest, invalid, staleResourceVersion } from './errors.ts';
import { checkUnknownFields, rejectUnknownFieldsOnDecode } from './field-validation.ts';
import {
  carryUpdateMeta,
  decodeBodyAs,
  fillCreateMeta,
  pendingFinalizers,
  placeInNamespace,
  regenerateName,
} from './object-meta.ts';
import type { RequestContext, WriteOptions } from './request-context.ts';
import { deepEqual, prepareForCreate, prepareForStatusUpdate, prepareForUpdate } from './strategy.ts';

export interface WriteArgs {
  ctx: RequestContext;
  options: WriteOptions;
}

export interface CommitOptions {
  subresource?: string;
  /** managedFields were already computed (server-side apply). */
  managedFieldsDone?: boolean;
}

const NAME_RETRIES = 8;

export function createObject(
  deps: ApiDeps,
  kind: ServedKind,
  namespace: string,
  body: unknown,
  args: WriteArgs,
): KubeObject {
  const object = decodeBodyAs(kind, body, deps.registry);
  rejectUnknownFieldsOnDecode(deps, kind, object, args.options.fieldValidation);
  placeInNamespace(kind, object, namespace);
  return commitCreate(deps, kind, object, args, {});
}

/** Creates a decoded, namespaced object (the caller's private copy). */
export function commitCreate(
  deps: ApiDeps,
  kind: ServedKind,
  object: KubeObject,
  args: WriteArgs,
  options: CommitOptions,
): KubeObject {
  const now = deps.clock.now();
  fillCreateMeta(object, now);
  let next = checkUnknownFields(deps, kind, object, args.options.fieldValidation, args.ctx);
  prepareForCreate(kind, next);
  next = admit(deps, 'CREATE', kind, next, undefined, args, options.subresource);
  if (options.managedFieldsDone !== true) {
    next = deps.modules.patch.updateManagedFields({
      old: undefined,
      updated: next,
      manager: fieldManagerOf(args),
      meta: deps.modules.schema.patchMeta(kind),
      now,
      apiVersion: groupVersion(kind),
    });
  }
  const namespace = scopeNamespace(kind, next.metadata.namespace);
  for (let attempt = 0; deps.store.get(kind.storageKey, namespace, next.metadata.name ?? ''); attempt++) {
    if (attempt >= NAME_RETRIES || !regenerateName(next)) {
      throw alreadyExists(refOf(kind, next.metadata.name ?? ''));
    }
  }
  if (args.options.dryRun === true) return asVersion(kind, deepFreeze(next));
  return asVersion(kind, deps.store.put(kind.storageKey, next));
}

export function updateObject(
  deps: ApiDeps,
  kind: ServedKind,
  namespace: string,
  name: string,
  body: unknown,
  args: WriteArgs,
  subresource?: string,
): KubeObject {
  const object = decodeBodyAs(kind, body, deps.registry);
  rejectUnknownFieldsOnDecode(deps, kind, object, args.options.fieldValidation);
  checkName(kind, object, namespace, name);
  const old = requireObject(deps, kind, namespace, name);
  placeInNamespace(kind, object, namespace);
  return commitUpdate(deps, kind, old, object, args, subresource === undefined ? {} : { subresource });
}

/**
 * Writes `object` (a private mutable copy) over `old`. A non-empty metadata.resourceVersion is a
 * precondition; a write that changes nothing is not persisted and keeps the old version.
 */
export function commitUpdate(
  deps: ApiDeps,
  kind: ServedKind,
  old: KubeObject,
  object: KubeObject,
  args: WriteArgs,
  options: CommitOptions,
): KubeObject {
  const name = old.metadata.name ?? '';
  const rv = object.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) {
    throw staleResourceVersion(refOf(kind, name));
  }
  const statusOnly = options.subresource === 'status';
  let next = statusOnly ? prepareForStatusUpdate(object, old) : object;
  if (!statusOnly) carryUpdateMeta(kind, next, old);
  next = checkUnknownFields(deps, kind, next, args.options.fieldValidation, args.ctx);
  if (!statusOnly) prepareForUpdate(kind, next, old);
  rejectNewFinalizersWhileDeleting(kind, next, old);
  next = admit(deps, 'UPDATE', kind, next, old, args, options.subresource);
  if (sameObject(next, old)) return asVersion(kind, old);
  if (options.managedFieldsDone !== true) {
    next = deps.modules.patch.updateManagedFields({
      old,
      updated: next,
      manager: fieldManagerOf(args),
      meta: deps.modules.schema.patchMeta(kind),
      now: deps.clock.now(),
      apiVersion: groupVersion(kind),
      ...(options.subresource === undefined ? {} : { subresource: options.subresource }),
    });
  }
  // The store stamps the new resourceVersion (last in metadata, as before); see withoutKey.
  next.metadata = withoutKey(next.metadata, 'resourceVersion');
  if (args.options.dryRun === true) {
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    return asVersion(kind, deepFreeze(next));
  }
  // The real server's shouldDeleteDuringUpdate: the last finalizer of an object whose grace
  // period is over is gone (a pod in graceful deletion keeps living until the kubelet is done).
  const graceOver = (next.metadata.deletionGracePeriodSeconds ?? 0) === 0;
  if (next.metadata.deletionTimestamp !== undefined && graceOver && pendingFinalizers(kind, next) === 0) {
    const namespace = scopeNamespace(kind, old.metadata.namespace);
    const removed = deps.store.remove(kind.storageKey, namespace, name, next);
    return asVersion(kind, removed ?? next);
  }
  return asVersion(kind, deps.store.put(kind.storageKey, next));
}

export function admit(
  deps: ApiDeps,
  operation: AdmissionOperation,
  kind: ServedKind,
  object: KubeObject | undefined,
  old: KubeObject | undefined,
  args: WriteArgs,
  subresource?: string,
  options?: Record<string, unknown>,
): KubeObject {
  const meta = object?.metadata ?? old?.metadata ?? {};
  const request = {
    operation,
    kind,
    namespace: meta.namespace ?? '',
    name: meta.name ?? '',
    object,
    oldObject: old,
    user: args.ctx.user,
    dryRun: args.options.dryRun === true,
    warnings: args.ctx.warnings,
    ...(subresource === undefined ? {} : { subresource }),
    ...(options === undefined ? {} : { options }),
  };
  deps.admission.admit(request);
  return (request.object ?? object ?? old) as KubeObject;
}

export function fieldManagerOf(args: WriteArgs): string {
  return args.options.fieldManager ?? 'unknown';
}

/** Equal apart from resourceVersion and managedFields: such a write is a no-op. */
function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): KubeObject => {
    const metadata = { ...o.metadata };
    delete metadata.resourceVersion;
    delete metadata.managedFields;
    return { ...o, metadata };
  };
  return deepEqual(strip(a), strip(b));
}

function rejectNewFinalizersWhileDeleting(kind: ServedKind, next: KubeObject, old: KubeObject): void {
  if (old.metadata.deletionTimestamp === undefined) return;
  const before = new Set(old.metadata.finalizers ?? []);
  const added = (next.metadata.finalizers ?? []).filter((f) => !before.has(f));
  if (added.length === 0) return;
  throw invalid(kind, old.metadata.name ?? '', [
    {
      reason: 'FieldValueForbidden',
      message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
      field: 'metadata.finalizers',
    },
  ]);
}

/**
 * checkName of the apiserver's update handler: the body names the object of the URL (an empty
 * name is the URL's) and, when it names a namespace, the URL's.
 */
function checkName(kind: ServedKind, object: KubeObject, namespace: string, name: string): void {
  const bodyName = object.metadata.name;
  if (bodyName === undefined || bodyName === '') object.metadata.name = name;
  else if (bodyName !== name) {
    throw badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`);
  }
  const bodyNamespace = object.metadata.namespace;
  if (kind.namespaced && namespace !== '' && bodyNamespace !== undefined && bodyNamespace !== '') {
    if (bodyNamespace !== namespace) {
      throw badRequest(
        `the namespace of the object (${bodyNamespace}) does not match the namespace on the request (${namespace})`,
      );
    }
  }
}
