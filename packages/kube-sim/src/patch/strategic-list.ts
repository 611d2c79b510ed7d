/**
 * Strategic merge of lists: merge-strategy lists of maps merge item by merge key, lists of
 * primitives merge as sets, `$patch` list items delete or replace, parallel
 * `$deleteFromPrimitiveList/<field>` lists remove primitives and `$setElementOrder/<field>`
 * fixes the final order. Other lists are replaced.
 */
import type { PatchMeta } from '../schema/patch-meta.ts';
import { goValueString } from './go-format.ts';
import { isJsonObject, type JsonObject } from './json-values.ts';
import { childMeta, itemMeta, mergeKeyOf, patchStrategy } from './patch-meta-lookup.ts';
import {
  DELETE_DIRECTIVE,
  DIRECTIVE_MARKER,
  MERGE_DIRECTIVE,
  REPLACE_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  discardNullValues,
  extractKey,
  removeDirectives,
} from './strategic-directives.ts';
import {
  MAP_TYPE,
  SLICE_TYPE,
  badArgType,
  badPatchType,
  noMergeKey,
  strategicError,
} from './strategic-errors.ts';
import { mergeMap } from './strategic-merge.ts';
import {
  deduplicateScalars,
  deleteFromSlice,
  findByMergeKey,
  normalizeElementOrder,
  partitionMaps,
  partitionPrimitives,
  sliceElementType,
} from './strategic-order.ts';

/** Merges or replaces a list field depending on its strategy (deletion lists always merge). */
export function mergeSliceHandler(
  original: unknown[],
  patch: unknown[],
  meta: PatchMeta | undefined,
  isDeleteList: boolean,
): unknown[] {
  const strategy = patchStrategy(meta);
  if (!strategy.ok) throw strategicError(strategy.error);
  if (strategy.strategy !== MERGE_DIRECTIVE && !isDeleteList) return patch;
  return mergeSlice(original, patch, meta, isDeleteList);
}

function mergeSlice(
  original: unknown[],
  patch: unknown[],
  meta: PatchMeta | undefined,
  isDeleteList: boolean,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  const mergeKey = mergeKeyOf(meta);
  let serverOrder = original;
  let patchItems = patch;
  let merged: unknown[];
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw strategicError('cannot merge lists without merge key for struct');
    [serverOrder, patchItems] = applySpecialElements(original, patch, mergeKey);
    merged = mergeByKey(serverOrder, patchItems, mergeKey, itemMeta(meta));
  }
  const [inPatch, serverOnly] =
    mergeKey === '' ? partitionPrimitives(merged, patchItems) : partitionMaps(merged, patchItems, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, patchItems, serverOrder, mergeKey, kind);
}

/**
 * Applies `$patch: delete` items (remove every original item with that key) and
 * `$patch: replace` (the patch's items become the list). Returns the original to merge into
 * and the patch items left to merge.
 */
function applySpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  let remaining = original;
  const plainItems: unknown[] = [];
  let replace = false;
  for (const item of patch) {
    const map = item as JsonObject;
    if (!Object.hasOwn(map, DIRECTIVE_MARKER)) {
      plainItems.push(item);
      continue;
    }
    const directive = map[DIRECTIVE_MARKER];
    if (directive === DELETE_DIRECTIVE) {
      if (!Object.hasOwn(map, mergeKey)) throw noMergeKey(map, mergeKey);
      remaining = deleteMatching(remaining, mergeKey, map[mergeKey]);
    } else if (directive === REPLACE_DIRECTIVE) {
      replace = true;
    } else if (directive === MERGE_DIRECTIVE) {
      throw strategicError('merging lists cannot yet be specified in the patch');
    } else {
      throw badPatchType(directive, map);
    }
  }
  return replace ? [plainItems, []] : [remaining, plainItems];
}

function deleteMatching(list: unknown[], mergeKey: string, value: unknown): unknown[] {
  let remaining = list;
  for (
    let index = findByMergeKey(remaining, mergeKey, value);
    index >= 0;
    index = findByMergeKey(remaining, mergeKey, value)
  ) {
    remaining = [...remaining.slice(0, index), ...remaining.slice(index + 1)];
  }
  return remaining;
}

/** Items with a matching merge key merge as maps; new items are appended as sent. */
function mergeByKey(
  original: readonly unknown[],
  patch: readonly unknown[],
  mergeKey: string,
  meta: PatchMeta | undefined,
): unknown[] {
  const merged = [...original];
  for (const item of patch) {
    const patchItem = item as JsonObject;
    if (!Object.hasOwn(patchItem, mergeKey)) throw noMergeKey(patchItem, mergeKey);
    const index = findByMergeKey(merged, mergeKey, patchItem[mergeKey]);
    if (index >= 0) {
      merged[index] = mergeMap(merged[index] as JsonObject, patchItem, meta);
    } else {
      // Appended as sent; the typed decode that follows in the apiserver ignores its nulls.
      discardNullValues(item);
      merged.push(item);
    }
  }
  return merged;
}

/**
 * mergePatchIntoOriginal: handles every `$setElementOrder/<field>` of the patch together with
 * `<field>` itself, and removes both from the patch.
 */
export function applySetElementOrders(
  original: JsonObject,
  patch: JsonObject,
  meta: PatchMeta | undefined,
): void {
  for (const [key, orderValue] of Object.entries(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    delete patch[key];
    if (!Array.isArray(orderValue)) throw badArgType(SLICE_TYPE, orderValue);
    const field = extractKey(key, SET_ELEMENT_ORDER_PREFIX);
    const foundOriginal = Object.hasOwn(original, field);
    const foundPatch = Object.hasOwn(patch, field);
    const originalList = foundOriginal ? original[field] : [];
    const patchList = foundPatch ? patch[field] : [];
    if (!Array.isArray(originalList)) throw badArgType(SLICE_TYPE, originalList);
    if (!Array.isArray(patchList)) throw badArgType(SLICE_TYPE, patchList);
    const fieldMeta = childMeta(meta, field);
    const strategy = patchStrategy(fieldMeta);
    if (!strategy.ok) throw strategicError(strategy.error);
    const mergeKey = mergeKeyOf(fieldMeta);
    validateAgainstOrder(patchList, orderValue, mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch)
      merged = (removeDirectives(patchList)?.value as unknown[] | undefined) ?? [];
    else if (foundOriginal && foundPatch)
      merged = mergeSliceHandler(originalList, patchList, fieldMeta, false);
    else continue;

    const [inOrder, serverOnly] =
      mergeKey === '' ? partitionPrimitives(merged, orderValue) : partitionMaps(merged, orderValue, mergeKey);
    const kind = sliceElementType(originalList, patchList);
    original[field] = normalizeElementOrder(inOrder, serverOnly, orderValue, originalList, mergeKey, kind);
    delete patch[field];
  }
}

/** The patch list (minus deletions) must follow the `$setElementOrder` list's relative order. */
function validateAgainstOrder(
  patchList: readonly unknown[],
  order: readonly unknown[],
  mergeKey: string,
): void {
  if (order.length === 0 || patchList.length === 0) return;
  let items = patchList;
  if (mergeKey !== '') {
    for (const item of patchList) if (!isJsonObject(item)) throw badArgType(MAP_TYPE, item);
    items = patchList.filter((item) => (item as JsonObject)[DIRECTIVE_MARKER] !== DELETE_DIRECTIVE);
  }
  let patchIndex = 0;
  let orderIndex = 0;
  while (patchIndex < items.length && orderIndex < order.length) {
    const item = items[patchIndex];
    if (isJsonObject(item) && Object.hasOwn(item, DIRECTIVE_MARKER)) {
      patchIndex++;
      continue;
    }
    if (sameMergeKey(item, order[orderIndex], mergeKey)) patchIndex++;
    orderIndex++;
  }
  if (patchIndex < items.length && orderIndex >= order.length) {
    throw strategicError(
      `the order in patch list:\n${goValueString(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goValueString(order)}`,
    );
  }
}

function sameMergeKey(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return left === right;
  if (!isJsonObject(left)) throw badArgType(MAP_TYPE, left);
  if (!isJsonObject(right)) throw badArgType(MAP_TYPE, right);
  if (!Object.hasOwn(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}
