/** The `$`-directives of strategic merge patch and the helpers that consume them. */
import {
  BAD_PRIMITIVE_LIST_FORMAT,
  BAD_RETAIN_KEYS_FORMAT,
  BAD_SET_ELEMENT_ORDER_FORMAT,
  strategicError,
} from './strategic-errors.ts';
import { isJsonObject, type JsonObject } from './json-values.ts';

export const DIRECTIVE_MARKER = '$patch';
export const DELETE_DIRECTIVE = 'delete';
export const REPLACE_DIRECTIVE = 'replace';
export const MERGE_DIRECTIVE = 'merge';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

/** `$setElementOrder/containers` → `containers`; the prefix must be followed by a slash. */
export function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST_PREFIX) throw strategicError(BAD_PRIMITIVE_LIST_FORMAT);
    if (prefix === SET_ELEMENT_ORDER_PREFIX) throw strategicError(BAD_SET_ELEMENT_ORDER_FORMAT);
    throw strategicError(`fail to find unknown prefix "${prefix}" in ${key}`);
  }
  return key.slice(slash + 1);
}

/**
 * `$retainKeys`: every key of the original not listed is cleared. Every non-null key the patch
 * sets must be listed, otherwise the patch is malformed.
 */
export function applyRetainKeysDirective(original: JsonObject, patch: JsonObject): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retained = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(retained)) throw strategicError(BAD_RETAIN_KEYS_FORMAT);
  const keep = new Set<unknown>(retained);
  for (const [key, value] of Object.entries(patch)) {
    if (
      value === null ||
      key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) ||
      key.startsWith(SET_ELEMENT_ORDER_PREFIX)
    ) {
      continue;
    }
    if (!keep.has(key)) throw strategicError(BAD_RETAIN_KEYS_FORMAT);
  }
  for (const key of Object.keys(original)) {
    if (!keep.has(key)) delete original[key];
  }
}

/**
 * removeDirectives: a value taken from the patch where the original has nothing to merge with
 * loses every map carrying `$patch` (and list items that are such maps). Returns undefined
 * when the value itself is such a map.
 */
export function removeDirectives(value: unknown): { value: unknown } | undefined {
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (const item of value) {
      const cleaned = removeDirectives(item);
      if (cleaned) kept.push(cleaned.value);
    }
    return { value: kept };
  }
  if (!isJsonObject(value)) return { value };
  if (Object.hasOwn(value, DIRECTIVE_MARKER)) return undefined;
  for (const [key, member] of Object.entries(value)) {
    const cleaned = removeDirectives(member);
    if (cleaned) value[key] = cleaned.value;
    else delete value[key];
  }
  return { value };
}

/** discardNullValuesFromPatch: nulls inside a newly added value mean nothing. */
export function discardNullValues(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) discardNullValues(item);
  } else if (isJsonObject(value)) {
    for (const [key, member] of Object.entries(value)) {
      if (member === null) delete value[key];
      else discardNullValues(member);
    }
  }
}

/**
 * Directive keys the Go code leaves in place (in replaced or appended values) and the typed
 * decoding then drops as unknown fields. We drop them explicitly since objects stay JSON here.
 */
export function stripDirectiveKeys(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) stripDirectiveKeys(item);
  } else if (isJsonObject(value)) {
    for (const [key, member] of Object.entries(value)) {
      if (isDirectiveKey(key)) delete value[key];
      else stripDirectiveKeys(member);
    }
  }
}

function isDirectiveKey(key: string): boolean {
  return (
    key === DIRECTIVE_MARKER ||
    key === RETAIN_KEYS_DIRECTIVE ||
    key.startsWith(`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/`) ||
    key.startsWith(`${SET_ELEMENT_ORDER_PREFIX}/`)
  );
}
