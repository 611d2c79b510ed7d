/**
 * RFC 6902 JSON patch with the behaviour of gopkg.in/evanphx/json-patch.v4 as the apiserver
 * runs it: the same error texts, and the same leniencies (`replace` of a missing object key
 * adds it, negative array indices count from the end, `test` against a missing key passes
 * when the expected value is null).
 */
import { badRequest, requestEntityTooLarge, unprocessable } from './errors.ts';
import { goUnmarshalTypeError } from './go-format.ts';
import {
  addChild,
  findContainer,
  getChild,
  removeChild,
  setChild,
  type Container,
  type Outcome,
} from './json-pointer.ts';
import { cloneJson, isJsonObject, jsonEqual, type JsonObject } from './json-values.ts';

/** The apiserver refuses larger patches before applying anything. */
const MAX_OPERATIONS = 10000;
const MISSING_VALUE = 'missing value';

interface PatchState {
  root: Container;
}

/**
 * Applies `ops` to a copy of `doc`. Throws PatchError: BadRequest when `ops` is not a list of
 * operation objects, Invalid (422) when an operation cannot be applied.
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  const operations = decodeOperations(ops);
  if (!Array.isArray(doc) && !isJsonObject(doc)) {
    throw unprocessable(goUnmarshalTypeError(doc, 'jsonpatch.partialDoc'));
  }
  const state: PatchState = { root: cloneJson(doc) };
  for (const operation of operations) {
    const failure = applyOperation(state, operation);
    if (failure !== undefined) throw unprocessable(failure);
  }
  return state.root;
}

function decodeOperations(ops: unknown): JsonObject[] {
  // json.Unmarshal of `null` into a slice leaves it empty: a no-op patch.
  if (ops === null) return [];
  if (!Array.isArray(ops)) throw badRequest(goUnmarshalTypeError(ops, 'jsonpatch.Patch'));
  const operations = ops.map((op) => {
    if (op === null) return {};
    if (!isJsonObject(op)) throw badRequest(goUnmarshalTypeError(op, 'jsonpatch.Operation'));
    return op;
  });
  if (operations.length > MAX_OPERATIONS) {
    throw requestEntityTooLarge(
      `The allowed maximum operations in a JSON patch is ${MAX_OPERATIONS}, got ${operations.length}`,
    );
  }
  return operations;
}

/** Returns the library's error text, or undefined when the operation applied. */
function applyOperation(state: PatchState, op: JsonObject): string | undefined {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  switch (kind) {
    case 'add':
      return add(state, op);
    case 'remove':
      return remove(state, op);
    case 'replace':
      return replace(state, op);
    case 'move':
      return move(state, op);
    case 'copy':
      return copy(state, op);
    case 'test':
      return test(state, op);
    default:
      return `Unexpected kind: ${kind}`;
  }
}

function readPointer(op: JsonObject, field: 'path' | 'from'): Outcome<string> {
  const raw = op[field];
  if (raw === undefined || raw === null) {
    const text = field === 'path' ? 'operation missing path field' : 'operation, missing from field';
    return { ok: false, error: `${text}: ${MISSING_VALUE}` };
  }
  if (typeof raw !== 'string') return { ok: false, error: goUnmarshalTypeError(raw, 'string') };
  return { ok: true, value: raw };
}

/** The operation's value; an absent `value` member behaves as JSON null. */
function valueOf(op: JsonObject): unknown {
  return cloneJson(op.value ?? null);
}

function add(state: PatchState, op: JsonObject): string | undefined {
  const path = readPointer(op, 'path');
  if (!path.ok) return `add operation failed to decode path: ${MISSING_VALUE}`;
  const location = findContainer(state.root, path.value);
  if (!location)
    return `add operation does not apply: doc is missing path: "${path.value}": ${MISSING_VALUE}`;
  const added = addChild(location.container, location.key, valueOf(op));
  return added.ok ? undefined : `error in add for path: '${path.value}': ${added.error}`;
}

function remove(state: PatchState, op: JsonObject): string | undefined {
  const path = readPointer(op, 'path');
  if (!path.ok) return `remove operation failed to decode path: ${MISSING_VALUE}`;
  const location = findContainer(state.root, path.value);
  if (!location)
    return `remove operation does not apply: doc is missing path: "${path.value}": ${MISSING_VALUE}`;
  const removed = removeChild(location.container, location.key);
  return removed.ok ? undefined : `error in remove for path: '${path.value}': ${removed.error}`;
}

function replace(state: PatchState, op: JsonObject): string | undefined {
  const path = readPointer(op, 'path');
  if (!path.ok) return `replace operation failed to decode path: ${path.error}`;
  if (path.value === '') {
    // The library swaps the whole document, and silently ignores a scalar replacement.
    const value = valueOf(op);
    if (Array.isArray(value) || isJsonObject(value)) state.root = value;
    return undefined;
  }
  const location = findContainer(state.root, path.value);
  if (!location)
    return `replace operation does not apply: doc is missing path: ${path.value}: ${MISSING_VALUE}`;
  if (!getChild(location.container, location.key).ok) {
    return `replace operation does not apply: doc is missing key: ${path.value}: ${MISSING_VALUE}`;
  }
  const replaced = setChild(location.container, location.key, valueOf(op));
  return replaced.ok ? undefined : `error in remove for path: '${path.value}': ${replaced.error}`;
}

function move(state: PatchState, op: JsonObject): string | undefined {
  const from = readPointer(op, 'from');
  if (!from.ok) return `move operation failed to decode from: ${from.error}`;
  const source = findContainer(state.root, from.value);
  if (!source)
    return `move operation does not apply: doc is missing from path: ${from.value}: ${MISSING_VALUE}`;
  const value = getChild(source.container, source.key);
  if (!value.ok) return `error in move for path: '${source.key}': ${value.error}`;
  const removed = removeChild(source.container, source.key);
  if (!removed.ok) return `error in move for path: '${source.key}': ${removed.error}`;
  const path = readPointer(op, 'path');
  if (!path.ok) return `move operation failed to decode path: ${path.error}`;
  const target = findContainer(state.root, path.value);
  if (!target) {
    return `move operation does not apply: doc is missing destination path: ${path.value}: ${MISSING_VALUE}`;
  }
  const added = addChild(target.container, target.key, value.value);
  return added.ok ? undefined : `error in move for path: '${path.value}': ${added.error}`;
}

function copy(state: PatchState, op: JsonObject): string | undefined {
  const from = readPointer(op, 'from');
  if (!from.ok) return `copy operation failed to decode from: ${from.error}`;
  const source = findContainer(state.root, from.value);
  if (!source)
    return `copy operation does not apply: doc is missing from path: ${from.value}: ${MISSING_VALUE}`;
  const value = getChild(source.container, source.key);
  if (!value.ok) return `error in copy for from: '${from.value}': ${value.error}`;
  const path = readPointer(op, 'path');
  if (!path.ok) return `copy operation failed to decode path: ${MISSING_VALUE}`;
  const target = findContainer(state.root, path.value);
  if (!target) {
    return `copy operation does not apply: doc is missing destination path: ${path.value}: ${MISSING_VALUE}`;
  }
  const added = addChild(target.container, target.key, cloneJson(value.value));
  return added.ok ? undefined : `error while adding value during copy: ${added.error}`;
}

function test(state: PatchState, op: JsonObject): string | undefined {
  const path = readPointer(op, 'path');
  if (!path.ok) return `test operation failed to decode path: ${path.error}`;
  const failed = `testing value ${path.value} failed: test failed`;
  const expected = op.value ?? null;
  if (path.value === '') return jsonEqual(state.root, expected) ? undefined : failed;
  const location = findContainer(state.root, path.value);
  if (!location) return `test operation does not apply: is missing path: ${path.value}: ${MISSING_VALUE}`;
  const actual = getChild(location.container, location.key);
  if (!actual.ok) return `error in test for path: '${path.value}': ${actual.error}`;
  if (!Object.hasOwn(op, 'value') && actual.value !== null) return failed;
  return jsonEqual(actual.value, expected) ? undefined : failed;
}
