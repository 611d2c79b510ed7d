/**
 * RFC 7386 JSON merge patch as jsonpatch.MergePatch (evanphx/json-patch v4) computes it for
 * the apiserver: null deletes, objects merge recursively, everything else replaces; nulls are
 * pruned from objects that get added, and null list elements are kept.
 */
import { badRequest, invalidPatchValue } from './errors.ts';
import { goJsonMarshal } from './go-format.ts';
import { cloneJson, isJsonObject, type JsonObject } from './json-values.ts';

const BAD_PATCH = 'Invalid JSON Patch';

/** Decoding a non-object into the versioned Go type fails before the GroupVersionKind is known. */
const NOT_AN_OBJECT =
  'couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) {
    // The library returns the patch itself; the apiserver then cannot decode it into an object.
    throw invalidPatchValue(goJsonMarshal(pruneNulls(cloneJson(patch))), NOT_AN_OBJECT);
  }
  if (!isJsonObject(patch)) throw badRequest(BAD_PATCH);
  const patchCopy = cloneJson(patch);
  if (!isJsonObject(doc)) return pruneNulls(patchCopy);
  const result = cloneJson(doc);
  mergeInto(result, patchCopy);
  return result;
}

function mergeInto(target: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key];
      continue;
    }
    const current = target[key];
    if (current === undefined || current === null) target[key] = pruneNulls(value);
    else target[key] = mergeValue(current, value);
  }
}

function mergeValue(current: unknown, patch: unknown): unknown {
  if (!isJsonObject(current)) return pruneNulls(patch);
  // An object replaced by a non-object keeps the replacement verbatim (no pruning), as in Go.
  if (!isJsonObject(patch)) return patch;
  mergeInto(current, patch);
  return current;
}

/** Drops null members of objects at any depth; list elements that are null stay. */
function pruneNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === null ? null : pruneNulls(item)));
  if (!isJsonObject(value)) return value;
  for (const [key, member] of Object.entries(value)) {
    if (member === null) delete value[key];
    else value[key] = pruneNulls(member);
  }
  return value;
}
