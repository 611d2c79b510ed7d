/**
 * The field set an object specifies (typed ToFieldSet): every leaf, every map key and every
 * associative list item, but not struct fields themselves, which are implied by their leaves.
 */
import type { PatchMeta } from '../schema/patch-meta.ts';
import { FieldSet } from './fieldset.ts';
import { isJsonObject } from './json-values.ts';
import { childMeta, isStruct } from './patch-meta-lookup.ts';
import {
  fieldElement,
  pathToString,
  serializePathElement,
  type Path,
  type PathElement,
} from './path-element.ts';
import { listItemElement, shapeOf } from './ssa-shape.ts';

/** The fields `value` sets; `rootMeta` must come from resolveRootMeta. */
export function fieldSetOf(value: unknown, rootMeta: PatchMeta): FieldSet {
  const set = new FieldSet();
  collect(value, rootMeta, [], set);
  return set;
}

function collect(value: unknown, meta: PatchMeta | undefined, path: Path, set: FieldSet): void {
  const shape = shapeOf(meta, value);
  switch (shape.kind) {
    case 'leaf':
      set.insert(path);
      return;
    case 'struct':
    case 'map':
      if (!isJsonObject(value)) return;
      for (const [key, child] of Object.entries(value)) {
        const childPath = [...path, fieldElement(key)];
        collect(child, childMeta(shape.meta, key), childPath, set);
        if (shape.kind === 'map') set.insert(childPath);
      }
      return;
    case 'list':
      if (!Array.isArray(value)) return;
      for (const item of value) {
        const element = listItemElement(shape.keys, item);
        if (!element.ok) continue; // validateApplied reports these.
        const itemPath = [...path, element.element];
        collect(item, shape.itemMeta, itemPath, set);
        set.insert(itemPath);
      }
  }
}

/**
 * Schema errors that make the apiserver refuse an object for apply: associative list items
 * that cannot be keyed, and (unless `allowDuplicates`) two items with the same key. Messages
 * are structured-merge-diff's, e.g. `.spec.containers: duplicate entries for key [name="a"]`.
 */
export function listKeyErrors(value: unknown, rootMeta: PatchMeta, allowDuplicates: boolean): string[] {
  const errors: string[] = [];
  checkLists(value, rootMeta, [], allowDuplicates, errors);
  return errors;
}

function checkLists(
  value: unknown,
  meta: PatchMeta | undefined,
  path: Path,
  allowDuplicates: boolean,
  errors: string[],
): void {
  const shape = shapeOf(meta, value);
  if ((shape.kind === 'struct' || shape.kind === 'map') && isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      checkLists(child, childMeta(shape.meta, key), [...path, fieldElement(key)], allowDuplicates, errors);
    }
  }
  if (shape.kind !== 'list' || !Array.isArray(value)) return;
  const seen = new Set<string>();
  for (const [index, item] of value.entries()) {
    const element = listItemElement(shape.keys, item);
    if (!element.ok) {
      errors.push(`${pathToString(path)}: element ${index}: ${element.error}`);
      return;
    }
    const key = serializePathElement(element.element);
    if (seen.has(key) && !allowDuplicates) {
      errors.push(`${pathToString(path)}: duplicate entries for key ${pathToString([element.element])}`);
    }
    seen.add(key);
    checkLists(item, shape.itemMeta, [...path, element.element], allowDuplicates, errors);
  }
}

/**
 * EnsureNamedFieldsAreMembers: struct fields with owned fields below become members too, so
 * that pruning can remove a whole struct nobody owns anything in any more.
 */
export function withNamedFieldsAsMembers(set: FieldSet, rootMeta: PatchMeta): FieldSet {
  return ensureNamed(set, rootMeta);
}

function ensureNamed(set: FieldSet, meta: PatchMeta | undefined): FieldSet {
  let out = set;
  for (const { element, set: childSet } of set.children()) {
    if (element.kind === 'field' && isStruct(meta)) out = out.withMember(element);
    out = out.withChild(element, ensureNamed(childSet, metaBelow(meta, element)));
  }
  return out;
}

function metaBelow(meta: PatchMeta | undefined, element: PathElement): PatchMeta | undefined {
  return element.kind === 'field' ? childMeta(meta, element.name) : meta?.items;
}
