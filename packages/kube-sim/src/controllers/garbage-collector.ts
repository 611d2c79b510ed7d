/**
 * The garbage collector: follows ownerReferences through an owner → dependents index kept up to
 * date from store changes (no scans per write).
 * - Background: when an owner is gone, dependents with no remaining live owner are deleted;
 *   references to absent owners are removed from dependents that still have one.
 * - Foreground: an owner with the foregroundDeletion finalizer has its dependents deleted, and
 *   loses the finalizer (and so disappears) once none remain.
 * - Orphan: an owner with the orphan finalizer has its references removed from every dependent,
 *   then loses the finalizer.
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import type { ChangeEvent } from '../store/watch-history.ts';
import { isApiError } from '../api/errors.ts';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from '../api/deletes.ts';
import { CONTROLLER_USER, newContext } from '../api/request-context.ts';
import type { ResourceApi } from '../api/resource-api.ts';
import { commitUpdate, type WriteArgs } from '../api/writes.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { WorkQueue } from './work-queue.ts';

type Location = string; // storageKey|namespace|name

function locationOf(storageKey: string, object: KubeObject): Location {
  return `${storageKey}|${object.metadata.namespace ?? ''}|${object.metadata.name ?? ''}`;
}

function ownerUids(object: KubeObject | undefined): string[] {
  return (object?.metadata.ownerReferences ?? []).map((r) => r.uid);
}

type WorkItem = { type: 'owner'; uid: string } | { type: 'dependent'; location: Location };

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  private readonly dependents = new Map<string, Set<Location>>();
  private api: ResourceApi | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly queue = new WorkQueue<string>((key) => this.process(JSON.parse(key) as WorkItem));

  start(context: ControllerContext): void {
    this.api = context.api;
    const { store } = context.api.deps;
    for (const key of store.storageKeys()) {
      for (const object of store.list(key)) this.index(key, undefined, object);
    }
    this.unsubscribe = store.subscribe({ storageKey: '*', deliver: (event) => this.observe(event) });
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.stop();
  }

  /** Resolves when no garbage-collection work is pending. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private enqueue(item: WorkItem): void {
    this.queue.add(JSON.stringify(item));
  }

  private observe(event: ChangeEvent): void {
    const { object, previous, storageKey } = event;
    if (event.type === 'DELETED') {
      this.unindex(storageKey, object);
      const uid = object.metadata.uid;
      if (uid !== undefined && this.dependents.has(uid)) this.enqueue({ type: 'owner', uid });
      for (const owner of ownerUids(object)) this.enqueue({ type: 'owner', uid: owner });
      return;
    }
    this.index(storageKey, previous, object);
    const finalizers = object.metadata.finalizers ?? [];
    const uid = object.metadata.uid;
    if (
      uid !== undefined &&
      object.metadata.deletionTimestamp !== undefined &&
      (finalizers.includes(FOREGROUND_FINALIZER) || finalizers.includes(ORPHAN_FINALIZER))
    ) {
      this.enqueue({ type: 'owner', uid });
    }
    const owners = ownerUids(object);
    if (owners.length > 0 && owners.join() !== ownerUids(previous).join()) {
      this.enqueue({ type: 'dependent', location: locationOf(storageKey, object) });
    }
  }

  private index(storageKey: string, previous: KubeObject | undefined, object: KubeObject): void {
    const location = locationOf(storageKey, object);
    for (const uid of ownerUids(previous)) this.dependents.get(uid)?.delete(location);
    for (const uid of ownerUids(object)) {
      let set = this.dependents.get(uid);
      if (set === undefined) {
        set = new Set();
        this.dependents.set(uid, set);
      }
      set.add(location);
    }
  }

  private unindex(storageKey: string, object: KubeObject): void {
    const location = locationOf(storageKey, object);
    for (const uid of ownerUids(object)) {
      const set = this.dependents.get(uid);
      set?.delete(location);
      if (set?.size === 0) this.dependents.delete(uid);
    }
  }

  private process(item: WorkItem): void {
    if (item.type === 'dependent') this.checkDependent(item.location);
    else this.processOwner(item.uid);
  }

  private processOwner(uid: string): void {
    const api = this.requireApi();
    const owner = this.liveObject(uid);
    const dependents = [...(this.dependents.get(uid) ?? [])];
    if (owner === undefined) {
      for (const location of dependents) this.checkDependent(location);
      return;
    }
    const finalizers = owner.object.metadata.finalizers ?? [];
    if (owner.object.metadata.deletionTimestamp === undefined) return;
    if (finalizers.includes(ORPHAN_FINALIZER)) {
      for (const location of dependents) this.removeReferences(location, new Set([uid]));
      this.removeFinalizer(owner.kind, owner.object, ORPHAN_FINALIZER);
    } else if (finalizers.includes(FOREGROUND_FINALIZER)) {
      const remaining = dependents.filter((location) => this.objectAt(location) !== undefined);
      if (remaining.length === 0) {
        this.removeFinalizer(owner.kind, owner.object, FOREGROUND_FINALIZER);
        return;
      }
      for (const location of remaining) {
        const dependent = this.objectAt(location);
        if (dependent === undefined || dependent.object.metadata.deletionTimestamp !== undefined) continue;
        const depUid = dependent.object.metadata.uid ?? '';
        const policy = this.dependents.has(depUid) ? 'Foreground' : 'Background';
        this.ignoreGone(() =>
          api.delete(
            dependent.kind,
            dependent.object.metadata.namespace ?? '',
            dependent.object.metadata.name ?? '',
            { propagationPolicy: policy },
            this.args(),
          ),
        );
      }
    }
  }

  /** Deletes a dependent whose owners are all gone; strips references to absent owners otherwise. */
  private checkDependent(location: Location): void {
    const dependent = this.objectAt(location);
    if (dependent === undefined) return;
    const owners = ownerUids(dependent.object);
    if (owners.length === 0) return;
    const absent = new Set(owners.filter((uid) => this.liveObject(uid) === undefined));
    if (absent.size === 0) return;
    if (absent.size < owners.length) {
      this.removeReferences(location, absent);
      return;
    }
    if (dependent.object.metadata.deletionTimestamp !== undefined) return;
    this.ignoreGone(() =>
      this.requireApi().delete(
        dependent.kind,
        dependent.object.metadata.namespace ?? '',
        dependent.object.metadata.name ?? '',
        { propagationPolicy: 'Background' },
        this.args(),
      ),
    );
  }

  private removeReferences(location: Location, uids: Set<string>): void {
    const dependent = this.objectAt(location);
    if (dependent === undefined) return;
    const next = structuredClone(dependent.object);
    next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => !uids.has(r.uid));
    if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
    this.ignoreGone(() =>
      commitUpdate(this.requireApi().deps, dependent.kind, dependent.object, next, this.args(), {}),
    );
  }

  private removeFinalizer(kind: ServedKind, object: KubeObject, finalizer: string): void {
    const next = structuredClone(object);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.ignoreGone(() => commitUpdate(this.requireApi().deps, kind, object, next, this.args(), {}));
  }

  private liveObject(uid: string): { kind: ServedKind; object: KubeObject } | undefined {
    const location = this.requireApi().deps.store.locate(uid);
    if (location === undefined) return undefined;
    const found = this.objectAt(`${location.storageKey}|${location.namespace}|${location.name}`);
    return found?.object.metadata.uid === uid ? found : undefined;
  }

  private objectAt(location: Location): { kind: ServedKind; object: KubeObject } | undefined {
    const [storageKey = '', namespace = '', name = ''] = location.split('|');
    const { store, registry } = this.requireApi().deps;
    const object = store.get(storageKey, namespace, name);
    if (object === undefined) return undefined;
    const kinds = registry.byStorageKey(storageKey);
    const kind = kinds.find((k) => k.version === k.storageVersion) ?? kinds[0];
    return kind === undefined ? undefined : { kind, object };
  }

  private args(): WriteArgs {
    return { ctx: newContext(CONTROLLER_USER), options: { fieldManager: 'generic-garbage-collector' } };
  }

  private ignoreGone(write: () => unknown): void {
    try {
      write();
    } catch (err) {
      if (isApiError(err) && (err.code === 404 || err.code === 409)) return;
      throw err;
    }
  }

  private requireApi(): ResourceApi {
    if (this.api === undefined) throw new Error('garbage collector is not started');
    return this.api;
  }
}
