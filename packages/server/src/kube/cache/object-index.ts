import type { LabelSelector } from './label-selector.ts';
import { keyOf, type KubeObject } from './resource-ref.ts';

type KeySet = Set<string>;

function addTo<K>(map: Map<K, KeySet>, at: K, key: string): void {
  let set = map.get(at);
  if (!set) map.set(at, (set = new Set()));
  set.add(key);
}

function removeFrom<K>(map: Map<K, KeySet>, at: K, key: string): void {
  const set = map.get(at);
  if (!set) return;
  set.delete(key);
  if (set.size === 0) map.delete(at);
}

export interface IndexQuery {
  namespace?: string;
  labelSelector?: LabelSelector;
}

/**
 * The objects of one kind in one cluster, indexed by namespace and by label (key → value →
 * object keys), so that a namespace or `app=web` list touches only what it returns.
 */
export class ObjectIndex {
  readonly #objects = new Map<string, KubeObject>();
  readonly #byNamespace = new Map<string, KeySet>();
  readonly #byLabel = new Map<string, Map<string, KeySet>>();

  get size(): number {
    return this.#objects.size;
  }

  get(key: string): KubeObject | undefined {
    return this.#objects.get(key);
  }

  values(): IterableIterator<KubeObject> {
    return this.#objects.values();
  }

  /** Stores the object, returning the one it replaced. */
  upsert(object: KubeObject): KubeObject | undefined {
    const key = keyOf(object);
    const previous = this.#objects.get(key);
    if (previous) this.#unindex(key, previous);
    this.#objects.set(key, object);
    addTo(this.#byNamespace, object.metadata?.namespace ?? '', key);
    for (const [label, value] of Object.entries(object.metadata?.labels ?? {})) {
      let values = this.#byLabel.get(label);
      if (!values) this.#byLabel.set(label, (values = new Map()));
      addTo(values, value, key);
    }
    return previous;
  }

  remove(key: string): KubeObject | undefined {
    const previous = this.#objects.get(key);
    if (!previous) return undefined;
    this.#unindex(key, previous);
    this.#objects.delete(key);
    return previous;
  }

  clear(): void {
    this.#objects.clear();
    this.#byNamespace.clear();
    this.#byLabel.clear();
  }

  /** The objects in `namespace` (all when absent) whose labels match the selector. */
  select(query: IndexQuery): KubeObject[] {
    const candidates = this.#candidates(query);
    const result: KubeObject[] = [];
    const { namespace, labelSelector } = query;
    for (const key of candidates) {
      const object = this.#objects.get(key);
      if (!object) continue;
      if (namespace && (object.metadata?.namespace ?? '') !== namespace) continue;
      if (labelSelector && !labelSelector.matches(object.metadata?.labels)) continue;
      result.push(object);
    }
    return result;
  }

  /** The smallest key set that can contain every match: an indexed label value or the namespace. */
  #candidates(query: IndexQuery): Iterable<string> {
    let best: Iterable<string> = query.namespace
      ? (this.#byNamespace.get(query.namespace) ?? [])
      : this.#objects.keys();
    let bestSize = query.namespace ? (this.#byNamespace.get(query.namespace)?.size ?? 0) : this.#objects.size;
    for (const requirement of query.labelSelector?.requirements ?? []) {
      if (requirement.operator !== '=' && requirement.operator !== 'in') continue;
      const values = this.#byLabel.get(requirement.key);
      const sets = requirement.values.map((value) => values?.get(value)).filter((s): s is KeySet => !!s);
      const size = sets.reduce((sum, set) => sum + set.size, 0);
      if (size < bestSize) {
        best = sets.length === 1 ? sets[0]! : sets.flatMap((set) => [...set]);
        bestSize = size;
      }
    }
    return best;
  }

  #unindex(key: string, object: KubeObject): void {
    removeFrom(this.#byNamespace, object.metadata?.namespace ?? '', key);
    for (const [label, value] of Object.entries(object.metadata?.labels ?? {})) {
      const values = this.#byLabel.get(label);
      if (!values) continue;
      removeFrom(values, value, key);
      if (values.size === 0) this.#byLabel.delete(label);
    }
  }
}
