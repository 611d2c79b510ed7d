/** What every API operation needs: one cluster's store, kinds, clock, admission and modules. */
import type { Clock, KubeObject } from '../types.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { KindRegistry } from '../registry/kind-registry.ts';
import { groupVersion } from '../registry/builtin-kinds.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import type { AdmissionChain } from './admission.ts';
import type { Modules } from './modules.ts';
import { notFound, type ResourceRef } from './errors.ts';

export interface ApiSettings {
  /**
   * Pods bound to a node are deleted gracefully (deletionTimestamp first, removal by the
   * kubelet). Off until a kubelet simulation runs: without one, pods are removed at once.
   */
  gracefulPodDeletion: boolean;
}

export interface ApiDeps {
  store: ObjectStore;
  registry: KindRegistry;
  clock: Clock;
  admission: AdmissionChain;
  modules: Modules;
  settings: ApiSettings;
}

export function refOf(kind: ServedKind, name?: string): ResourceRef {
  return name === undefined
    ? { group: kind.group, resource: kind.resource }
    : { group: kind.group, resource: kind.resource, name };
}

/** The namespace objects of `kind` live in ('' for cluster-scoped kinds). */
export function scopeNamespace(kind: ServedKind, namespace: string | undefined): string {
  return kind.namespaced ? (namespace ?? '') : '';
}

/** Presents a stored object in the requested version (CRDs convert with strategy None). */
export function asVersion(kind: ServedKind, object: KubeObject): KubeObject {
  const apiVersion = groupVersion(kind);
  return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
}

export function requireObject(deps: ApiDeps, kind: ServedKind, namespace: string, name: string): KubeObject {
  const object = deps.store.get(kind.storageKey, scopeNamespace(kind, namespace), name);
  if (object === undefined) throw notFound(refOf(kind, name));
  return object;
}
