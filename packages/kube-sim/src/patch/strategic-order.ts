/**
 * The order of merged lists in strategic merge patch. The real algorithm (normalizeElementOrder)
 * sorts the items named by the patch in patch order and the server-only items in live order,
 * then interleaves them by live position; items new to the list come before the remaining
 * server-only items. So a container added by a patch without `$setElementOrder` ends up first.
 */
import { goValueString } from './go-format.ts';
import { isJsonObject } from './json-values.ts';
import { DELETE_DIRECTIVE, DIRECTIVE_MARKER } from './strategic-directives.ts';
import { MAP_TYPE, NO_LIST_OF_LISTS, badArgType, noMergeKey, strategicError } from './strategic-errors.ts';

/** The element kind of a list, standing for the Go reflect type of its items. */
export type ElementKind = 'map' | 'string' | 'int64' | 'float64' | 'bool' | 'nil';

function kindOf(value: unknown): ElementKind | 'slice' {
  if (Array.isArray(value)) return 'slice';
  if (isJsonObject(value)) return 'map';
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}

/** sliceElementType: all items of all lists must share one type, and not be lists. */
export function sliceElementType(...lists: ReadonlyArray<readonly unknown[]>): ElementKind {
  let found: ElementKind | 'slice' | undefined;
  for (const list of lists) {
    for (const item of list) {
      const kind = kindOf(item);
      if (found === undefined) {
        if (kind === 'slice') throw strategicError(NO_LIST_OF_LISTS);
        found = kind;
      } else if (found !== kind) {
        throw strategicError(`list element types are not identical: ${goValueString(lists)}`);
      }
    }
  }
  if (found === undefined || found === 'slice')
    throw strategicError('no elements in any of the given slices');
  return found;
}

/** The clever in-place deduplication of the Go code; it moves later items around. */
export function deduplicateScalars(items: unknown[]): unknown[] {
  const list = [...items];
  let last = list.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (list[i] === list[j]) {
        list[j] = list[last];
        list.length = last;
        last--;
        j--;
      }
    }
  }
  return list;
}

export function deleteFromSlice(current: readonly unknown[], toDelete: readonly unknown[]): unknown[] {
  const doomed = new Set(toDelete);
  return current.filter((item) => !doomed.has(item));
}

/** findMapInSliceBasedOnKeyValue: the index of the first map whose merge key equals `value`. */
export function findByMergeKey(list: readonly unknown[], mergeKey: string, value: unknown): number {
  for (const [index, item] of list.entries()) {
    if (!isJsonObject(item)) throw strategicError(`value for key ${index} is not a map`);
    if (Object.hasOwn(item, mergeKey) && item[mergeKey] === value) return index;
  }
  return -1;
}

export function partitionPrimitives(
  merged: readonly unknown[],
  partitionBy: readonly unknown[],
): [unknown[], unknown[]] {
  const inPatch = new Set(partitionBy);
  return [merged.filter((item) => inPatch.has(item)), merged.filter((item) => !inPatch.has(item))];
}

export function partitionMaps(
  merged: readonly unknown[],
  partitionBy: readonly unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  const patchItems: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const item of merged) {
    if (!isJsonObject(item)) throw badArgType(MAP_TYPE, item);
    if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    if (findByMergeKey(partitionBy, mergeKey, item[mergeKey]) >= 0) patchItems.push(item);
    else serverOnly.push(item);
  }
  return [patchItems, serverOnly];
}

export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const sortedPatch = normalizeSliceOrder(patchItems, patchOrder, mergeKey, kind);
  const sortedServer = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(sortedServer, sortedPatch, serverOrder, mergeKey, kind);
}

/** Interleaves server-only items (left) into patch items (right) by their live positions. */
function mergeSortedSlice(
  left: readonly unknown[],
  right: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const li = indexIn(serverOrder, left[i], mergeKey, kind);
    const ri = indexIn(serverOrder, right[j], mergeKey, kind);
    if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
    else out.push(right[j++]);
  }
  return [...out, ...left.slice(i), ...right.slice(j)];
}

function indexIn(list: readonly unknown[], value: unknown, mergeKey: string, kind: ElementKind): number {
  const keyOf = (item: unknown): unknown =>
    kind === 'map' ? (isJsonObject(item) ? item[mergeKey] : undefined) : item;
  const wanted = keyOf(value);
  return list.findIndex((item) => keyOf(item) === wanted);
}

/**
 * Sorts `toSort` by position in `order` with the Go comparator (items missing from `order`
 * compare as smaller), using insertion sort as Go's stable sort does for short lists.
 * Map items carrying `$patch: delete` go last.
 */
function normalizeSliceOrder(
  toSort: unknown[],
  order: readonly unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  let items = toSort;
  let deletions: unknown[] = [];
  if (kind === 'map') {
    for (const item of [...toSort, ...order]) {
      if (!isJsonObject(item)) throw badArgType(MAP_TYPE, item);
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
    const isDeletion = (item: unknown): boolean =>
      isJsonObject(item) && item[DIRECTIVE_MARKER] === DELETE_DIRECTIVE;
    deletions = toSort.filter(isDeletion);
    items = toSort.filter((item) => !isDeletion(item));
  }
  const sorted = [...items];
  const less = (a: unknown, b: unknown): boolean => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < sorted.length; i++) {
    for (let j = i; j > 0 && less(sorted[j], sorted[j - 1]); j--) {
      [sorted[j], sorted[j - 1]] = [sorted[j - 1], sorted[j]];
    }
  }
  return [...sorted, ...deletions];
}
