/**
 * The API of one cluster, independent of HTTP: every verb on every served kind and subresource.
 * The HTTP server and the in-process client both call into this class, so both get the same
 * admission, validation, resourceVersions and watch events. All writes are synchronous: a
 * request reads, admits and commits without other requests interleaving.
 *
 * Request bodies passed to writes are taken over (they become the stored object); pass a copy
 * of anything you keep using.
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import type { ApiDeps } from './api-deps.ts';
import { getObject, listObjects, type ListResult } from './reads.ts';
import { createObject, updateObject, type WriteArgs } from './writes.ts';
import { patchObject, type PatchArgs, type PatchType } from './patches.ts';
import { deleteCollection, deleteObject, type DeleteOptions, type DeleteResult } from './deletes.ts';
import { startWatch, type WatchHandle, type WatchSettings, type WatchSink } from './watches.ts';
import type { ListOptions } from './list-options.ts';
import { methodNotSupported, resourceNotFound } from './errors.ts';
import type { RequestContext } from './request-context.ts';

/** Serves one subresource (scale, eviction, token…) of the kinds it is registered for. */
export interface SubresourceHandler {
  get?(kind: ServedKind, namespace: string, name: string, ctx: RequestContext): KubeObject;
  update?(kind: ServedKind, namespace: string, name: string, body: unknown, args: WriteArgs): KubeObject;
  patch?(
    kind: ServedKind,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    args: PatchArgs,
  ): KubeObject;
  create?(kind: ServedKind, namespace: string, name: string, body: unknown, args: WriteArgs): unknown;
}

/** Serves get and list of a kind that is computed, not stored (metrics.k8s.io). */
export interface VirtualReads {
  get(namespace: string, name: string): KubeObject;
  list(namespace: string | undefined, options: ListOptions): ListResult;
}

/** Answers a create on a kind that is not stored (access reviews, token reviews). */
export type VirtualCreate = (
  kind: ServedKind,
  namespace: string,
  body: unknown,
  args: WriteArgs,
) => KubeObject;

export class ResourceApi {
  readonly deps: ApiDeps;
  readonly watchSettings: WatchSettings;
  private readonly subresources = new Map<string, SubresourceHandler>();
  private readonly virtualKinds = new Map<string, VirtualCreate>();
  private readonly virtualReads = new Map<string, VirtualReads>();

  constructor(deps: ApiDeps, watchSettings: WatchSettings = { bookmarkIntervalMs: 60_000 }) {
    this.deps = deps;
    this.watchSettings = watchSettings;
  }

  /** Resolves a URL's group/version/resource; unknown → the real 404 body. */
  kind(group: string, version: string, resource: string): ServedKind {
    const kind = this.deps.registry.lookup(group, version, resource);
    if (kind === undefined) throw resourceNotFound();
    return kind;
  }

  /** Registers a subresource handler: `kindMatcher` selects the kinds it serves. */
  registerSubresource(subresource: string, handler: SubresourceHandler, storageKey = '*'): void {
    this.subresources.set(`${storageKey}|${subresource}`, handler);
  }

  registerVirtualKind(storageKey: string, create: VirtualCreate): void {
    this.virtualKinds.set(storageKey, create);
  }

  registerVirtualReads(storageKey: string, reads: VirtualReads): void {
    this.virtualReads.set(storageKey, reads);
  }

  subresource(kind: ServedKind, subresource: string): SubresourceHandler | undefined {
    if (!(kind.subresources ?? []).includes(subresource)) return undefined;
    return (
      this.subresources.get(`${kind.storageKey}|${subresource}`) ?? this.subresources.get(`*|${subresource}`)
    );
  }

  get(kind: ServedKind, namespace: string, name: string): KubeObject {
    this.requireVerb(kind, 'get');
    const virtual = this.virtualReads.get(kind.storageKey);
    if (virtual !== undefined) return virtual.get(namespace, name);
    return getObject(this.deps, kind, namespace, name);
  }

  list(kind: ServedKind, namespace: string | undefined, options: ListOptions): ListResult {
    this.requireVerb(kind, 'list');
    const virtual = this.virtualReads.get(kind.storageKey);
    if (virtual !== undefined) return virtual.list(namespace, options);
    return listObjects(this.deps, kind, namespace, options);
  }

  watch(kind: ServedKind, namespace: string | undefined, options: ListOptions, sink: WatchSink): WatchHandle {
    this.requireVerb(kind, 'watch');
    return startWatch(this.deps, kind, namespace, options, sink, this.watchSettings);
  }

  create(kind: ServedKind, namespace: string, body: unknown, args: WriteArgs): KubeObject {
    this.requireVerb(kind, 'create');
    const virtual = this.virtualKinds.get(kind.storageKey);
    if (virtual !== undefined) return virtual(kind, namespace, body, args);
    return createObject(this.deps, kind, namespace, body, args);
  }

  update(kind: ServedKind, namespace: string, name: string, body: unknown, args: WriteArgs): KubeObject {
    this.requireVerb(kind, 'update');
    return updateObject(this.deps, kind, namespace, name, body, args);
  }

  updateStatus(
    kind: ServedKind,
    namespace: string,
    name: string,
    body: unknown,
    args: WriteArgs,
  ): KubeObject {
    this.requireSubresource(kind, 'status');
    return updateObject(this.deps, kind, namespace, name, body, args, 'status');
  }

  patch(
    kind: ServedKind,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    args: PatchArgs,
    subresource?: 'status',
  ): KubeObject {
    if (subresource === undefined) this.requireVerb(kind, 'patch');
    else this.requireSubresource(kind, subresource);
    return patchObject(this.deps, kind, namespace, name, type, patch, args, subresource);
  }

  delete(
    kind: ServedKind,
    namespace: string,
    name: string,
    options: DeleteOptions,
    args: WriteArgs,
  ): DeleteResult {
    this.requireVerb(kind, 'delete');
    return deleteObject(this.deps, kind, namespace, name, options, args);
  }

  deleteCollection(
    kind: ServedKind,
    namespace: string | undefined,
    listOptions: ListOptions,
    options: DeleteOptions,
    args: WriteArgs,
  ): KubeObject[] {
    this.requireVerb(kind, 'deletecollection');
    return deleteCollection(this.deps, kind, namespace, listOptions, options, args);
  }

  private requireVerb(kind: ServedKind, verb: ServedKind['verbs'][number]): void {
    if (!kind.verbs.includes(verb)) throw methodNotSupported(kind, verb);
  }

  private requireSubresource(kind: ServedKind, subresource: string): void {
    if (!(kind.subresources ?? []).includes(subresource)) throw resourceNotFound();
  }
}
