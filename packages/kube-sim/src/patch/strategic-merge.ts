/**
 * Kubernetes strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch), the apply
 * half as the apiserver runs it: directives are merged (MergeParallelList) and nulls for
 * fields the object lacks are ignored (IgnoreUnmatchedNulls).
 */
import type { PatchMeta } from '../schema/patch-meta.ts';
import { badRequest } from './errors.ts';
import { goUnmarshalTypeError } from './go-format.ts';
import { cloneJson, isJsonObject, type JsonObject } from './json-values.ts';
import { childMeta, patchStrategy, resolveRootMeta } from './patch-meta-lookup.ts';
import {
  DELETE_DIRECTIVE,
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  REPLACE_DIRECTIVE,
  applyRetainKeysDirective,
  discardNullValues,
  extractKey,
  removeDirectives,
  stripDirectiveKeys,
} from './strategic-directives.ts';
import { BAD_JSON_DOC, badPatchType, strategicError } from './strategic-errors.ts';
import { applySetElementOrders, mergeSliceHandler } from './strategic-list.ts';

/**
 * Applies a strategic merge patch to a copy of `doc`. Fields without PatchMeta merge like a
 * JSON merge patch (maps recursively, lists replaced).
 */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, meta: PatchMeta): unknown {
  // The apiserver unmarshals the body into a map: `null` leaves it empty, anything else fails.
  if (patch === null) return cloneJson(doc);
  if (!isJsonObject(patch)) throw badRequest(goUnmarshalTypeError(patch, 'map[string]interface {}'));
  if (!isJsonObject(doc)) throw badRequest(BAD_JSON_DOC);
  const merged = mergeMap(cloneJson(doc), cloneJson(patch), resolveRootMeta(meta));
  stripDirectiveKeys(merged);
  return merged;
}

/** mergeMap: merges `patch` into `original` (both are mutated; the result is returned). */
export function mergeMap(original: JsonObject, patch: JsonObject, meta: PatchMeta | undefined): JsonObject {
  if (Object.hasOwn(patch, DIRECTIVE_MARKER)) return applyMapDirective(patch);
  applyRetainKeysDirective(original, patch);
  applySetElementOrders(original, patch, meta);

  for (const [patchKey, patchValue] of Object.entries(patch)) {
    const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX);
    const key = isDeleteList ? extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX) : patchKey;

    if (patchValue === null) {
      delete original[key];
      continue;
    }
    const originalValue = original[key];
    if (!Object.hasOwn(original, key) || goKind(originalValue) !== goKind(patchValue)) {
      // Nothing to merge with: take the patch value, minus its directives and nulls.
      if (!isDeleteList) takePatchValue(original, key, patchValue);
      continue;
    }
    const fieldMeta = childMeta(meta, key);
    if (isJsonObject(originalValue) && isJsonObject(patchValue)) {
      const strategy = patchStrategy(fieldMeta);
      if (!strategy.ok) throw strategicError(strategy.error);
      original[key] =
        strategy.strategy === REPLACE_DIRECTIVE ? patchValue : mergeMap(originalValue, patchValue, fieldMeta);
    } else if (Array.isArray(originalValue) && Array.isArray(patchValue)) {
      original[key] = mergeSliceHandler(originalValue, patchValue, fieldMeta, isDeleteList);
    } else {
      original[key] = patchValue;
    }
  }
  return original;
}

/** `$patch` on a map: replace keeps only the patch, delete empties the map. */
function applyMapDirective(patch: JsonObject): JsonObject {
  const directive = patch[DIRECTIVE_MARKER];
  if (directive === REPLACE_DIRECTIVE) {
    delete patch[DIRECTIVE_MARKER];
    return patch;
  }
  if (directive === DELETE_DIRECTIVE) return {};
  throw badPatchType(directive, patch);
}

function takePatchValue(original: JsonObject, key: string, patchValue: unknown): void {
  discardNullValues(patchValue);
  const cleaned = removeDirectives(patchValue);
  if (cleaned) original[key] = cleaned.value;
  else delete original[key];
}

/** Stands for reflect.TypeOf: values of different kinds never merge. */
function goKind(value: unknown): string {
  if (Array.isArray(value)) return 'slice';
  if (isJsonObject(value)) return 'map';
  if (value === null) return 'nil';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  return typeof value;
}
