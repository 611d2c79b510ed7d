/**
 * REFERENCE IMPLEMENTATION, for tests only: the managed-fields tracking as it was before it was
 * made incremental (every field set built in full, every object deep-copied, plain map-based
 * sets). The property tests run it beside the real one on random writes: both must record the
 * same managedFields byte for byte. Do not optimize it; change it only with the semantics.
 */
/**
 * A set of field paths as structured-merge-diff's fieldpath.Set keeps it: at each node, the
 * path elements that are members (owned themselves) and the children with owned fields below.
 * It is what a managedFields entry's fieldsV1 serializes.
 */
import { isJsonObject, type JsonObject } from '../../json-values.ts';
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

export class FieldSet {
  readonly #members = new Map<string, PathElement>();
  /** Never holds an empty set, so emptiness is just "no members and no children". */
  readonly #children = new Map<string, FieldSetChild>();

  static of(paths: readonly Path[]): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  /** Adds a path. The empty path (the whole object) is never tracked. */
  insert(path: Path): void {
    const [first, ...rest] = path;
    if (!first) return;
    if (rest.length === 0) {
      this.#members.set(serializePathElement(first), first);
      return;
    }
    const key = serializePathElement(first);
    let child = this.#children.get(key);
    if (!child) {
      child = { element: first, set: new FieldSet() };
      this.#children.set(key, child);
    }
    child.set.insert(rest);
  }

  has(path: Path): boolean {
    const [first, ...rest] = path;
    if (!first) return false;
    if (rest.length === 0) return this.hasMember(first);
    return this.child(first)?.has(rest) ?? false;
  }

  hasMember(element: PathElement): boolean {
    return this.#members.has(serializePathElement(element));
  }

  /** The set below `element` (fieldpath's WithPrefix), if anything is owned there. */
  child(element: PathElement): FieldSet | undefined {
    return this.#children.get(serializePathElement(element))?.set;
  }

  isEmpty(): boolean {
    return this.#members.size === 0 && this.#children.size === 0;
  }

  /** Members in fieldpath order. */
  members(): PathElement[] {
    return [...this.#members.values()].sort(comparePathElements);
  }

  /** Children in fieldpath order. */
  children(): FieldSetChild[] {
    return [...this.#children.values()].sort((a, b) => comparePathElements(a.element, b.element));
  }

  union(other: FieldSet): FieldSet {
    const out = this.#copyMembers();
    for (const [key, element] of other.#members) out.#members.set(key, element);
    for (const [key, child] of this.#children) out.#children.set(key, child);
    for (const [key, child] of other.#children) {
      const mine = out.#children.get(key);
      out.#children.set(key, mine ? { element: child.element, set: mine.set.union(child.set) } : child);
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, element] of this.#members) if (other.#members.has(key)) out.#members.set(key, element);
    for (const [key, child] of this.#children) {
      const theirs = other.#children.get(key);
      if (theirs) out.#setChild(key, child.element, child.set.intersection(theirs.set));
    }
    return out;
  }

  /**
   * Members and children are subtracted independently, as fieldpath.Set.Difference does: a
   * member of `other` does not remove the fields below it.
   */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, element] of this.#members) if (!other.#members.has(key)) out.#members.set(key, element);
    for (const [key, child] of this.#children) {
      const theirs = other.#children.get(key);
      out.#setChild(key, child.element, theirs ? child.set.difference(theirs.set) : child.set);
    }
    return out;
  }

  equals(other: FieldSet): boolean {
    if (this.#members.size !== other.#members.size || this.#children.size !== other.#children.size)
      return false;
    for (const key of this.#members.keys()) if (!other.#members.has(key)) return false;
    for (const [key, child] of this.#children) {
      const theirs = other.#children.get(key);
      if (!theirs || !child.set.equals(theirs.set)) return false;
    }
    return true;
  }

  /** A copy with `element` as an extra member (used to mark struct fields as owned). */
  withMember(element: PathElement): FieldSet {
    const out = this.union(new FieldSet());
    out.#members.set(serializePathElement(element), element);
    return out;
  }

  /** A copy whose child under `element` is replaced by `set`. */
  withChild(element: PathElement, set: FieldSet): FieldSet {
    const out = this.union(new FieldSet());
    out.#children.delete(serializePathElement(element));
    out.#setChild(serializePathElement(element), element, set);
    return out;
  }

  /** Every member path, in the order fieldpath's Iterate visits them. */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = this.members().map((element) => [...prefix, element]);
    for (const child of this.children()) out.push(...child.set.paths([...prefix, child.element]));
    return out;
  }

  /** The fieldsV1 object: `{}` for a member, `.` when a node is both member and parent. */
  toFieldsV1(): JsonObject {
    return this.#emit(false);
  }

  static fromFieldsV1(value: unknown): FieldSet {
    return readFieldsV1(value).children ?? new FieldSet();
  }

  #emit(includeSelf: boolean): JsonObject {
    const out: JsonObject = {};
    if (includeSelf && !this.isEmpty()) out['.'] = {};
    const entries = [
      ...this.members().map((element) => ({ element, member: true })),
      ...this.children().map(({ element }) => ({ element, member: false })),
    ].sort((a, b) => comparePathElements(a.element, b.element));
    for (const { element } of entries) {
      const key = serializePathElement(element);
      if (Object.hasOwn(out, key)) continue;
      const child = this.#children.get(key);
      out[key] = child ? child.set.#emit(this.#members.has(key)) : {};
    }
    return out;
  }

  #copyMembers(): FieldSet {
    const out = new FieldSet();
    for (const [key, element] of this.#members) out.#members.set(key, element);
    return out;
  }

  #setChild(key: string, element: PathElement, set: FieldSet): void {
    if (!set.isEmpty()) this.#children.set(key, { element, set });
  }

  /** Used by the fieldsV1 reader. */
  static build(members: PathElement[], children: FieldSetChild[]): FieldSet {
    const out = new FieldSet();
    for (const element of members) out.#members.set(serializePathElement(element), element);
    for (const child of children)
      out.#setChild(serializePathElement(child.element), child.element, child.set);
    return out;
  }
}

/** readIterV1: a node is a member when it has no children or carries `.`. */
function readFieldsV1(value: unknown): { children: FieldSet | undefined; isMember: boolean } {
  if (!isJsonObject(value)) return { children: undefined, isMember: true };
  const members: PathElement[] = [];
  const children: FieldSetChild[] = [];
  let isMember = false;
  for (const [key, nested] of Object.entries(value)) {
    if (key === '.') {
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
