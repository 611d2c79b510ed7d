/**
 * The in-process client controllers act through. It calls the same ResourceApi as the HTTP
 * server — admission, validation, resourceVersions, conflicts and watch events are identical —
 * without HTTP. Errors are the ApiErrors a remote client would see (err.code, err.reason).
 *
 * Objects returned by reads and watches are frozen (shared with the store): copy before editing,
 * e.g. `const pod = structuredClone(await client.get(...))`. Objects passed to writes are never
 * modified.
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import { splitApiVersion } from '../registry/kind-registry.ts';
import type { ResourceApi } from '../api/resource-api.ts';
import { resourceNotFound } from '../api/errors.ts';
import { CONTROLLER_USER, newContext, type UserInfo, type WriteOptions } from '../api/request-context.ts';
import { defaultListOptions, type ListOptions } from '../api/list-options.ts';
import { parseLabelSelector } from '../selectors/label-selector.ts';
import { parseFieldSelector } from '../selectors/field-selector.ts';
import type { ListResult } from '../api/reads.ts';
import type { DeleteOptions, DeleteResult } from '../api/deletes.ts';
import { APPLY_PATCH, JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH } from '../api/patches.ts';
import type { WriteArgs } from '../api/writes.ts';
import { QueuedWatch, type WatchEvent } from './queued-watch.ts';
import { copyForHandOver, deepCopy } from '../store/deep-copy.ts';

/** Names a kind: apiVersion plus Kind (`Deployment`) or plural resource (`deployments`). */
export interface KindRef {
  apiVersion: string;
  kind: string;
}

export interface ObjectRef extends KindRef {
  namespace?: string;
  name: string;
}

export interface ClientListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
}

export interface ClientWatchOptions extends ClientListOptions {
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
}

export interface ClientWriteOptions extends WriteOptions {
  subresource?: 'status';
}

export type PatchKind = 'json' | 'merge' | 'strategic' | 'apply';

const PATCH_TYPES = {
  json: JSON_PATCH,
  merge: MERGE_PATCH,
  strategic: STRATEGIC_MERGE_PATCH,
  apply: APPLY_PATCH,
} as const;

export class InternalClient {
  readonly api: ResourceApi;
  readonly user: UserInfo;
  private readonly fieldManager: string;

  constructor(api: ResourceApi, options: { user?: UserInfo; fieldManager?: string } = {}) {
    this.api = api;
    this.user = options.user ?? CONTROLLER_USER;
    this.fieldManager = options.fieldManager ?? 'kube-sim';
  }

  /** A client acting as another identity or field manager (e.g. one per controller). */
  withIdentity(options: { user?: UserInfo; fieldManager?: string }): InternalClient {
    return new InternalClient(this.api, { user: this.user, fieldManager: this.fieldManager, ...options });
  }

  /** Resolves `{ apiVersion: 'apps/v1', kind: 'Deployment' }` (or a plural resource name). */
  kind(ref: KindRef): ServedKind {
    const [group, version] = splitApiVersion(ref.apiVersion);
    const kinds = this.api.deps.registry.all();
    const found =
      kinds.find((k) => k.group === group && k.version === version && k.kind === ref.kind) ??
      kinds.find((k) => k.group === group && k.version === version && k.resource === ref.kind);
    if (found === undefined) throw resourceNotFound();
    return found;
  }

  async get(ref: ObjectRef): Promise<KubeObject> {
    return this.api.get(this.kind(ref), ref.namespace ?? '', ref.name);
  }

  /** undefined instead of a 404. */
  async tryGet(ref: ObjectRef): Promise<KubeObject | undefined> {
    const kind = this.kind(ref);
    return this.api.deps.store.get(
      kind.storageKey,
      kind.namespaced ? (ref.namespace ?? '') : '',
      ref.name,
    ) === undefined
      ? undefined
      : this.api.get(kind, ref.namespace ?? '', ref.name);
  }

  async list(ref: KindRef, options: ClientListOptions = {}): Promise<ListResult> {
    return this.api.list(this.kind(ref), options.namespace, listOptions(options));
  }

  /** Watches; events arrive asynchronously, in order. A 410 arrives as an ERROR event, then the watch ends. */
  watch(
    ref: KindRef,
    options: ClientWatchOptions,
    onEvent: (event: WatchEvent) => void,
    onEnd?: () => void,
  ): { stop(): void } {
    const queued = new QueuedWatch(onEvent, onEnd);
    const handle = this.api.watch(this.kind(ref), options.namespace, listOptions(options), queued);
    queued.attach(handle);
    return queued;
  }

  async create(object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const kind = this.kind(object);
    return this.api.create(
      kind,
      object.metadata.namespace ?? '',
      copyForHandOver(object),
      this.args(options),
    );
  }

  async update(object: KubeObject, options: ClientWriteOptions = {}): Promise<KubeObject> {
    const kind = this.kind(object);
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name ?? '';
    const body = copyForHandOver(object);
    if (options.subresource === 'status')
      return this.api.updateStatus(kind, namespace, name, body, this.args(options));
    return this.api.update(kind, namespace, name, body, this.args(options));
  }

  async updateStatus(object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    return this.update(object, { ...options, subresource: 'status' });
  }

  async patch(
    ref: ObjectRef,
    type: PatchKind,
    patch: unknown,
    options: ClientWriteOptions & { force?: boolean } = {},
  ): Promise<KubeObject> {
    const args = { ...this.args(options), ...(options.force === undefined ? {} : { force: options.force }) };
    return this.api.patch(
      this.kind(ref),
      ref.namespace ?? '',
      ref.name,
      PATCH_TYPES[type],
      deepCopy(patch),
      args,
      options.subresource,
    );
  }

  async delete(ref: ObjectRef, options: DeleteOptions & WriteOptions = {}): Promise<DeleteResult> {
    return this.api.delete(this.kind(ref), ref.namespace ?? '', ref.name, options, this.args(options));
  }

  async deleteCollection(
    ref: KindRef,
    list: ClientListOptions,
    options: DeleteOptions & WriteOptions = {},
  ): Promise<KubeObject[]> {
    return this.api.deleteCollection(
      this.kind(ref),
      list.namespace,
      listOptions(list),
      options,
      this.args(options),
    );
  }

  /** POST to a subresource: pods/binding, pods/eviction, serviceaccounts/token… */
  async createSubresource(
    ref: ObjectRef,
    subresource: string,
    body: unknown,
    options: WriteOptions = {},
  ): Promise<unknown> {
    const kind = this.kind(ref);
    const handler = this.api.subresource(kind, subresource);
    if (handler?.create === undefined) throw resourceNotFound();
    return handler.create(kind, ref.namespace ?? '', ref.name, deepCopy(body), this.args(options));
  }

  async getScale(ref: ObjectRef): Promise<KubeObject> {
    const kind = this.kind(ref);
    const handler = this.api.subresource(kind, 'scale');
    if (handler?.get === undefined) throw resourceNotFound();
    return handler.get(kind, ref.namespace ?? '', ref.name, newContext(this.user));
  }

  async updateScale(ref: ObjectRef, scale: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const kind = this.kind(ref);
    const handler = this.api.subresource(kind, 'scale');
    if (handler?.update === undefined) throw resourceNotFound();
    return handler.update(kind, ref.namespace ?? '', ref.name, deepCopy(scale), this.args(options));
  }

  private args(options: WriteOptions): WriteArgs {
    const write: WriteOptions = { fieldManager: options.fieldManager ?? this.fieldManager };
    if (options.dryRun !== undefined) write.dryRun = options.dryRun;
    if (options.fieldValidation !== undefined) write.fieldValidation = options.fieldValidation;
    return { ctx: newContext(this.user), options: write };
  }
}

function listOptions(options: ClientWatchOptions): ListOptions {
  const result = defaultListOptions();
  if (options.labelSelector) result.labelSelector = parseLabelSelector(options.labelSelector);
  if (options.fieldSelector) result.fieldSelector = parseFieldSelector(options.fieldSelector);
  if (options.limit !== undefined) result.limit = options.limit;
  if (options.continue !== undefined) result.continue = options.continue;
  if (options.resourceVersion !== undefined) result.resourceVersion = options.resourceVersion;
  if (options.resourceVersionMatch !== undefined) result.resourceVersionMatch = options.resourceVersionMatch;
  if (options.allowWatchBookmarks !== undefined) result.allowWatchBookmarks = options.allowWatchBookmarks;
  if (options.sendInitialEvents !== undefined) result.sendInitialEvents = options.sendInitialEvents;
  return result;
}

export type { WatchEvent };
