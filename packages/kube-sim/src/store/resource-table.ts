/**
 * The objects of one resource (e.g. all pods), indexed by namespace then name. Listing returns
 * etcd key order (namespace, then name); the sorted name lists are cached per namespace and only
 * invalidated when an object is added or removed, so status updates never trigger a re-sort.
 * The listed objects themselves are cached until the next change, so the pages of a paginated
 * list (60 for 30,000 pods) read one array instead of rebuilding it each time.
 */
import type { KubeObject } from '../types.ts';

export class ResourceTable {
  private readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  private readonly sortedNames = new Map<string, string[]>();
  private sortedNamespaces: string[] | undefined;
  /** All objects in key order, until the next change; shared, never handed out for writing. */
  private listed: readonly KubeObject[] | undefined;
  private total = 0;

  get size(): number {
    return this.total;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  /** Inserts or replaces; returns the object it replaced. */
  set(namespace: string, name: string, object: KubeObject): KubeObject | undefined {
    let objects = this.byNamespace.get(namespace);
    if (objects === undefined) {
      objects = new Map();
      this.byNamespace.set(namespace, objects);
      this.sortedNamespaces = undefined;
    }
    const previous = objects.get(name);
    objects.set(name, object);
    this.listed = undefined;
    if (previous === undefined) {
      this.total++;
      this.sortedNames.delete(namespace);
    }
    return previous;
  }

  delete(namespace: string, name: string): KubeObject | undefined {
    const objects = this.byNamespace.get(namespace);
    const previous = objects?.get(name);
    if (objects === undefined || previous === undefined) return undefined;
    objects.delete(name);
    this.listed = undefined;
    this.total--;
    this.sortedNames.delete(namespace);
    if (objects.size === 0) {
      this.byNamespace.delete(namespace);
      this.sortedNamespaces = undefined;
    }
    return previous;
  }

  countIn(namespace: string): number {
    return this.byNamespace.get(namespace)?.size ?? 0;
  }

  /** Objects in key order: one namespace when given, otherwise all namespaces. */
  list(namespace?: string): KubeObject[] {
    if (namespace !== undefined) return this.listNamespace(namespace);
    return [...this.listAll()];
  }

  /** All objects in key order, as a shared array that must not be modified. */
  listAll(): readonly KubeObject[] {
    if (this.listed === undefined) {
      const result: KubeObject[] = [];
      for (const ns of this.namespaces()) {
        for (const object of this.listNamespace(ns)) result.push(object);
      }
      this.listed = result;
    }
    return this.listed;
  }

  namespaces(): string[] {
    if (this.sortedNamespaces === undefined) {
      // Keys are `namespace/name` strings, so namespaces order by `namespace/` (a-b before a).
      this.sortedNamespaces = [...this.byNamespace.keys()].sort((a, b) => compareKeys(`${a}/`, `${b}/`));
    }
    return this.sortedNamespaces;
  }

  private listNamespace(namespace: string): KubeObject[] {
    const objects = this.byNamespace.get(namespace);
    if (objects === undefined) return [];
    let names = this.sortedNames.get(namespace);
    if (names === undefined) {
      names = [...objects.keys()].sort(compareKeys);
      this.sortedNames.set(namespace, names);
    }
    const result = new Array<KubeObject>(names.length);
    for (let i = 0; i < names.length; i++) result[i] = objects.get(names[i] as string) as KubeObject;
    return result;
  }
}

/** Byte-wise ordering, as etcd orders keys (not locale-aware). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
