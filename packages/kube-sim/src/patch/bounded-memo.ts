/**
 * A memo for values derived from strings (field names, fieldsV1 keys). The strings come from
 * schemas and, through map keys (labels, annotations, ConfigMap data), from users: few distinct
 * ones in practice, but unbounded in principle, so the memo starts over when it is full.
 */
export class BoundedMemo<V> {
  readonly #values = new Map<string, V>();
  readonly #capacity: number;
  readonly #derive: (key: string) => V;

  constructor(capacity: number, derive: (key: string) => V) {
    this.#capacity = capacity;
    this.#derive = derive;
  }

  get(key: string): V {
    let value = this.#values.get(key);
    if (value === undefined) {
      value = this.#derive(key);
      if (this.#values.size >= this.#capacity) this.#values.clear();
      this.#values.set(key, value);
    }
    return value;
  }
}
