/**
 * get and list: selectors, resourceVersion/resourceVersionMatch semantics and limit/continue
 * pagination over a consistent snapshot at the list's resourceVersion.
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import { VersionTooOldError } from '../store/object-store.ts';
import { compareKeys } from '../store/resource-table.ts';
import { matchesLabels } from '../selectors/label-selector.ts';
import { assertSelectable, matchesFields } from '../selectors/field-selector.ts';
import { selectableFields } from '../selectors/selectable-fields.ts';
import { asVersion, requireObject, scopeNamespace, type ApiDeps } from './api-deps.ts';
import type { ListOptions } from './list-options.ts';
import { parseResourceVersion, validateListOptions } from './list-options.ts';
import {
  CONTINUE_EXPIRED_MESSAGE,
  decodeContinue,
  encodeContinue,
  keyAfter,
  objectKey,
} from './continue-token.ts';
import { ApiError, resourceExpired, serverTimeout } from './errors.ts';

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export function getObject(deps: ApiDeps, kind: ServedKind, namespace: string, name: string): KubeObject {
  return asVersion(kind, requireObject(deps, kind, namespace, name));
}

/** Builds the object filter for a list or watch; rejects unsupported field selectors. */
export function objectFilter(kind: ServedKind, options: ListOptions): (object: KubeObject) => boolean {
  const fields = selectableFields(kind.storageKey, kind.namespaced);
  assertSelectable(options.fieldSelector, fields);
  const labels = options.labelSelector;
  const fieldSelector = options.fieldSelector;
  const noLabels = labels.requirements.length === 0 && labels.matchesNothing !== true;
  const noFields = fieldSelector.requirements.length === 0;
  if (noLabels && noFields) return () => true;
  return (object) =>
    (noLabels || matchesLabels(labels, object.metadata.labels)) &&
    (noFields || matchesFields(fieldSelector, object, fields));
}

export function listObjects(
  deps: ApiDeps,
  kind: ServedKind,
  namespace: string | undefined,
  options: ListOptions,
): ListResult {
  validateListOptions(options, false);
  const filter = objectFilter(kind, options);
  const ns = kind.namespaced ? namespace : undefined;
  const { rv, source, start } = resolveListSource(deps, kind, ns, options);
  const filtered = selectorsGiven(options);
  const limit = options.limit;
  const items: KubeObject[] = [];
  let index = start === undefined ? 0 : firstIndexAtOrAfter(source, start);
  let continueKey: string | undefined;
  let remaining = 0;
  for (; index < source.length; index++) {
    const object = source[index] as KubeObject;
    if (ns !== undefined && ns !== '' && (object.metadata.namespace ?? '') !== ns) continue;
    if (!filter(object)) continue;
    if (limit !== undefined && items.length >= limit) {
      if (continueKey === undefined) {
        const last = items[items.length - 1] as KubeObject;
        continueKey = keyAfter(objectKey(last.metadata.namespace, last.metadata.name));
        if (filtered) break;
      }
      remaining++;
      continue;
    }
    items.push(asVersion(kind, object));
  }
  const result: ListResult = { items, resourceVersion: String(rv) };
  if (continueKey !== undefined) {
    result.continue = encodeContinue({ rv, start: continueKey });
    if (!filtered) result.remainingItemCount = remaining;
  }
  return result;
}

function selectorsGiven(options: ListOptions): boolean {
  return options.labelSelector.requirements.length > 0 || options.fieldSelector.requirements.length > 0;
}

interface ListSource {
  rv: number;
  /** Objects in key order; may span namespaces (filtered by the caller). Shared: read only. */
  source: readonly KubeObject[];
  /** Key to resume from (a continue token's start). */
  start?: string;
}

function resolveListSource(
  deps: ApiDeps,
  kind: ServedKind,
  namespace: string | undefined,
  options: ListOptions,
): ListSource {
  const { store } = deps;
  const current = (): readonly KubeObject[] =>
    store.listShared(kind.storageKey, namespace ? namespace : undefined);
  if (options.continue !== undefined) {
    const token = decodeContinue(options.continue);
    if (token.rv === -1) return { rv: store.currentVersion(), source: current(), start: token.start };
    try {
      return { rv: token.rv, source: store.snapshotAt(kind.storageKey, token.rv), start: token.start };
    } catch (err) {
      if (err instanceof VersionTooOldError) throw expiredContinue(token.start);
      throw err;
    }
  }
  const requested = options.resourceVersion;
  if (requested === undefined || requested === '0') return { rv: store.currentVersion(), source: current() };
  const rv = parseResourceVersion(requested);
  if (options.resourceVersionMatch === 'Exact') {
    if (rv > store.currentVersion()) throw tooLargeResourceVersion(rv, store.currentVersion());
    try {
      return { rv, source: store.snapshotAt(kind.storageKey, rv) };
    } catch (err) {
      if (err instanceof VersionTooOldError) {
        throw resourceExpired(`The resourceVersion for the provided list is too old.`);
      }
      throw err;
    }
  }
  if (rv > store.currentVersion()) throw tooLargeResourceVersion(rv, store.currentVersion());
  return { rv: store.currentVersion(), source: current() };
}

/** 410 whose Status carries a token to continue inconsistently from the current state. */
function expiredContinue(start: string): ApiError {
  const error = resourceExpired(CONTINUE_EXPIRED_MESSAGE);
  (error.status.metadata as Record<string, unknown>).continue = encodeContinue({ rv: -1, start });
  return error;
}

export function tooLargeResourceVersion(requested: number, current: number): ApiError {
  return serverTimeout(`Too large resource version: ${requested}, current: ${current}`, [
    { reason: 'ResourceVersionTooLarge', message: 'Too large resource version' },
  ]);
}

function firstIndexAtOrAfter(objects: readonly KubeObject[], key: string): number {
  let lo = 0;
  let hi = objects.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const object = objects[mid] as KubeObject;
    if (compareKeys(objectKey(object.metadata.namespace, object.metadata.name), key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export { scopeNamespace };
