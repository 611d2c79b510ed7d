/**
 * REFERENCE IMPLEMENTATION, for tests only: the managed-fields tracking as it was before it was
 * made incremental (every field set built in full, every object deep-copied, plain map-based
 * sets). The property tests run it beside the real one on random writes: both must record the
 * same managedFields byte for byte. Do not optimize it; change it only with the semantics.
 */
/**
 * metadata.managedFields as the apiserver's field manager keeps it: entries keyed by a manager
 * identifier (manager, operation, subresource, and the apiVersion for updaters only, so an
 * applier keeps one entry across versions), encoded sorted, capped at ten updaters.
 */
import type { ManagedFieldsEntry } from '../../../types.ts';
import { FieldSet } from './fieldset.ts';
import { goJsonMarshal, goQuote } from '../../go-format.ts';
import { isJsonObject } from '../../json-values.ts';
import { fieldElement } from './path-element.ts';

export type Operation = 'Apply' | 'Update';

export interface ManagerRecord {
  readonly manager: string;
  readonly operation: Operation;
  /** For appliers, the version of the last apply. */
  readonly apiVersion: string;
  /** '' for the main resource. */
  readonly subresource: string;
  readonly time: string | undefined;
  readonly set: FieldSet;
}

/** Records by manager identifier. */
export type ManagedFieldsState = Map<string, ManagerRecord>;

const MAX_UPDATE_MANAGERS = 10;
const ANCIENT_CHANGES_MANAGER = 'ancient-changes';

/** Fields no manager ever owns (the stripMeta manager's list). */
const UNTRACKED_FIELDS = FieldSet.of([
  [fieldElement('apiVersion')],
  [fieldElement('kind')],
  [fieldElement('metadata')],
  ...[
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ].map((name) => [fieldElement('metadata'), fieldElement(name)]),
]);

export function withoutUntrackedFields(set: FieldSet): FieldSet {
  return set.difference(UNTRACKED_FIELDS);
}

/** BuildManagerIdentifier: the entry's JSON without time and fields (field order of the Go type). */
export function managerIdentifier(
  manager: string,
  operation: Operation,
  apiVersion: string,
  subresource: string,
): string {
  const parts = [`"manager":${goJsonMarshal(manager)}`, `"operation":${goJsonMarshal(operation)}`];
  if (operation === 'Update' && apiVersion !== '') parts.push(`"apiVersion":${goJsonMarshal(apiVersion)}`);
  if (subresource !== '') parts.push(`"subresource":${goJsonMarshal(subresource)}`);
  return `{${parts.join(',')}}`;
}

/** How conflict messages name a manager: `"kubectl-edit" using apps/v1`, or just `"kubectl"`. */
export function describeManager(record: ManagerRecord): string {
  return record.operation === 'Update'
    ? `${goQuote(record.manager)} using ${record.apiVersion}`
    : goQuote(record.manager);
}

/** Decodes entries; undefined when one is not a valid FieldsV1 entry (the Go decoder fails). */
export function decodeManagedFields(entries: unknown): ManagedFieldsState | undefined {
  const state: ManagedFieldsState = new Map();
  if (entries === undefined || entries === null) return state;
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries) {
    if (!isJsonObject(entry) || entry.fieldsType !== 'FieldsV1' || !isJsonObject(entry.fieldsV1))
      return undefined;
    const operation: Operation = entry.operation === 'Apply' ? 'Apply' : 'Update';
    const record: ManagerRecord = {
      manager: typeof entry.manager === 'string' ? entry.manager : '',
      operation,
      apiVersion: typeof entry.apiVersion === 'string' ? entry.apiVersion : '',
      subresource: typeof entry.subresource === 'string' ? entry.subresource : '',
      time: typeof entry.time === 'string' ? entry.time : undefined,
      set: FieldSet.fromFieldsV1(entry.fieldsV1),
    };
    state.set(managerIdentifier(record.manager, operation, record.apiVersion, record.subresource), record);
  }
  return state;
}

/** Entries sorted as the apiserver writes them: operation, time, manager, apiVersion, subresource. */
export function encodeManagedFields(state: ManagedFieldsState): ManagedFieldsEntry[] {
  const records = [...state.values()].sort(compareRecords);
  return records.map((record) => {
    // `time` is optional in the API; types.ts declares it required, so the gap is bridged here.
    const entry = {
      manager: record.manager,
      operation: record.operation,
      apiVersion: record.apiVersion,
      ...(record.time === undefined ? {} : { time: record.time }),
      fieldsType: 'FieldsV1' as const,
      fieldsV1: record.set.toFieldsV1(),
      ...(record.subresource === '' ? {} : { subresource: record.subresource }),
    };
    return entry as ManagedFieldsEntry;
  });
}

function compareRecords(a: ManagerRecord, b: ManagerRecord): number {
  if (a.operation !== b.operation) return a.operation < b.operation ? -1 : 1;
  const byTime = seconds(a.time) - seconds(b.time);
  if (byTime !== 0) return byTime;
  for (const [x, y] of [
    [a.manager, b.manager],
    [a.apiVersion, b.apiVersion],
    [a.subresource, b.subresource],
  ] as const) {
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function seconds(time: string | undefined): number {
  if (time === undefined) return 0;
  const millis = Date.parse(time);
  return Number.isNaN(millis) ? 0 : Math.floor(millis / 1000);
}

/** metav1.Time serializes as RFC 3339 in UTC with whole seconds. */
export function formatTime(now: string): string {
  const date = new Date(now);
  return Number.isNaN(date.getTime()) ? now : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ManagedFields.Equals: same managers with the same versions, operations and sets. */
export function sameManagedFields(a: ManagedFieldsState, b: ManagedFieldsState): boolean {
  if (a.size !== b.size) return false;
  for (const [id, left] of a) {
    const right = b.get(id);
    if (
      !right ||
      left.apiVersion !== right.apiVersion ||
      left.operation !== right.operation ||
      !left.set.equals(right.set)
    ) {
      return false;
    }
  }
  return true;
}

/**
 * capManagersManager: beyond ten update entries, the oldest ones are merged into one
 * `ancient-changes` entry per apiVersion.
 */
export function capUpdateManagers(state: ManagedFieldsState): void {
  const updaters = [...state.entries()]
    .filter(([, record]) => record.operation === 'Update')
    .sort(([idA, a], [idB, b]) => seconds(a.time) - seconds(b.time) || (idA < idB ? -1 : idA > idB ? 1 : 0))
    .map(([id]) => id);
  let remaining = updaters.length;
  const firstByVersion = new Map<string, string>();
  for (const id of updaters) {
    if (remaining <= MAX_UPDATE_MANAGERS) break;
    const record = state.get(id);
    if (!record) continue;
    const first = firstByVersion.get(record.apiVersion);
    if (first === undefined) {
      firstByVersion.set(record.apiVersion, id);
      continue;
    }
    const bucketId = managerIdentifier(ANCIENT_CHANGES_MANAGER, 'Update', record.apiVersion, '');
    let bucketSet = state.get(bucketId)?.set;
    if (!bucketSet) {
      bucketSet = state.get(first)?.set ?? new FieldSet();
      state.delete(first);
    }
    state.set(bucketId, {
      manager: ANCIENT_CHANGES_MANAGER,
      operation: 'Update',
      apiVersion: record.apiVersion,
      subresource: '',
      time: record.time,
      set: record.set.union(bucketSet),
    });
    state.delete(id);
    remaining--;
  }
}

/**
 * isResetManagedFields: a request that sets managedFields to `[]` (or `[{}]`) asks for them to
 * be cleared.
 */
export function isResetManagedFields(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  if (value.length === 0) return true;
  const [only] = value;
  return value.length === 1 && isJsonObject(only) && Object.keys(only).length === 0;
}
