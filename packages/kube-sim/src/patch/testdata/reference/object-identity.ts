/**
 * REFERENCE IMPLEMENTATION, for tests only: the managed-fields tracking as it was before it was
 * made incremental (every field set built in full, every object deep-copied, plain map-based
 * sets). The property tests run it beside the real one on random writes: both must record the
 * same managedFields byte for byte. Do not optimize it; change it only with the semantics.
 */
/** Small object-level helpers shared by apply and update tracking. */
import type { KubeObject, ManagedFieldsEntry } from '../../../types.ts';
import { cloneJson, isJsonObject, type JsonObject } from '../../json-values.ts';

/** A copy of the object without metadata.managedFields ({} for a missing object). */
export function withoutManagedFields(object: KubeObject | undefined): JsonObject {
  if (!object) return {};
  const copy = cloneJson(object) as JsonObject;
  if (isJsonObject(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

/** Sets (or, when there are none, removes) metadata.managedFields. */
export function withManagedFields(object: JsonObject, entries: ManagedFieldsEntry[]): KubeObject {
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  if (entries.length > 0) metadata.managedFields = entries;
  else delete metadata.managedFields;
  object.metadata = metadata;
  return object as KubeObject;
}

/** objectGVKNN: `default/nginx; apps/v1, Kind=Deployment`. */
export function describeObject(object: JsonObject): string {
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  return `${text(metadata.namespace)}/${text(metadata.name)}; ${describeKind(object)}`;
}

/** GroupVersionKind.String(): `apps/v1, Kind=Deployment`, `/v1, Kind=Pod` for the core group. */
export function describeKind(object: JsonObject): string {
  const apiVersion = text(object.apiVersion);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return `${group}/${version}, Kind=${text(object.kind)}`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
