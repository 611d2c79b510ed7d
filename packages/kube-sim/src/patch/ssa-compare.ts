/**
 * What changed between two versions of an object (typed Compare): leaves added, modified or
 * removed, plus maps, structs and list items that appeared or disappeared as a whole.
 *
 * The three sets are built bottom-up in one walk over both objects, and subtrees the two
 * versions share by reference are skipped (see unchangedSubtree): a status update shares
 * everything but metadata and status with the stored object, so it costs what the status costs.
 */
import type { PatchMeta } from '../schema/patch-meta.ts';
import { FieldSet, type FieldSetChild } from './fieldset.ts';
import { isEmptyValue, isJsonObject, jsonEqual } from './json-values.ts';
import { childMeta } from './patch-meta-lookup.ts';
import { fieldElement, type PathElement } from './path-element.ts';
import { indexListItems, shapeOf } from './ssa-shape.ts';

export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

export function compareObjects(before: unknown, after: unknown, rootMeta: PatchMeta): Comparison {
  const root = new NodeChanges();
  walk(before, after, rootMeta, undefined, true, root);
  return { added: root.added.build(), modified: root.modified.build(), removed: root.removed.build() };
}

/** Members and children of one node in one of the three sets, collected before the set is built. */
class SetParts {
  members: PathElement[] | undefined;
  children: FieldSetChild[] | undefined;

  member(element: PathElement): void {
    (this.members ??= []).push(element);
  }

  child(element: PathElement, parts: SetParts): void {
    if (parts.members === undefined && parts.children === undefined) return;
    (this.children ??= []).push({ element, set: parts.build() });
  }

  build(): FieldSet {
    return FieldSet.build(this.members ?? [], this.children ?? []);
  }
}

/** The changes found below one node, per set. */
class NodeChanges {
  readonly added = new SetParts();
  readonly modified = new SetParts();
  readonly removed = new SetParts();
}

/**
 * `element` is undefined for the root, whose own (empty) path is never tracked.
 *
 * `parentInStructChain`: every ancestor up to the root is a struct. A real apiserver compares
 * decoded Go objects, in which struct fields that are not pointers (spec, template, strategy …)
 * always exist; such a struct never appears or disappears as a whole, so it is not recorded
 * as added/removed. PatchMeta cannot tell pointers apart, so every struct reached through
 * structs only is treated that way.
 */
function walk(
  before: unknown,
  after: unknown,
  meta: PatchMeta | undefined,
  element: PathElement | undefined,
  parentInStructChain: boolean,
  parent: NodeChanges,
): void {
  if (before === after && unchangedSubtree(before)) return;
  const shape = shapeOf(meta, before, after);
  if (shape.kind === 'leaf' || (isEmptyValue(before) && isEmptyValue(after))) {
    if (element === undefined) return;
    if (before === undefined) parent.added.member(element);
    else if (after === undefined) parent.removed.member(element);
    else if (!jsonEqual(before, after)) parent.modified.member(element);
    return;
  }
  // The root's changes are the result; any other node's become a child of its parent's.
  const below = element === undefined ? parent : new NodeChanges();
  let inStructChain = false;
  if (shape.kind === 'list') {
    const left = indexListItems(shape.keys, Array.isArray(before) ? before : []);
    const right = indexListItems(shape.keys, Array.isArray(after) ? after : []);
    for (const [key, item] of left) {
      walk(item.item, right.get(key)?.item, shape.itemMeta, item.element, false, below);
    }
    for (const [key, item] of right) {
      if (!left.has(key)) walk(undefined, item.item, shape.itemMeta, item.element, false, below);
    }
  } else {
    const left = isJsonObject(before) ? before : {};
    const right = isJsonObject(after) ? after : {};
    inStructChain = parentInStructChain && shape.kind === 'struct';
    for (const key of Object.keys(left)) {
      walk(left[key], right[key], childMeta(shape.meta, key), fieldElement(key), inStructChain, below);
    }
    for (const key of Object.keys(right)) {
      if (Object.hasOwn(left, key)) continue;
      walk(undefined, right[key], childMeta(shape.meta, key), fieldElement(key), inStructChain, below);
    }
  }
  if (element === undefined) return;
  parent.added.child(element, below.added);
  parent.modified.child(element, below.modified);
  parent.removed.child(element, below.removed);
  if (inStructChain) return;
  if (before === undefined) parent.added.member(element);
  else if (after === undefined) parent.removed.member(element);
}

/** Frozen containers known to hold no `undefined` anywhere below them. */
const CLEAN_FROZEN = new WeakSet<object>();

/**
 * Whether comparing `value` with itself finds nothing, so the walk may skip it. True for
 * defined primitives. For containers it holds when no property or item below is `undefined`:
 * the walk reports a key whose value is undefined on both sides as added (only in-process
 * writers can produce such keys, JSON has none), and skipping must not change that. The answer
 * is remembered for frozen containers (stored objects), which cannot change.
 */
function unchangedSubtree(value: unknown): boolean {
  if (value === undefined) return false;
  if (value === null || typeof value !== 'object') return true;
  if (CLEAN_FROZEN.has(value)) return true;
  if (!Object.isFrozen(value) || containsUndefined(value)) return false;
  CLEAN_FROZEN.add(value);
  return true;
}

function containsUndefined(value: object): boolean {
  if (CLEAN_FROZEN.has(value)) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) return true;
      if (item !== null && typeof item === 'object' && containsUndefined(item)) return true;
    }
    return false;
  }
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item === undefined) return true;
    if (item !== null && typeof item === 'object' && containsUndefined(item)) return true;
  }
  return false;
}
