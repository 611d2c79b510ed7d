/**
 * Container navigation as evanphx/json-patch v4 (the library the apiserver uses) does it,
 * including its quirks: the first path segment is never checked to be empty, a JSON null on
 * the way counts as missing, and a missing object key reads as null instead of failing.
 */
import { isJsonObject, type JsonObject } from './json-values.ts';

export type Container = JsonObject | unknown[];

export interface Location {
  container: Container;
  key: string;
}

/** An error text as the Go library words it (callers add their own context around it). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

const INVALID_INDEX = 'invalid index referenced';
const MISSING_VALUE = 'missing value';

/** RFC 6901 token decoding: `~1` becomes `/`, then `~0` becomes `~`. */
export function decodeToken(token: string): string {
  return token.replace(/~[01]/g, (escape) => (escape === '~1' ? '/' : '~'));
}

/** findObject: the container holding the last token of `path`, or undefined when unreachable. */
export function findContainer(root: Container, path: string): Location | undefined {
  const segments = path.split('/');
  if (segments.length < 2) return undefined;
  let current: Container = root;
  for (const segment of segments.slice(1, -1)) {
    const next = getChild(current, decodeToken(segment));
    if (!next.ok) return undefined;
    if (!Array.isArray(next.value) && !isJsonObject(next.value)) return undefined;
    current = next.value;
  }
  return { container: current, key: decodeToken(segments[segments.length - 1] ?? '') };
}

/** get: a missing object key yields null (Go's nil node), an index outside the array fails. */
export function getChild(container: Container, key: string): Outcome<unknown> {
  if (!Array.isArray(container)) return { ok: true, value: container[key] ?? null };
  const index = resolveIndex(container.length, key, container.length);
  if (!index.ok) return index;
  return { ok: true, value: container[index.value] ?? null };
}

/** set: used by replace after a successful get, so the index is known to exist. */
export function setChild(container: Container, key: string, value: unknown): Outcome<void> {
  if (!Array.isArray(container)) {
    container[key] = value;
    return { ok: true, value: undefined };
  }
  const index = resolveIndex(container.length, key, container.length);
  if (!index.ok) return index;
  container[index.value] = value;
  return { ok: true, value: undefined };
}

/** add: objects overwrite, arrays insert (`-` appends, negative indices count from the end). */
export function addChild(container: Container, key: string, value: unknown): Outcome<void> {
  if (!Array.isArray(container)) {
    container[key] = value;
    return { ok: true, value: undefined };
  }
  if (key === '-') {
    container.push(value);
    return { ok: true, value: undefined };
  }
  const parsed = parseGoInt(key);
  if (!parsed.ok)
    return { ok: false, error: `value was not a proper array index: '${key}': ${parsed.error}` };
  const index = resolveIndex(container.length + 1, key, container.length + 1);
  if (!index.ok) return index;
  container.splice(index.value, 0, value);
  return { ok: true, value: undefined };
}

export function removeChild(container: Container, key: string): Outcome<void> {
  if (!Array.isArray(container)) {
    if (!Object.hasOwn(container, key)) {
      return { ok: false, error: `Unable to remove nonexistent key: ${key}: ${MISSING_VALUE}` };
    }
    delete container[key];
    return { ok: true, value: undefined };
  }
  const index = resolveIndex(container.length, key, container.length);
  if (!index.ok) return index;
  container.splice(index.value, 1);
  return { ok: true, value: undefined };
}

/** Parses an array index the way the library does (strconv.Atoi, negatives from the end). */
function resolveIndex(size: number, key: string, upperBound: number): Outcome<number> {
  const parsed = parseGoInt(key);
  if (!parsed.ok) return parsed;
  let index = parsed.value;
  if (index >= upperBound) return invalidIndex(index);
  if (index < 0) {
    if (index < -size) return invalidIndex(index);
    index += size;
  }
  return { ok: true, value: index };
}

function invalidIndex(index: number): Outcome<never> {
  return { ok: false, error: `Unable to access invalid index: ${index}: ${INVALID_INDEX}` };
}

const INT64_MAX = 2n ** 63n - 1n;

/** strconv.Atoi: optional sign, decimal digits, 64-bit range. */
export function parseGoInt(text: string): Outcome<number> {
  if (!/^[+-]?\d+$/.test(text)) {
    return { ok: false, error: `strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax` };
  }
  const big = BigInt(text);
  if (big > INT64_MAX || big < -INT64_MAX - 1n) {
    return { ok: false, error: `strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range` };
  }
  return { ok: true, value: Number(big) };
}
