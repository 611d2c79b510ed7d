/**
 * System-owned metadata: what the server stamps on create (uid, creationTimestamp, generated
 * name) and what an update may not change. Also checks that a request body fits its URL.
 */
import type { KubeObject, ObjectMeta, StatusCause } from '../types.ts';
import { groupVersion } from '../registry/builtin-kinds.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import { splitApiVersion, type KindRegistry } from '../registry/kind-registry.ts';
import { generateNameFrom, newUid } from '../store/names.ts';
import { badRequest, invalid } from './errors.ts';
import { timestamp } from './request-context.ts';
import { deepCopy } from '../store/deep-copy.ts';

/**
 * Checks a decoded body against `kind` and fills apiVersion/kind when absent (the URL determines
 * the type, as on the real server). The body becomes the object being written: callers hand
 * over a private copy (the HTTP layer's freshly parsed body, the in-process client's clone).
 * With the `registry`, a create or update body of a built-in kind is typed the way the
 * apiserver's decoder types it (see checkBodyType).
 */
export function decodeBodyAs(kind: ServedKind, body: unknown, registry?: KindRegistry): KubeObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
  }
  const object = body as KubeObject;
  const expected = groupVersion(kind);
  if (registry !== undefined && !kind.custom) checkBodyType(kind, object, registry);
  if (object.apiVersion !== undefined && object.apiVersion !== expected) {
    const [group] = splitApiVersion(String(object.apiVersion));
    if (group !== kind.group || !kind.custom) {
      throw badRequest(
        `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${expected})`,
      );
    }
  }
  if (object.kind !== undefined && object.kind !== kind.kind) {
    throw badRequest(
      `the kind in the data (${String(object.kind)}) does not match the expected kind (${kind.kind})`,
    );
  }
  object.apiVersion = kind.custom ? `${kind.group}/${kind.storageVersion}` : expected;
  object.kind = kind.kind;
  if (object.metadata === null || typeof object.metadata !== 'object') object.metadata = {};
  return object;
}

/** The scheme kube-apiserver registers the built-in kinds in, as its errors name it. */
const LEGACY_SCHEME = 'pkg/api/legacyscheme/scheme.go:30';

/** The Go package of a group's internal types (`core.ConfigMap`, `apps.Deployment`). */
function internalPackage(group: string): string {
  if (group === '' || group === 'events.k8s.io') return 'core';
  if (group === 'internal.apiserver.k8s.io') return 'apiserverinternal';
  return group.split('.')[0] ?? group;
}

/**
 * The body's apiVersion and kind (defaulted from the URL's, gvkWithDefaults) against the URL's,
 * as the apiserver's create and update handlers decide:
 * - a kind the scheme does not know in that version: the serializer cannot create it
 *   (`… cannot be handled as a ConfigMap: no kind "ConfigMap" is registered for version "v9"…`);
 * - another known kind: there is no conversion into the URL's type
 *   (`Secret in version "v1" cannot be handled as a ConfigMap: converting (v1.Secret) to
 *   (core.ConfigMap): unknown conversion`);
 * - the same kind in another version: decoded and converted, then refused because the handler
 *   only accepts its own version (a core/v1 Event posted to events.k8s.io/v1: `the API version
 *   in the data (v1) does not match the expected API version (events.k8s.io/v1)`).
 * The served kinds stand for the scheme (list kinds of served kinds too): versions the real
 * scheme still registers but kube-sim does not serve (apps/v1beta1…) count as unknown.
 */
function checkBodyType(kind: ServedKind, object: KubeObject, registry: KindRegistry): void {
  const bodyKind = typeof object.kind === 'string' && object.kind !== '' ? object.kind : kind.kind;
  const [group, given] =
    typeof object.apiVersion === 'string' && object.apiVersion !== ''
      ? splitApiVersion(object.apiVersion)
      : [kind.group, kind.version];
  const version = given === '' && group === kind.group ? kind.version : given;
  if (group === kind.group && version === kind.version && bodyKind === kind.kind) return;
  const apiVersion = group === '' ? version : `${group}/${version}`;
  const known = (k: string): boolean => registry.byKind(apiVersion, k) !== undefined;
  const registered = known(bodyKind) || (bodyKind.endsWith('List') && known(bodyKind.slice(0, -4)));
  const cannot = `${bodyKind} in version ${JSON.stringify(version)} cannot be handled as a ${kind.kind}`;
  if (!registered) {
    throw badRequest(
      `${cannot}: no kind ${JSON.stringify(bodyKind)} is registered for version ${JSON.stringify(apiVersion)} in scheme ${JSON.stringify(LEGACY_SCHEME)}`,
    );
  }
  if (bodyKind !== kind.kind) {
    throw badRequest(
      `${cannot}: converting (${version}.${bodyKind}) to (${internalPackage(kind.group)}.${kind.kind}): unknown conversion`,
    );
  }
  throw badRequest(
    `the API version in the data (${apiVersion}) does not match the expected API version (${groupVersion(kind)})`,
  );
}

/** Puts the URL's namespace on the object, refusing a different one. */
export function placeInNamespace(kind: ServedKind, object: KubeObject, namespace: string): void {
  if (!kind.namespaced) {
    delete object.metadata.namespace;
    return;
  }
  const given = object.metadata.namespace;
  if (given !== undefined && given !== '' && given !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  object.metadata.namespace = namespace;
}

export function fillCreateMeta(object: KubeObject, now: Date): void {
  const meta = object.metadata;
  if (meta.resourceVersion !== undefined && meta.resourceVersion !== '') {
    throw badRequest('resourceVersion should not be set on objects to be created');
  }
  delete meta.resourceVersion;
  if ((meta.name === undefined || meta.name === '') && meta.generateName) {
    meta.name = generateNameFrom(meta.generateName);
  }
  meta.uid = newUid();
  meta.creationTimestamp = timestamp(now);
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
}

/** Regenerates the name of a generateName create that collided with an existing object. */
export function regenerateName(object: KubeObject): boolean {
  const prefix = object.metadata.generateName;
  if (!prefix) return false;
  object.metadata.name = generateNameFrom(prefix);
  return true;
}

const IMMUTABLE_META: Array<keyof ObjectMeta> = ['uid', 'creationTimestamp', 'deletionTimestamp'];

/**
 * Copies system fields the client left out from the stored object and rejects changes to
 * immutable ones (`metadata.uid: Invalid value: ...: field is immutable`).
 */
export function carryUpdateMeta(kind: ServedKind, object: KubeObject, old: KubeObject): void {
  const meta = object.metadata;
  const causes: StatusCause[] = [];
  for (const field of IMMUTABLE_META) {
    const before = old.metadata[field];
    const after = meta[field];
    if (after === undefined || after === '') {
      if (before === undefined) delete meta[field];
      else (meta as Record<string, unknown>)[field] = before;
    } else if (field !== 'uid' && typeof after === 'string' && sameInstant(after, before)) {
      // Clients re-serialise times (client-node writes "…T10:00:00.000Z"); the value is what counts.
      (meta as Record<string, unknown>)[field] = before;
    } else if (after !== before && field !== 'deletionTimestamp') {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(after)}: field is immutable`,
        field: `metadata.${field}`,
      });
    } else if (after !== before) {
      (meta as Record<string, unknown>)[field] = before;
    }
  }
  if (old.metadata.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
  else meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  if (meta.generateName === undefined && old.metadata.generateName !== undefined) {
    meta.generateName = old.metadata.generateName;
  }
  if (meta.managedFields === undefined && old.metadata.managedFields !== undefined) {
    meta.managedFields = deepCopy(old.metadata.managedFields);
  }
  if (causes.length > 0) throw invalid(kind, old.metadata.name ?? '', causes);
}

function sameInstant(a: string, b: unknown): boolean {
  return typeof b === 'string' && Date.parse(a) === Date.parse(b);
}

/** Finalizers that still hold an object (namespaces also wait for spec.finalizers). */
export function pendingFinalizers(kind: ServedKind, object: KubeObject): number {
  let count = object.metadata.finalizers?.length ?? 0;
  if (kind.group === '' && kind.kind === 'Namespace') {
    const spec = object.spec as { finalizers?: unknown[] } | undefined;
    count += spec?.finalizers?.length ?? 0;
  }
  return count;
}
