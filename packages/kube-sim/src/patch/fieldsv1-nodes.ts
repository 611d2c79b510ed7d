/**
 * Writing canonical fieldsV1 nodes (see FieldSet.toFieldsV1): frozen objects, keys in
 * fieldpath order, `.` first when the node is also a member.
 *
 * Every stored object carries its managedFields for as long as it lives, and the fieldsV1 of
 * objects of one kind are mostly the same: every pod's container, resources, conditions and
 * status nodes have the same keys. Nodes are therefore interned by content — a node whose keys
 * and children equal an earlier one's is that node — so 30,000 pods share one copy of those
 * subtrees. This is safe because nodes are frozen and nobody tells equal nodes apart.
 */
import type { JsonObject } from './json-values.ts';

/** The fieldsV1 marker of a node that is a member and also has children. */
export const SELF = '.';

/** Every leaf of every fieldsV1 written is this one frozen `{}`. */
export const LEAF_NODE: JsonObject = Object.freeze({}) as JsonObject;

/** Interned nodes by content key (see contentKey); starts over when full, nodes stay valid. */
const INTERNED = new Map<string, JsonObject>();
const INTERNED_CAPACITY = 50_000;
/** Ids of interned nodes, which content keys of their parents refer to; never reused. */
const INTERNED_IDS = new WeakMap<JsonObject, number>([[LEAF_NODE, 0]]);
let nextNodeId = 1;

/**
 * Ids of the keys written recently. A key without one is novel: the item key of a generated
 * volume name or of an owner's uid (most pods have one or two). Both maps start over when this
 * one is full (content keys refer to key ids); nodes written before stay valid.
 */
const KEY_IDS = new Map<string, number>();
const KEY_IDS_CAPACITY = 50_000;

/**
 * The node with `keys` (in order) whose values are `values`, `.` first when `includeSelf`:
 * an interned one when it has been written before, else a new frozen one.
 *
 * A node with a novel key will not be met again, so it is not interned; and since V8 gives
 * every new sequence of keys a hidden class of its own, which costs more (memory and time) than
 * the object, it is made a dictionary. Nodes with known keys keep their shared classes.
 */
export function writeNode(
  includeSelf: boolean,
  keys: readonly string[],
  values: readonly JsonObject[],
): JsonObject {
  const key = contentKey(includeSelf, keys, values);
  if (key !== undefined) {
    const interned = INTERNED.get(key);
    if (interned !== undefined) return interned;
  }
  const node: JsonObject = key === NOVEL ? dictionaryObject() : {};
  if (includeSelf) node[SELF] = LEAF_NODE;
  for (let i = 0; i < keys.length; i++) node[keys[i] as string] = values[i];
  Object.freeze(node);
  if (key !== undefined && key !== NOVEL) {
    if (INTERNED.size >= INTERNED_CAPACITY) INTERNED.clear();
    INTERNED.set(key, node);
    INTERNED_IDS.set(node, nextNodeId++);
  }
  return node;
}

/** contentKey's answer for a node with a novel key. */
const NOVEL = '';

/**
 * What identifies a node: its keys' and its children's ids. NOVEL when a key is novel (it gets
 * an id now); undefined when a child is not interned: such a node holds something unique (a
 * generated name below it) and would never be met again.
 */
function contentKey(
  includeSelf: boolean,
  keys: readonly string[],
  values: readonly JsonObject[],
): string | undefined {
  let novel = false;
  for (const key of keys) {
    if (KEY_IDS.has(key)) continue;
    novel = true;
    if (KEY_IDS.size >= KEY_IDS_CAPACITY) {
      KEY_IDS.clear();
      INTERNED.clear();
    }
    KEY_IDS.set(key, KEY_IDS.size);
  }
  if (novel) return NOVEL;
  let content = includeSelf ? '.' : '';
  for (let i = 0; i < keys.length; i++) {
    const childId = INTERNED_IDS.get(values[i] as JsonObject);
    if (childId === undefined) return undefined;
    content += `${KEY_IDS.get(keys[i] as string) as number}:${childId};`;
  }
  return content;
}

/**
 * An empty plain object in V8's dictionary mode: deleting a property other than the last one
 * added switches an object to it. Only a layout hint: it is an ordinary object in every other
 * respect (prototype, key order, JSON, freezing).
 */
function dictionaryObject(): JsonObject {
  const object: JsonObject = { dictionary: true, mode: true };
  delete object.dictionary;
  delete object.mode;
  return object;
}
