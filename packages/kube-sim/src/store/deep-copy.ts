/**
 * A deep copy of a JSON-like value (what objects and request bodies are), several times faster
 * than structuredClone on the many small objects a Kubernetes object is made of: every write
 * copies its body once. Plain objects and arrays are copied field by field — own enumerable
 * keys in order, `undefined` values and array holes kept, as structuredClone keeps them;
 * anything else (Dates, Maps, class instances, functions) goes to structuredClone, which copies
 * it or throws as before. Unlike structuredClone, an object referenced twice is copied twice.
 */
export function deepCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' ? structuredClone(value) : value;
  }
  if (Array.isArray(value)) return copyArray(value) as T;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) copy[key] = deepCopy(source[key]);
  return copy as T;
}

function copyArray(source: readonly unknown[]): unknown[] {
  if (Object.getPrototypeOf(source) !== Array.prototype) return structuredClone(source) as unknown[];
  const copy = new Array<unknown>(source.length);
  for (let i = 0; i < source.length; i++) if (i in source) copy[i] = deepCopy(source[i]);
  return copy;
}

/**
 * A copy of a request body for the API to take over, as the in-process client hands bodies
 * over: the top level and metadata (which the API fills in) and everything that is not frozen
 * are copied; frozen values are shared. A frozen value comes from the store (controllers build
 * bodies from what they read, `{ ...pod, status }`): neither the caller nor the API can change
 * it, so sharing it is as good as a copy — and saves copying the unchanged spec and
 * managedFields on every status update.
 */
export function copyForHandOver<T>(body: T): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return deepCopy(body);
  const source = body as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    copy[key] = key === 'metadata' ? copyMetadata(value) : copyUnlessFrozen(value);
  }
  return copy as T;
}

function copyMetadata(metadata: unknown): unknown {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return deepCopy(metadata);
  const source = metadata as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) copy[key] = copyUnlessFrozen(source[key]);
  return copy;
}

function copyUnlessFrozen<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) {
    return typeof value === 'function' || typeof value === 'symbol' ? structuredClone(value) : value;
  }
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return structuredClone(value);
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) if (i in value) copy[i] = copyUnlessFrozen(value[i]);
    return copy as T;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) copy[key] = copyUnlessFrozen(source[key]);
  return copy as T;
}
