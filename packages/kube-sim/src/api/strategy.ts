/**
 * What the server itself does to an object on create and update, before admission and
 * validation (the real server's per-kind "strategies"): initial status, the split between the
 * main resource and the status subresource, and metadata.generation.
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import { podQosClass } from './pod-qos.ts';

/** Kinds whose create keeps the client's status (nodes register themselves with status). */
const KEEPS_STATUS_ON_CREATE = new Set(['/Node', '/Event']);

function initialStatus(kind: ServedKind, object: KubeObject): unknown {
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  switch (`${kind.group}/${kind.kind}`) {
    case '/Pod':
      return { phase: 'Pending', qosClass: podQosClass(spec) };
    case '/Namespace':
      return { phase: 'Active' };
    case '/PersistentVolume':
      return { phase: 'Pending' };
    case '/PersistentVolumeClaim':
      return { phase: 'Pending' };
    case '/Service':
      return { loadBalancer: {} };
    default:
      return kind.custom ? undefined : {};
  }
}

export function prepareForCreate(kind: ServedKind, object: KubeObject): void {
  if (kind.hasStatus && !KEEPS_STATUS_ON_CREATE.has(`${kind.group}/${kind.kind}`)) {
    const status = initialStatus(kind, object);
    if (status === undefined) delete object.status;
    else object.status = status;
  }
  if (kind.kind === 'Namespace' && kind.group === '') {
    // Copied rather than edited: a body's nested values may be frozen ones shared with the store.
    const spec = (object.spec ?? {}) as Record<string, unknown>;
    object.spec = Array.isArray(spec.finalizers) ? spec : { ...spec, finalizers: ['kubernetes'] };
  }
  if (tracksGeneration(kind)) object.metadata.generation = 1;
  else delete object.metadata.generation;
}

function tracksGeneration(kind: ServedKind): boolean {
  return kind.tracksGeneration || kind.custom;
}

/** Main-resource update: status comes from the stored object when status is a subresource. */
export function prepareForUpdate(kind: ServedKind, object: KubeObject, old: KubeObject): void {
  if (kind.hasStatus) {
    if (old.status === undefined) delete object.status;
    else object.status = old.status;
  }
  bumpGeneration(kind, object, old);
}

/**
 * Status-subresource update: only .status changes; everything else is the stored object's.
 * Only the top level and metadata are copied: the rest stays shared with (frozen) `old`.
 */
export function prepareForStatusUpdate(object: KubeObject, old: KubeObject): KubeObject {
  const result: KubeObject = { ...old, metadata: { ...old.metadata } };
  if (object.status === undefined) delete result.status;
  else result.status = object.status;
  if (object.metadata.resourceVersion !== undefined) {
    result.metadata.resourceVersion = object.metadata.resourceVersion;
  }
  if (object.metadata.managedFields !== undefined)
    result.metadata.managedFields = object.metadata.managedFields;
  return result;
}

export function bumpGeneration(kind: ServedKind, object: KubeObject, old: KubeObject): void {
  if (!tracksGeneration(kind)) {
    if (old.metadata.generation === undefined) delete object.metadata.generation;
    else object.metadata.generation = old.metadata.generation;
    return;
  }
  const oldGeneration = old.metadata.generation ?? 1;
  object.metadata.generation = specChanged(kind, object, old) ? oldGeneration + 1 : oldGeneration;
}

/** Anything outside metadata (and status, when status is a subresource) counts as spec. */
function specChanged(kind: ServedKind, object: KubeObject, old: KubeObject): boolean {
  const keys = new Set([...Object.keys(object), ...Object.keys(old)]);
  for (const key of keys) {
    if (key === 'metadata' || key === 'apiVersion' || key === 'kind') continue;
    if (key === 'status' && kind.hasStatus) continue;
    if (!deepEqual(object[key], old[key])) return true;
  }
  return false;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual(ra[k], rb[k]));
}
