/**
 * A set of field paths as structured-merge-diff's fieldpath.Set keeps it: at each node, the
 * path elements that are members (owned themselves) and the children with owned fields below.
 * It is what a managedFields entry's fieldsV1 serializes.
 *
 * Every write reads the stored managedFields, changes a few paths and writes them back, so
 * sets are built to make that proportional to the change, not to the object:
 *  - A set written to fieldsV1 keeps the (frozen, canonical) node it wrote, and reading such a
 *    node back gives a lazy view of it: a level's members and children are only parsed when
 *    an operation looks at that level.
 *  - Operations return an operand itself when the result equals it, and share untouched
 *    children, so writing back a set that is mostly the stored one reuses the stored nodes.
 * Sets are immutable once built (insert is for construction only), which is what makes the
 * sharing safe.
 */
import { BoundedMemo } from './bounded-memo.ts';
import { LEAF_NODE, SELF, writeNode } from './fieldsv1-nodes.ts';
import { isJsonObject, type JsonObject } from './json-values.ts';
import {
  comparePathElements,
  parsePathElement,
  pathToString,
  serializePathElement,
  type Path,
  type PathElement,
} from './path-element.ts';

export interface FieldSetChild {
  readonly element: PathElement;
  readonly set: FieldSet;
}

/** fieldsV1 roots written by toFieldsV1: canonical (sorted, normalized) and frozen. */
const CANONICAL_ROOTS = new WeakSet<object>();
/** Keys of canonical nodes, which this module wrote itself, always parse. */
const CANONICAL_KEYS = new BoundedMemo<PathElement>(50_000, (key) => parsePathElement(key) as PathElement);

export class FieldSet {
  #members: Map<string, PathElement> | undefined;
  /** Never holds an empty set, so emptiness is just "no members and no children". */
  #children: Map<string, FieldSetChild> | undefined;
  /** False while the set is a lazy view of #node whose maps have not been read yet. */
  #materialized = true;
  /** A canonical frozen fieldsV1 node holding exactly this set (its `.` key aside), when known. */
  #node: JsonObject | undefined;

  static of(paths: readonly Path[]): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  /** Adds a path. The empty path (the whole object) is never tracked. Construction only. */
  insert(path: Path): void {
    this.#insertFrom(path, 0);
  }

  has(path: Path): boolean {
    let set: FieldSet | undefined = this as FieldSet;
    for (let i = 0; set !== undefined && i < path.length; i++) {
      const element = path[i] as PathElement;
      if (i === path.length - 1) return set.hasMember(element);
      set = set.child(element);
    }
    return false;
  }

  hasMember(element: PathElement): boolean {
    return this.#memberMap()?.has(serializePathElement(element)) ?? false;
  }

  /** The set below `element` (fieldpath's WithPrefix), if anything is owned there. */
  child(element: PathElement): FieldSet | undefined {
    return this.#childMap()?.get(serializePathElement(element))?.set;
  }

  isEmpty(): boolean {
    if (!this.#materialized) return !hasChildKeys(this.#node as JsonObject);
    return (this.#members?.size ?? 0) === 0 && (this.#children?.size ?? 0) === 0;
  }

  /** Members in fieldpath order. */
  members(): PathElement[] {
    return [...(this.#memberMap()?.values() ?? [])].sort(comparePathElements);
  }

  /** Children in fieldpath order. */
  children(): FieldSetChild[] {
    return [...(this.#childMap()?.values() ?? [])].sort((a, b) => comparePathElements(a.element, b.element));
  }

  union(other: FieldSet): FieldSet {
    if (other === this || other.isEmpty() || this.#sameNode(other)) return this;
    if (this.isEmpty()) return other;
    let members = this.#memberMap();
    for (const [key, element] of other.#memberMap() ?? []) {
      if (members?.has(key)) continue;
      if (members === this.#members) members = new Map(members);
      (members ??= new Map()).set(key, element);
    }
    let children = this.#childMap();
    for (const [key, theirs] of other.#childMap() ?? []) {
      const mine = children?.get(key);
      const merged = mine ? mine.set.union(theirs.set) : theirs.set;
      if (merged === mine?.set) continue;
      if (children === this.#children) children = new Map(children);
      (children ??= new Map()).set(key, mine ? { element: mine.element, set: merged } : theirs);
    }
    return members === this.#members && children === this.#children
      ? this
      : FieldSet.#fromMaps(members, children);
  }

  intersection(other: FieldSet): FieldSet {
    if (other === this || this.#sameNode(other)) return this;
    const out = new FieldSet();
    if (this.isEmpty() || other.isEmpty()) return out;
    // Walking the smaller side keeps `owned ∩ changed` proportional to the change.
    const mine = this.#memberMap();
    const theirs = other.#memberMap();
    if (mine && theirs) {
      const [small, large] = mine.size <= theirs.size ? [mine, theirs] : [theirs, mine];
      for (const key of small.keys()) {
        const element = mine.get(key);
        if (element !== undefined && large.has(key)) (out.#members ??= new Map()).set(key, element);
      }
    }
    const myChildren = this.#childMap();
    const theirChildren = other.#childMap();
    if (myChildren && theirChildren) {
      const small = myChildren.size <= theirChildren.size ? myChildren : theirChildren;
      for (const key of small.keys()) {
        const left = myChildren.get(key);
        const right = theirChildren.get(key);
        if (left && right) out.#setChild(key, left.element, left.set.intersection(right.set));
      }
    }
    return out;
  }

  /**
   * Members and children are subtracted independently, as fieldpath.Set.Difference does: a
   * member of `other` does not remove the fields below it.
   */
  difference(other: FieldSet): FieldSet {
    if (other === this || this.#sameNode(other)) return new FieldSet();
    if (this.isEmpty() || other.isEmpty()) return this;
    let members = this.#memberMap();
    const theirMembers = other.#memberMap();
    if (members && theirMembers) {
      const small = members.size <= theirMembers.size ? members : theirMembers;
      for (const key of [...small.keys()]) {
        if (!members.has(key) || !theirMembers.has(key)) continue;
        if (members === this.#members) members = new Map(members);
        members.delete(key);
      }
    }
    let children = this.#childMap();
    const theirChildren = other.#childMap();
    if (children && theirChildren) {
      const small = children.size <= theirChildren.size ? children : theirChildren;
      for (const key of [...small.keys()]) {
        const mine = children.get(key);
        const theirs = theirChildren.get(key);
        if (!mine || !theirs) continue;
        const rest = mine.set.difference(theirs.set);
        if (rest === mine.set) continue;
        if (children === this.#children) children = new Map(children);
        if (rest.isEmpty()) children.delete(key);
        else children.set(key, { element: mine.element, set: rest });
      }
    }
    return members === this.#members && children === this.#children
      ? this
      : FieldSet.#fromMaps(members, children);
  }

  equals(other: FieldSet): boolean {
    if (other === this || this.#sameNode(other)) return true;
    const members = this.#memberMap();
    const theirMembers = other.#memberMap();
    const children = this.#childMap();
    const theirChildren = other.#childMap();
    if ((members?.size ?? 0) !== (theirMembers?.size ?? 0)) return false;
    if ((children?.size ?? 0) !== (theirChildren?.size ?? 0)) return false;
    for (const key of members?.keys() ?? []) if (!theirMembers?.has(key)) return false;
    for (const [key, child] of children ?? []) {
      const theirs = theirChildren?.get(key);
      if (!theirs || !child.set.equals(theirs.set)) return false;
    }
    return true;
  }

  /** A copy with `element` as an extra member (used to mark struct fields as owned). */
  withMember(element: PathElement): FieldSet {
    const members = new Map(this.#memberMap());
    members.set(serializePathElement(element), element);
    return FieldSet.#fromMaps(members, this.#childMap());
  }

  /** A copy whose child under `element` is replaced by `set`. */
  withChild(element: PathElement, set: FieldSet): FieldSet {
    const key = serializePathElement(element);
    const children = new Map(this.#childMap());
    if (set.isEmpty()) children.delete(key);
    else children.set(key, { element, set });
    return FieldSet.#fromMaps(this.#memberMap(), children);
  }

  /** Every member path, in the order fieldpath's Iterate visits them. */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = this.members().map((element) => [...prefix, element]);
    for (const child of this.children()) out.push(...child.set.paths([...prefix, child.element]));
    return out;
  }

  /**
   * The fieldsV1 object: `{}` for a member, `.` when a node is both member and parent. It is
   * frozen and may be shared with other sets' fieldsV1 (and with stored objects): never edit it.
   */
  toFieldsV1(): JsonObject {
    const node = this.#emit(false);
    CANONICAL_ROOTS.add(node);
    return node;
  }

  /** The set of a root node written by writeNode (fieldsV1 built without a set, on create). */
  static fromWritten(node: JsonObject): FieldSet {
    CANONICAL_ROOTS.add(node);
    return FieldSet.#view(node);
  }

  static fromFieldsV1(value: unknown): FieldSet {
    // A node this module wrote is canonical and frozen: read it lazily instead of parsing it.
    if (isJsonObject(value) && CANONICAL_ROOTS.has(value)) return FieldSet.#view(value);
    return readFieldsV1(value).children ?? new FieldSet();
  }

  /** Used by the fieldsV1 reader and comparisons that build sets bottom-up. */
  static build(members: readonly PathElement[], children: readonly FieldSetChild[]): FieldSet {
    const out = new FieldSet();
    for (const element of members) (out.#members ??= new Map()).set(serializePathElement(element), element);
    for (const child of children)
      out.#setChild(serializePathElement(child.element), child.element, child.set);
    return out;
  }

  static #view(node: JsonObject): FieldSet {
    const set = new FieldSet();
    set.#materialized = false;
    set.#node = node;
    return set;
  }

  static #fromMaps(
    members: Map<string, PathElement> | undefined,
    children: Map<string, FieldSetChild> | undefined,
  ): FieldSet {
    const set = new FieldSet();
    if (members && members.size > 0) set.#members = members;
    if (children && children.size > 0) set.#children = children;
    return set;
  }

  #sameNode(other: FieldSet): boolean {
    return this.#node !== undefined && this.#node === other.#node;
  }

  #memberMap(): Map<string, PathElement> | undefined {
    this.#materialize();
    return this.#members;
  }

  #childMap(): Map<string, FieldSetChild> | undefined {
    this.#materialize();
    return this.#children;
  }

  /** Reads one level of the canonical node (readIterV1's rules); children stay lazy. */
  #materialize(): void {
    if (this.#materialized) return;
    this.#materialized = true;
    const node = this.#node as JsonObject;
    for (const key of Object.keys(node)) {
      if (key === SELF) continue;
      const element = CANONICAL_KEYS.get(key);
      const value = node[key] as JsonObject;
      const hasChildren = hasChildKeys(value);
      if (!hasChildren || Object.hasOwn(value, SELF)) (this.#members ??= new Map()).set(key, element);
      if (hasChildren) (this.#children ??= new Map()).set(key, { element, set: FieldSet.#view(value) });
    }
  }

  #insertFrom(path: Path, index: number): void {
    const element = path[index];
    if (!element) return;
    this.#materialize();
    this.#node = undefined;
    const key = serializePathElement(element);
    if (index === path.length - 1) {
      (this.#members ??= new Map()).set(key, element);
      return;
    }
    let child = this.#children?.get(key);
    if (!child) {
      child = { element, set: new FieldSet() };
      (this.#children ??= new Map()).set(key, child);
    }
    child.set.#insertFrom(path, index + 1);
  }

  /**
   * The canonical node, written once per set and kept: a set emitted again (the unchanged
   * entries of the next write, or an untouched child of a changed one) costs nothing.
   */
  #emit(includeSelf: boolean): JsonObject {
    if (this.isEmpty()) return LEAF_NODE;
    let node = this.#node;
    if (node === undefined) {
      node = this.#write(includeSelf);
      this.#node = node;
    }
    if (Object.hasOwn(node, SELF) === includeSelf) return node;
    const keys = Object.keys(node).filter((key) => key !== SELF);
    return writeNode(
      includeSelf,
      keys,
      keys.map((key) => node[key] as JsonObject),
    );
  }

  #write(includeSelf: boolean): JsonObject {
    const members = this.#memberMap();
    const children = this.#childMap();
    const keys: string[] = [];
    let onlyFields = true;
    for (const [key, element] of members ?? []) {
      keys.push(key);
      if (element.kind !== 'field') onlyFields = false;
    }
    for (const [key, { element }] of children ?? []) {
      if (members?.has(key)) continue;
      keys.push(key);
      if (element.kind !== 'field') onlyFields = false;
    }
    // Field names order like their `f:` keys, and the default sort compares UTF-16 code units
    // like compareGoStrings does; keyed items and values need the element comparison.
    if (onlyFields) keys.sort();
    else {
      const elementOf = (key: string): PathElement =>
        (members?.get(key) ?? children?.get(key)?.element) as PathElement;
      keys.sort((a, b) => comparePathElements(elementOf(a), elementOf(b)));
    }
    const values = keys.map((key) => {
      const child = children?.get(key);
      return child ? child.set.#emit(members?.has(key) ?? false) : LEAF_NODE;
    });
    return writeNode(includeSelf, keys, values);
  }

  #setChild(key: string, element: PathElement, set: FieldSet): void {
    if (!set.isEmpty()) (this.#children ??= new Map()).set(key, { element, set });
  }
}

function hasChildKeys(node: JsonObject): boolean {
  for (const key in node) if (key !== SELF) return true;
  return false;
}

/** readIterV1: a node is a member when it has no children or carries `.`. */
function readFieldsV1(value: unknown): { children: FieldSet | undefined; isMember: boolean } {
  if (!isJsonObject(value)) return { children: undefined, isMember: true };
  const members: PathElement[] = [];
  const children: FieldSetChild[] = [];
  let isMember = false;
  for (const [key, nested] of Object.entries(value)) {
    if (key === SELF) {
      isMember = true;
      continue;
    }
    let element: PathElement | undefined;
    try {
      element = parsePathElement(key);
    } catch {
      continue; // The Go reader reports and skips malformed keys.
    }
    if (!element) continue;
    const read = readFieldsV1(nested);
    if (read.isMember) members.push(element);
    if (read.children) children.push({ element, set: read.children });
  }
  if (members.length === 0 && children.length === 0) return { children: undefined, isMember: true };
  return { children: FieldSet.build(members, children), isMember };
}

/** `.spec.replicas`-style paths of every owned field in a fieldsV1 object. */
export function fieldsetToPaths(fieldsV1: unknown): string[] {
  return FieldSet.fromFieldsV1(fieldsV1).paths().map(pathToString);
}
