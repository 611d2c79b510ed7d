/**
 * DELETE and deletecollection: preconditions, propagation policy (Foreground / Background /
 * Orphan, carried out by the garbage collector through finalizers, as on the real server),
 * finalizers and deletionTimestamp, graceful pod deletion.
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import { deepFreeze } from '../store/freeze.ts';
import { asVersion, refOf, requireObject, scopeNamespace, type ApiDeps } from './api-deps.ts';
import { badRequest, conflict } from './errors.ts';
import type { ListOptions } from './list-options.ts';
import { pendingFinalizers } from './object-meta.ts';
import { listObjects } from './reads.ts';
import { timestamp } from './request-context.ts';
import { admit, type WriteArgs } from './writes.ts';
import { deepEqual } from './strategy.ts';
import { deepCopy } from '../store/deep-copy.ts';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  /** Deprecated spelling of propagationPolicy=Orphan. */
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  /** The object as deleted, or as it now waits (deletionTimestamp set) for finalizers. */
  object: KubeObject;
  /** Removed from storage now (as opposed to marked for deletion). */
  deleted: boolean;
}

/** Kinds whose DELETE answers with the object rather than a Success Status. */
const RETURNS_DELETED_OBJECT = new Set([
  '/Pod',
  '/ServiceAccount',
  '/Namespace',
  'storage.k8s.io/StorageClass',
]);

export function returnsDeletedObject(kind: ServedKind): boolean {
  return kind.custom || RETURNS_DELETED_OBJECT.has(`${kind.group}/${kind.kind}`);
}

export function parseDeleteOptions(body: unknown, query: URLSearchParams): DeleteOptions {
  const options: DeleteOptions = {};
  if (body !== undefined && body !== null && typeof body === 'object') Object.assign(options, body);
  const grace = query.get('gracePeriodSeconds');
  if (grace !== null && grace !== '') options.gracePeriodSeconds = Number(grace);
  const policy = query.get('propagationPolicy');
  if (policy !== null && policy !== '') options.propagationPolicy = policy as PropagationPolicy;
  const orphan = query.get('orphanDependents');
  if (orphan !== null && orphan !== '') options.orphanDependents = orphan === 'true';
  const policyValue = options.propagationPolicy;
  if (policyValue !== undefined && !['Foreground', 'Background', 'Orphan'].includes(policyValue)) {
    throw badRequest(
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policyValue}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    );
  }
  if (options.orphanDependents !== undefined && policyValue !== undefined) {
    throw badRequest(
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "${policyValue}": orphanDependents and deletionPropagation cannot be both set`,
    );
  }
  return options;
}

export function deleteObject(
  deps: ApiDeps,
  kind: ServedKind,
  namespace: string,
  name: string,
  options: DeleteOptions,
  args: WriteArgs,
): DeleteResult {
  const stored = requireObject(deps, kind, namespace, name);
  checkPreconditions(kind, stored, options);
  admit(deps, 'DELETE', kind, undefined, stored, args, undefined, { ...options });
  const now = deps.clock.now();
  const next = deepCopy(stored);
  const meta = next.metadata;
  meta.finalizers = withPolicyFinalizer(meta.finalizers ?? [], propagationOf(options));
  if (meta.finalizers.length === 0) delete meta.finalizers;
  const grace = gracePeriod(deps, kind, stored, options);
  const waits = pendingFinalizers(kind, next) > 0 || grace > 0;
  if (!waits) return remove(deps, kind, next, args);
  if (meta.deletionTimestamp === undefined || grace < (stored.metadata.deletionGracePeriodSeconds ?? 0)) {
    meta.deletionTimestamp = timestamp(new Date(now.getTime() + grace * 1000));
    meta.deletionGracePeriodSeconds = grace;
    if (stored.metadata.deletionTimestamp === undefined && meta.generation !== undefined) meta.generation++;
  }
  if (kind.group === '' && kind.kind === 'Namespace') {
    next.status = { ...((next.status as object | undefined) ?? {}), phase: 'Terminating' };
  }
  if (args.options.dryRun === true || deepEqual(next, stored)) {
    return { object: asVersion(kind, deepFreeze(next)), deleted: false };
  }
  delete meta.resourceVersion;
  return { object: asVersion(kind, deps.store.put(kind.storageKey, next)), deleted: false };
}

function remove(deps: ApiDeps, kind: ServedKind, object: KubeObject, args: WriteArgs): DeleteResult {
  if (args.options.dryRun === true) return { object: asVersion(kind, deepFreeze(object)), deleted: true };
  const ns = scopeNamespace(kind, object.metadata.namespace);
  const removed = deps.store.remove(kind.storageKey, ns, object.metadata.name ?? '', object);
  return { object: asVersion(kind, removed ?? object), deleted: true };
}

/** Deletes every object matching the list options; objects that fail are skipped like the real server's collection delete stops at the first error. */
export function deleteCollection(
  deps: ApiDeps,
  kind: ServedKind,
  namespace: string | undefined,
  listOptions: ListOptions,
  options: DeleteOptions,
  args: WriteArgs,
): KubeObject[] {
  const { items } = listObjects(deps, kind, namespace, {
    ...listOptions,
    limit: undefined,
    continue: undefined,
  });
  const results: KubeObject[] = [];
  for (const item of items) {
    const ns = item.metadata.namespace ?? '';
    if (deps.store.get(kind.storageKey, scopeNamespace(kind, ns), item.metadata.name ?? '') === undefined)
      continue;
    results.push(deleteObject(deps, kind, ns, item.metadata.name ?? '', options, args).object);
  }
  return results;
}

export function propagationOf(options: DeleteOptions): PropagationPolicy | undefined {
  if (options.propagationPolicy !== undefined) return options.propagationPolicy;
  if (options.orphanDependents === true) return 'Orphan';
  if (options.orphanDependents === false) return 'Background';
  return undefined;
}

function withPolicyFinalizer(finalizers: string[], policy: PropagationPolicy | undefined): string[] {
  if (policy === undefined) return finalizers;
  const rest = finalizers.filter((f) => f !== FOREGROUND_FINALIZER && f !== ORPHAN_FINALIZER);
  if (policy === 'Foreground') rest.push(FOREGROUND_FINALIZER);
  if (policy === 'Orphan') rest.push(ORPHAN_FINALIZER);
  return rest;
}

function checkPreconditions(kind: ServedKind, stored: KubeObject, options: DeleteOptions): void {
  const { uid, resourceVersion } = options.preconditions ?? {};
  const ref = refOf(kind, stored.metadata.name ?? '');
  if (uid !== undefined && uid !== stored.metadata.uid) {
    throw conflict(
      ref,
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${stored.metadata.uid ?? ''}`,
    );
  }
  if (resourceVersion !== undefined && resourceVersion !== stored.metadata.resourceVersion) {
    throw conflict(
      ref,
      `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${stored.metadata.resourceVersion ?? ''}`,
    );
  }
}

/** Grace period before removal: only pods running on a node get one (the kubelet ends them). */
function gracePeriod(deps: ApiDeps, kind: ServedKind, stored: KubeObject, options: DeleteOptions): number {
  if (kind.group !== '' || kind.kind !== 'Pod' || !deps.settings.gracefulPodDeletion) return 0;
  const spec = (stored.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (stored.status as { phase?: string } | undefined)?.phase;
  if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const requested = options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, requested);
}
