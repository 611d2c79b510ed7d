/**
 * REFERENCE IMPLEMENTATION, for tests only: the managed-fields tracking as it was before it was
 * made incremental (every field set built in full, every object deep-copied, plain map-based
 * sets). The property tests run it beside the real one on random writes: both must record the
 * same managedFields byte for byte. Do not optimize it; change it only with the semantics.
 */
/**
 * What changed between two versions of an object (typed Compare): leaves added, modified or
 * removed, plus maps, structs and list items that appeared or disappeared as a whole.
 */
import type { PatchMeta } from '../../../schema/patch-meta.ts';
import { FieldSet } from './fieldset.ts';
import { isEmptyValue, isJsonObject, jsonEqual } from '../../json-values.ts';
import { childMeta } from '../../patch-meta-lookup.ts';
import { fieldElement, type Path } from './path-element.ts';
import { indexListItems, shapeOf } from './ssa-shape.ts';

export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

export function compareObjects(before: unknown, after: unknown, rootMeta: PatchMeta): Comparison {
  const comparison: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk(before, after, rootMeta, [], true, comparison);
  return comparison;
}

/**
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
  path: Path,
  parentInStructChain: boolean,
  out: Comparison,
): void {
  const shape = shapeOf(meta, before, after);
  if (shape.kind === 'leaf' || (isEmptyValue(before) && isEmptyValue(after))) {
    if (before === undefined) out.added.insert(path);
    else if (after === undefined) out.removed.insert(path);
    else if (!jsonEqual(before, after)) out.modified.insert(path);
    return;
  }
  if (shape.kind === 'list') {
    const left = indexListItems(shape.keys, Array.isArray(before) ? before : []);
    const right = indexListItems(shape.keys, Array.isArray(after) ? after : []);
    for (const [key, { element }] of [...left, ...[...right].filter(([itemKey]) => !left.has(itemKey))]) {
      walk(left.get(key)?.item, right.get(key)?.item, shape.itemMeta, [...path, element], false, out);
    }
  } else {
    const left = isJsonObject(before) ? before : {};
    const right = isJsonObject(after) ? after : {};
    const keys = [...Object.keys(left), ...Object.keys(right).filter((key) => !Object.hasOwn(left, key))];
    const inStructChain = parentInStructChain && shape.kind === 'struct';
    for (const key of keys) {
      walk(
        left[key],
        right[key],
        childMeta(shape.meta, key),
        [...path, fieldElement(key)],
        inStructChain,
        out,
      );
    }
    if (inStructChain) return;
  }
  if (before === undefined) out.added.insert(path);
  else if (after === undefined) out.removed.insert(path);
}
