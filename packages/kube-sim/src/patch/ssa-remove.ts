/**
 * Removing owned items from an object (typed RemoveItems): every member of the set goes, with
 * everything below it. A map or list left empty disappears (the Go walker turns it into null,
 * which the typed object then omits).
 */
import type { PatchMeta } from '../schema/patch-meta.ts';
import type { FieldSet } from './fieldset.ts';
import { isJsonObject, type JsonObject } from './json-values.ts';
import { childMeta } from './patch-meta-lookup.ts';
import { fieldElement, type PathElement } from './path-element.ts';
import { listItemElement, shapeOf } from './ssa-shape.ts';

export function removeFields(value: JsonObject, fields: FieldSet, rootMeta: PatchMeta): JsonObject {
  const out = remove(value, fields, rootMeta);
  return isJsonObject(out) ? out : {};
}

function remove(value: unknown, fields: FieldSet, meta: PatchMeta | undefined): unknown {
  const shape = shapeOf(meta, value);
  if (shape.kind === 'leaf') return Array.isArray(value) || isJsonObject(value) ? undefined : value;
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return undefined;
    const kept: unknown[] = [];
    for (const item of value) {
      const element = listItemElement(shape.keys, item);
      const next = element.ok
        ? removeBelow(item, element.element, fields, shape.itemMeta)
        : { keep: true, value: item };
      if (next.keep) kept.push(next.value);
    }
    return kept.length > 0 ? kept : undefined;
  }
  if (!isJsonObject(value)) return undefined;
  const kept: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    const next = removeBelow(member, fieldElement(key), fields, childMeta(shape.meta, key));
    if (next.keep) kept[key] = next.value;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function removeBelow(
  value: unknown,
  element: PathElement,
  fields: FieldSet,
  meta: PatchMeta | undefined,
): { keep: boolean; value: unknown } {
  if (fields.hasMember(element)) return { keep: false, value: undefined };
  const below = fields.child(element);
  if (!below) return { keep: true, value };
  const rest = remove(value, below, meta);
  return { keep: rest !== undefined, value: rest };
}
