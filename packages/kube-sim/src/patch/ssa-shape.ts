/**
 * How server-side apply sees a node: a leaf (scalar, atomic map or list), a struct with named
 * fields, a granular map whose keys are owned one by one, or an associative list whose items
 * are owned one by one (by key for `listType: map`, by value for `listType: set`).
 * Nodes without schema are "deduced" as structured-merge-diff does: maps granular, lists atomic.
 */
import type { PatchMeta } from '../schema/patch-meta.ts';
import { isJsonObject } from './json-values.ts';
import { isStruct, itemMeta, listMapKeysOf } from './patch-meta-lookup.ts';
import { keyElement, serializePathElement, valueElement, type PathElement } from './path-element.ts';

export type Shape =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'struct'; readonly meta: PatchMeta }
  | { readonly kind: 'map'; readonly meta: PatchMeta | undefined }
  /** `keys` undefined: a set of primitives. */
  | {
      readonly kind: 'list';
      readonly keys: readonly string[] | undefined;
      readonly itemMeta: PatchMeta | undefined;
    };

const LEAF: Shape = { kind: 'leaf' };

/**
 * Defaults of list-map key fields. The Kubernetes models default `protocol` to TCP for every
 * list keyed by it (container ports, service ports …), so `{containerPort: 80}` and live
 * `{containerPort: 80, protocol: TCP}` are the same item. PatchMeta carries no defaults.
 */
const KEY_FIELD_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' };

type ValueKind = 'object' | 'array' | 'scalar';

function kindOf(value: unknown): ValueKind | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return 'array';
  return isJsonObject(value) ? 'object' : 'scalar';
}

/**
 * The shape of a node holding `live` and/or `applied` (absent ones undefined). Values of
 * different kinds merge as a leaf: the applied one wins. Null counts as an empty container of
 * whatever the schema says.
 */
export function shapeOf(meta: PatchMeta | undefined, live: unknown, applied?: unknown): Shape {
  const liveKind = kindOf(live);
  const appliedKind = kindOf(applied);
  if (liveKind !== undefined && appliedKind !== undefined && liveKind !== appliedKind) return LEAF;
  return shapeForKind(meta, liveKind ?? appliedKind ?? schemaKind(meta));
}

function schemaKind(meta: PatchMeta | undefined): ValueKind {
  if (meta?.type === 'list') return 'array';
  if (meta?.type === 'object' || meta?.type === 'map') return 'object';
  return 'scalar';
}

interface ContainerShapes {
  readonly array: Shape;
  readonly object: Shape;
}

/** Shapes depend only on the schema node: worked out once per node (every write walks them). */
const SHAPES = new WeakMap<PatchMeta, ContainerShapes>();
const SCHEMALESS: ContainerShapes = containerShapes(undefined);

function shapeForKind(meta: PatchMeta | undefined, kind: ValueKind): Shape {
  if (kind === 'scalar') return LEAF;
  let shapes = meta === undefined ? SCHEMALESS : SHAPES.get(meta);
  if (shapes === undefined) {
    shapes = containerShapes(meta);
    SHAPES.set(meta as PatchMeta, shapes);
  }
  return kind === 'array' ? shapes.array : shapes.object;
}

function containerShapes(meta: PatchMeta | undefined): ContainerShapes {
  return { array: arrayShape(meta), object: objectShape(meta) };
}

function arrayShape(meta: PatchMeta | undefined): Shape {
  if (meta?.listType === 'set') return { kind: 'list', keys: undefined, itemMeta: itemMeta(meta) };
  const keys = listMapKeysOf(meta);
  if (meta?.listType === 'map' && keys.length > 0) return { kind: 'list', keys, itemMeta: itemMeta(meta) };
  return LEAF;
}

function objectShape(meta: PatchMeta | undefined): Shape {
  if (meta?.mapType === 'atomic' || meta?.type === 'scalar' || meta?.type === 'list') return LEAF;
  return meta && isStruct(meta) ? { kind: 'struct', meta } : { kind: 'map', meta };
}

export type ItemElement = { ok: true; element: PathElement } | { ok: false; error: string };

/** listItemToPathElement: the key or value naming an item of an associative list. */
export function listItemElement(keys: readonly string[] | undefined, item: unknown): ItemElement {
  if (keys === undefined) {
    if (isJsonObject(item))
      return { ok: false, error: "associative list without keys has an element that's a map type" };
    if (Array.isArray(item))
      return { ok: false, error: 'not supported: associative list with lists as elements' };
    if (item === null)
      return { ok: false, error: "associative list without keys has an element that's an explicit null" };
    return { ok: true, element: valueElement(item) };
  }
  if (item === null) return { ok: false, error: 'associative list with keys may not have a null element' };
  if (!isJsonObject(item))
    return { ok: false, error: 'associative list with keys may not have non-map elements' };
  const fields: Array<[string, unknown]> = [];
  for (const key of keys) {
    if (Object.hasOwn(item, key)) fields.push([key, item[key]]);
    else if (Object.hasOwn(KEY_FIELD_DEFAULTS, key)) fields.push([key, KEY_FIELD_DEFAULTS[key]]);
    else {
      return {
        ok: false,
        error: `associative list with keys has an element that omits key field ${JSON.stringify(key)} (and doesn't have default value)`,
      };
    }
  }
  return { ok: true, element: keyElement(fields) };
}

export interface IndexedItem {
  readonly element: PathElement;
  readonly item: unknown;
  /** Later items with the same key (live objects may hold duplicates). */
  readonly duplicates: unknown[];
}

/** Items of an associative list by serialized path element, in list order. */
export function indexListItems(
  keys: readonly string[] | undefined,
  items: readonly unknown[],
): Map<string, IndexedItem> {
  const index = new Map<string, IndexedItem>();
  for (const item of items) {
    const element = listItemElement(keys, item);
    if (!element.ok) continue; // Objects are validated before they are merged.
    const key = serializePathElement(element.element);
    const seen = index.get(key);
    if (seen) seen.duplicates.push(item);
    else index.set(key, { element: element.element, item, duplicates: [] });
  }
  return index;
}
