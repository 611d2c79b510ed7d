/**
 * The fieldsV1 a create records for its writer, written straight from the object.
 *
 * For a create without managedFields in the request (nearly all of them: every pod and event
 * a controller makes), the general update (compareObjects against nothing, then the written
 * set minus the untracked fields, then toFieldsV1) reduces to "every field of the new object,
 * as the comparison reports additions". That is one walk, and this module does it writing the
 * canonical nodes directly, without building field sets: the same nodes, interned the same way
 * (writeNode). The rules below mirror ssa-compare's walk with nothing before; the property
 * tests check the result against the reference implementation.
 */
import type { PatchMeta } from '../schema/patch-meta.ts';
import { LEAF_NODE, writeNode } from './fieldsv1-nodes.ts';
import { isEmptyValue, isJsonObject, type JsonObject } from './json-values.ts';
import { childMeta } from './patch-meta-lookup.ts';
import { comparePathElements, fieldElement, serializePathElement, type PathElement } from './path-element.ts';
import { indexListItems, shapeOf } from './ssa-shape.ts';

/** One key of a node being written: whether it is owned itself, and what is owned below it. */
interface Entry {
  readonly key: string;
  readonly element: PathElement;
  readonly member: boolean;
  /** The entries of the fields below, when there are any. */
  readonly below: Entry[] | undefined;
}

/** Fields no manager owns (managed-fields' UNTRACKED_FIELDS): top-level ones, and in metadata. */
const UNTRACKED_TOP = new Set(['f:apiVersion', 'f:kind', 'f:metadata']);
const UNTRACKED_METADATA = new Set(
  [
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ].map((name) => `f:${name}`),
);

/**
 * The fieldsV1 of every tracked field of `object` (a create's writer owns them all), or
 * undefined when there is none. `rootMeta` must come from resolveRootMeta.
 */
export function createdFieldsV1(object: JsonObject, rootMeta: PatchMeta): JsonObject | undefined {
  const shape = shapeOf(rootMeta, {}, object);
  // Like the comparison, an empty or atomic root records nothing (its path is the empty one).
  if (shape.kind === 'leaf' || shape.kind === 'list' || isEmptyValue(object)) return undefined;
  const root = withoutUntracked(fieldEntries(object, shape.meta, shape.kind === 'struct'), UNTRACKED_TOP);
  return root.length === 0 ? undefined : writeEntries(root, false);
}

/**
 * Entries without ownership of the untracked fields; what is below them stays, as set
 * difference subtracts members and children independently. Metadata loses its own untracked
 * fields the same way.
 */
function withoutUntracked(entries: readonly Entry[], untracked: ReadonlySet<string>): Entry[] {
  const kept: Entry[] = [];
  for (const entry of entries) {
    const member = entry.member && !untracked.has(entry.key);
    let below = entry.below;
    if (below !== undefined && untracked === UNTRACKED_TOP && entry.key === 'f:metadata') {
      below = withoutUntracked(below, UNTRACKED_METADATA);
    }
    if (below?.length === 0) below = undefined;
    if (member || below !== undefined) kept.push({ ...entry, member, below });
  }
  return kept;
}

/** The entries of a struct or map's fields, each added with everything below it. */
function fieldEntries(value: JsonObject, meta: PatchMeta | undefined, inStructChain: boolean): Entry[] {
  const entries: Entry[] = [];
  for (const key of Object.keys(value)) {
    const element = fieldElement(key);
    const entry = added(
      value[key],
      childMeta(meta, key),
      element,
      serializePathElement(element),
      inStructChain,
    );
    if (entry.member || entry.below !== undefined) entries.push(entry);
  }
  return entries;
}

/**
 * What the comparison records for a value that did not exist before: a leaf (or an empty value)
 * is owned itself; a container owns its fields, and itself too unless it is a struct reached
 * through structs only (which always exists in the Go object, see ssa-compare).
 */
function added(
  value: unknown,
  meta: PatchMeta | undefined,
  element: PathElement,
  key: string,
  parentInStructChain: boolean,
): Entry {
  const shape = shapeOf(meta, undefined, value);
  if (shape.kind === 'leaf' || isEmptyValue(value)) return { key, element, member: true, below: undefined };
  let below: Entry[];
  let inStructChain = false;
  if (shape.kind === 'list') {
    below = [];
    for (const [itemKey, item] of indexListItems(shape.keys, Array.isArray(value) ? value : [])) {
      const entry = added(item.item, shape.itemMeta, item.element, itemKey, false);
      if (entry.member || entry.below !== undefined) below.push(entry);
    }
  } else {
    inStructChain = parentInStructChain && shape.kind === 'struct';
    below = fieldEntries(isJsonObject(value) ? value : {}, shape.meta, inStructChain);
  }
  return { key, element, member: !inStructChain, below: below.length === 0 ? undefined : below };
}

/** Writes a node: keys in fieldpath order, `.` first when the node is owned itself. */
function writeEntries(entries: Entry[], includeSelf: boolean): JsonObject {
  const onlyFields = entries.every((entry) => entry.element.kind === 'field');
  // Field names order like their `f:` keys (code unit order, as compareGoStrings).
  entries.sort(
    onlyFields
      ? (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
      : (a, b) => comparePathElements(a.element, b.element),
  );
  return writeNode(
    includeSelf,
    entries.map((entry) => entry.key),
    entries.map((entry) => (entry.below === undefined ? LEAF_NODE : writeEntries(entry.below, entry.member))),
  );
}
