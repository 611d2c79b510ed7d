/**
 * One cluster's storage: every resource table, the single resourceVersion counter, the bounded
 * change history and the watch fan-out. It knows nothing about API semantics (uids, generations,
 * finalizers, admission); the API layer decides what to write and the store records it.
 */
import type { KubeObject } from '../types.ts';
import { deepFreeze } from './freeze.ts';
import { ResourceTable, compareKeys } from './resource-table.ts';
import { WatchHistory, type ChangeEvent, type ChangeType } from './watch-history.ts';

/** Receives committed changes synchronously; implementations must not write back re-entrantly. */
export interface StoreSubscriber {
  /** A resource table's storage key, or '*' for every change in the cluster. */
  readonly storageKey: string;
  /**
   * Only changes in this namespace ('' for cluster-scoped objects); all namespaces when absent.
   * Namespaced watchers are indexed, so a change is only offered to the watchers of its namespace.
   */
  readonly namespace?: string;
  deliver(event: ChangeEvent): void;
}

/** The subscribers of one storage key: those of every namespace, and the others by namespace. */
interface Subscribers {
  readonly all: Set<StoreSubscriber>;
  readonly byNamespace: Map<string, Set<StoreSubscriber>>;
}

export interface ObjectLocation {
  storageKey: string;
  namespace: string;
  name: string;
}

export class VersionTooOldError extends Error {
  readonly requested: number;
  readonly floor: number;
  constructor(requested: number, floor: number) {
    super(`too old resource version: ${requested} (${floor})`);
    this.requested = requested;
    this.floor = floor;
  }
}

const SNAPSHOT_CACHE_SIZE = 16;

export class ObjectStore {
  private rv: number;
  private readonly tables = new Map<string, ResourceTable>();
  private readonly history: WatchHistory;
  private readonly subscribers = new Map<string, Subscribers>();
  private readonly uids = new Map<string, ObjectLocation>();
  /** Point-in-time lists kept for paginated reads: key `${storageKey}@${rv}`. */
  private readonly snapshots = new Map<string, readonly KubeObject[]>();

  constructor(options: { historySize: number; initialResourceVersion?: number }) {
    this.history = new WatchHistory(options.historySize);
    this.rv = options.initialResourceVersion ?? 1;
  }

  /** The newest resourceVersion in the cluster. */
  currentVersion(): number {
    return this.rv;
  }

  get(storageKey: string, namespace: string, name: string): KubeObject | undefined {
    return this.tables.get(storageKey)?.get(namespace, name);
  }

  /** Current objects of a resource in key order (frozen; do not mutate). */
  list(storageKey: string, namespace?: string): KubeObject[] {
    return this.tables.get(storageKey)?.list(namespace) ?? [];
  }

  /**
   * The same as list(), without a copy of the array for all namespaces: the array is shared
   * (until the next change of the resource) and must be neither modified nor kept.
   */
  listShared(storageKey: string, namespace?: string): readonly KubeObject[] {
    const table = this.tables.get(storageKey);
    if (table === undefined) return [];
    return namespace === undefined ? table.listAll() : table.list(namespace);
  }

  count(storageKey: string, namespace?: string): number {
    const table = this.tables.get(storageKey);
    if (table === undefined) return 0;
    return namespace === undefined ? table.size : table.countIn(namespace);
  }

  /** Namespaces that hold at least one object of the resource. */
  namespacesOf(storageKey: string): string[] {
    return this.tables.get(storageKey)?.namespaces() ?? [];
  }

  storageKeys(): string[] {
    return [...this.tables.keys()];
  }

  locate(uid: string): ObjectLocation | undefined {
    return this.uids.get(uid);
  }

  /**
   * Stores `object` (created or replaced), stamping the next resourceVersion, and returns the
   * frozen stored instance. The caller hands over ownership of `object`.
   */
  put(storageKey: string, object: KubeObject): KubeObject {
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name ?? '';
    const table = this.table(storageKey);
    const previous = table.get(namespace, name);
    const rv = ++this.rv;
    object.metadata.resourceVersion = String(rv);
    deepFreeze(object);
    table.set(namespace, name, object);
    const uid = object.metadata.uid;
    if (uid !== undefined) {
      // Updates keep their location: only a new (or moved) uid needs a new entry.
      const location = this.uids.get(uid);
      if (location?.storageKey !== storageKey || location.namespace !== namespace || location.name !== name) {
        this.uids.set(uid, { storageKey, namespace, name });
      }
    }
    this.record(previous === undefined ? 'ADDED' : 'MODIFIED', rv, storageKey, object, previous);
    return object;
  }

  /**
   * Removes an object. `finalState` (defaults to the stored object) is what the DELETED event
   * carries; it gets the deletion's resourceVersion like the real server's event.
   */
  remove(
    storageKey: string,
    namespace: string,
    name: string,
    finalState?: KubeObject,
  ): KubeObject | undefined {
    const table = this.tables.get(storageKey);
    const previous = table?.delete(namespace, name);
    if (table === undefined || previous === undefined) return undefined;
    const rv = ++this.rv;
    const base = finalState ?? previous;
    const object: KubeObject = { ...base, metadata: { ...base.metadata, resourceVersion: String(rv) } };
    deepFreeze(object);
    const uid = previous.metadata.uid;
    if (uid !== undefined && this.uids.get(uid)?.storageKey === storageKey) this.uids.delete(uid);
    this.record('DELETED', rv, storageKey, object, previous);
    return object;
  }

  /** Drops a whole resource table (a CRD was deleted) without emitting per-object events. */
  dropTable(storageKey: string): void {
    const table = this.tables.get(storageKey);
    if (table === undefined) return;
    for (const object of table.list()) {
      const uid = object.metadata.uid;
      if (uid !== undefined) this.uids.delete(uid);
    }
    this.tables.delete(storageKey);
  }

  subscribe(subscriber: StoreSubscriber): () => void {
    let subscribers = this.subscribers.get(subscriber.storageKey);
    if (subscribers === undefined) {
      subscribers = { all: new Set(), byNamespace: new Map() };
      this.subscribers.set(subscriber.storageKey, subscribers);
    }
    const { namespace } = subscriber;
    let set = subscribers.all;
    if (namespace !== undefined) {
      set = subscribers.byNamespace.get(namespace) ?? new Set();
      subscribers.byNamespace.set(namespace, set);
    }
    set.add(subscriber);
    const { byNamespace } = subscribers;
    return () => {
      set.delete(subscriber);
      if (namespace !== undefined && set.size === 0 && byNamespace.get(namespace) === set) {
        byNamespace.delete(namespace);
      }
    };
  }

  /** True when the changes after `rv` are no longer all in the history (a resume would be 410). */
  isTooOld(rv: number): boolean {
    return this.history.isTooOld(rv);
  }

  /** The oldest version a client may still resume from. */
  historyFloor(): number {
    return this.history.floor();
  }

  /** Throws VersionTooOldError if the changes after `rv` are no longer all in the history. */
  assertReplayable(rv: number): void {
    if (this.history.isTooOld(rv)) throw new VersionTooOldError(rv, this.history.floor());
  }

  /** Changes after `rv` (oldest first), for resuming a watch. Call assertReplayable first. */
  changesSince(rv: number, storageKey?: string): Generator<ChangeEvent> {
    return this.history.since(rv, storageKey);
  }

  /**
   * All objects of a resource as they were at `rv`, in key order: the current table with the
   * changes made after `rv` undone. Cached, because paginated lists read the same snapshot
   * page after page.
   */
  snapshotAt(storageKey: string, rv: number): readonly KubeObject[] {
    if (rv >= this.rv) return this.listShared(storageKey);
    const cacheKey = `${storageKey}@${rv}`;
    const cached = this.snapshots.get(cacheKey);
    if (cached !== undefined) {
      this.snapshots.delete(cacheKey);
      this.snapshots.set(cacheKey, cached);
      return cached;
    }
    this.assertReplayable(rv);
    // The state at rv of every object changed since: undefined when it did not exist yet.
    const undone = new Map<string, KubeObject | undefined>();
    for (const event of this.history.since(rv, storageKey)) {
      const key = objectKey(event.namespace, event.name);
      if (!undone.has(key)) undone.set(key, event.previous);
    }
    // The current list is in key order and an object keeps its key across versions, so the
    // snapshot is the list with changed objects swapped for their old state, merged with the
    // few objects deleted since (no sort of the whole list).
    let snapshot: KubeObject[] = [];
    for (const object of this.listShared(storageKey)) {
      const key = objectKey(object.metadata.namespace ?? '', object.metadata.name ?? '');
      if (!undone.has(key)) snapshot.push(object);
      else {
        const before = undone.get(key);
        if (before !== undefined) snapshot.push(before);
        undone.delete(key);
      }
    }
    const deleted = [...undone.values()].filter((before) => before !== undefined).sort(compareObjects);
    if (deleted.length > 0) snapshot = mergeSorted(snapshot, deleted);
    this.snapshots.set(cacheKey, snapshot);
    if (this.snapshots.size > SNAPSHOT_CACHE_SIZE) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest !== undefined) this.snapshots.delete(oldest);
    }
    return snapshot;
  }

  private table(storageKey: string): ResourceTable {
    let table = this.tables.get(storageKey);
    if (table === undefined) {
      table = new ResourceTable();
      this.tables.set(storageKey, table);
    }
    return table;
  }

  private record(
    type: ChangeType,
    rv: number,
    storageKey: string,
    object: KubeObject,
    previous: KubeObject | undefined,
  ): void {
    const event: ChangeEvent = {
      type,
      rv,
      storageKey,
      namespace: object.metadata.namespace ?? '',
      name: object.metadata.name ?? '',
      object,
    };
    if (previous !== undefined) event.previous = previous;
    this.history.push(event);
    this.deliver(this.subscribers.get(storageKey), event);
    this.deliver(this.subscribers.get('*'), event);
    // Watch streams share one serialization of the event while it is fanned out (synchronously,
    // above); the history keeps the object, not megabytes of serialized copies of it.
    if (event.lines !== undefined) delete event.lines;
  }

  private deliver(subscribers: Subscribers | undefined, event: ChangeEvent): void {
    if (subscribers === undefined) return;
    for (const subscriber of subscribers.all) subscriber.deliver(event);
    const inNamespace = subscribers.byNamespace.get(event.namespace);
    if (inNamespace !== undefined) for (const subscriber of inNamespace) subscriber.deliver(event);
  }
}

/** Two lists in key order as one. */
function mergeSorted(a: readonly KubeObject[], b: readonly KubeObject[]): KubeObject[] {
  const out: KubeObject[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    out.push(
      compareObjects(a[i] as KubeObject, b[j] as KubeObject) <= 0
        ? (a[i++] as KubeObject)
        : (b[j++] as KubeObject),
    );
  }
  while (i < a.length) out.push(a[i++] as KubeObject);
  while (j < b.length) out.push(b[j++] as KubeObject);
  return out;
}

/** The history's key of an object; distinct objects of one table have distinct keys. */
function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** Orders like etcd keys: the string `namespace/name` (just `name` when cluster-scoped). */
export function compareObjects(a: KubeObject, b: KubeObject): number {
  return compareKeys(storageKeyOfObject(a), storageKeyOfObject(b));
}

function storageKeyOfObject(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return ns ? `${ns}/${object.metadata.name ?? ''}` : (object.metadata.name ?? '');
}
