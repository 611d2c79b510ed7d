/**
 * Strategic merge patch errors and how the apiserver reports them
 * (interpretStrategicMergePatchError): four malformed-directive errors are 400, lists of
 * lists are 422, and everything else reaches the client as a bare 500.
 */
import { badRequest, internalError, unprocessable, type PatchError } from './errors.ts';
import { goStringVerb, goTypeName, goValueString } from './go-format.ts';

export const BAD_JSON_DOC = 'invalid JSON document';
export const NO_LIST_OF_LISTS = 'lists of lists are not supported';
export const BAD_PRIMITIVE_LIST_FORMAT = 'invalid patch format of primitive list';
export const BAD_RETAIN_KEYS_FORMAT = 'invalid patch format of retainKeys';
export const BAD_SET_ELEMENT_ORDER_FORMAT = 'invalid patch format of setElementOrder list';

const BAD_REQUEST_MESSAGES = new Set([
  BAD_JSON_DOC,
  BAD_PRIMITIVE_LIST_FORMAT,
  BAD_RETAIN_KEYS_FORMAT,
  BAD_SET_ELEMENT_ORDER_FORMAT,
]);

/** The PatchError the apiserver answers for a strategic merge error with this text. */
export function strategicError(message: string): PatchError {
  if (BAD_REQUEST_MESSAGES.has(message)) return badRequest(message);
  if (message === NO_LIST_OF_LISTS) return unprocessable(message);
  return internalError(message);
}

/** mergepatch.ErrBadArgType */
export function badArgType(expectedGoType: string, actual: unknown): PatchError {
  return strategicError(`expected a ${expectedGoType}, but received a ${goTypeName(actual)}`);
}

/** mergepatch.ErrNoMergeKey */
export function noMergeKey(item: unknown, mergeKey: string): PatchError {
  return strategicError(`map: ${goValueString(item)} does not contain declared merge key: ${mergeKey}`);
}

/** mergepatch.ErrBadPatchType */
export function badPatchType(directive: unknown, patch: unknown): PatchError {
  return strategicError(`unknown patch type: ${goStringVerb(directive)} in map: ${goValueString(patch)}`);
}

export const MAP_TYPE = 'map[string]interface {}';
export const SLICE_TYPE = '[]interface {}';
