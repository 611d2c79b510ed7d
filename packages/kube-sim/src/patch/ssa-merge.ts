/**
 * Merging an applied configuration into the live object (typed Merge with ruleKeepRHS): leaves
 * take the applied value, structs and maps merge key by key, associative lists merge item by
 * item, atomic lists and maps are replaced whole. Nothing is removed here; pruning is separate.
 */
import type { PatchMeta } from '../schema/patch-meta.ts';
import { cloneJson, isEmptyValue, isJsonObject, type JsonObject } from './json-values.ts';
import { childMeta } from './patch-meta-lookup.ts';
import { indexListItems, shapeOf, type Shape } from './ssa-shape.ts';

/** The merged object, or undefined when nothing is left (never for a whole object). */
export function mergeApplied(live: unknown, applied: unknown, rootMeta: PatchMeta): unknown {
  return merge(live, applied, rootMeta);
}

function merge(live: unknown, applied: unknown, meta: PatchMeta | undefined): unknown {
  const shape = shapeOf(meta, live, applied);
  // Both empty: kept as a leaf so that `{}` and `[]` survive (emptyPromoteToLeaf).
  if (shape.kind === 'leaf' || (isEmptyValue(live) && isEmptyValue(applied)))
    return keepApplied(live, applied);
  if (shape.kind === 'list') return mergeList(live, applied, shape);
  return mergeObject(live, applied, shape.meta);
}

/**
 * The applied value wins. An applied null ends up as a field the typed object cannot hold, so
 * the field is dropped rather than stored as null.
 */
function keepApplied(live: unknown, applied: unknown): unknown {
  if (applied === undefined) return live;
  return applied === null ? undefined : cloneJson(applied);
}

function mergeObject(live: unknown, applied: unknown, meta: PatchMeta | undefined): JsonObject | undefined {
  const left = isJsonObject(live) ? live : {};
  const right = isJsonObject(applied) ? applied : {};
  const out: JsonObject = {};
  const keys = [...Object.keys(left), ...Object.keys(right).filter((key) => !Object.hasOwn(left, key))];
  for (const key of keys) {
    const merged = merge(left[key], right[key], childMeta(meta, key));
    if (merged !== undefined) out[key] = merged;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

type ListShape = Extract<Shape, { kind: 'list' }>;

/**
 * Item order as structured-merge-diff produces it: the applied order wins for the items it
 * lists, live-only items stay where they were relative to them.
 */
function mergeList(live: unknown, applied: unknown, shape: ListShape): unknown[] | undefined {
  const left = indexListItems(shape.keys, Array.isArray(live) ? live : []);
  const right = indexListItems(shape.keys, Array.isArray(applied) ? applied : []);
  const leftOrder = [...left.keys()];
  const rightOrder = [...right.keys()];
  const sharedQueue = rightOrder.filter((key) => left.has(key));
  let nextShared = sharedQueue.shift();
  const out: unknown[] = [];
  const emit = (key: string): void => {
    const liveItem = left.get(key);
    const merged = merge(liveItem?.item, right.get(key)?.item, shape.itemMeta);
    if (merged !== undefined) out.push(merged);
    if (liveItem) out.push(...liveItem.duplicates);
  };

  let l = 0;
  let r = 0;
  while (l < leftOrder.length || r < rightOrder.length) {
    const leftKey = leftOrder[l];
    const rightKey = rightOrder[r];
    if (leftKey !== undefined && rightKey !== undefined) {
      if (leftKey === rightKey) {
        emit(leftKey);
        l++;
        r++;
        nextShared = sharedQueue.shift();
        continue;
      }
      if (right.has(leftKey) && nextShared !== undefined && nextShared !== leftKey) {
        // A shared item, but not the next one in applied order: it is emitted when reached there.
        l++;
        continue;
      }
    }
    if (leftKey !== undefined && !right.has(leftKey)) {
      emit(leftKey);
      l++;
      continue;
    }
    if (rightKey !== undefined) {
      emit(rightKey);
      r++;
      if (nextShared === rightKey) nextShared = sharedQueue.shift();
    } else {
      l++; // Unreachable while the shared queue stays in step; guards against looping forever.
    }
  }
  return out.length > 0 ? out : undefined;
}
