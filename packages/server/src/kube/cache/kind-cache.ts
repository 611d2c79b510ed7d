import type { KubeConfig } from '@kubernetes/client-node';
import { ChangeHistory, type CacheChange, type ChangeType } from './change-history.ts';
import { ObjectIndex, type IndexQuery } from './object-index.ts';
import { Reflector, type ReflectorPhase, type ReflectorSettings } from './reflector.ts';
import { keyOf, refKey, type KubeObject, type ResourceRef } from './resource-ref.ts';

export type ChangeListener = (change: CacheChange) => void;

export interface KindCacheOptions {
  cluster: string;
  ref: ResourceRef;
  /** The collection path of every namespace, e.g. `/api/v1/pods`. */
  path: string;
  historySize: number;
  reflector: Partial<ReflectorSettings>;
  now: () => number;
  onError?: (error: unknown) => void;
  /** Errors a first list should not wait out (the cluster is down, or refuses the kind). */
  isFinal?: (error: unknown) => boolean;
}

export interface KindCacheStatus {
  resource: string;
  synced: boolean;
  phase: ReflectorPhase;
  objects: number;
  resourceVersion: string;
  lastError: string | null;
  watchdogRestarts: number;
}

/**
 * Cached objects keep everything but `metadata.managedFields`: the field-ownership bookkeeping
 * is often the largest part of an object and no list needs it; a single GET reads the cluster.
 */
function slim(object: KubeObject): KubeObject {
  if (object.metadata?.managedFields !== undefined) delete object.metadata.managedFields;
  return object;
}

function sameVersion(a: KubeObject, b: KubeObject): boolean {
  const version = a.metadata?.resourceVersion;
  return version !== undefined && version === b.metadata?.resourceVersion;
}

/**
 * One kind of one cluster, kept in memory by a Reflector: the objects (indexed by namespace and
 * label), readiness, the last error, a short change history for stream resumes and listeners.
 */
export class KindCache {
  readonly cluster: string;
  readonly ref: ResourceRef;
  readonly #options: KindCacheOptions;
  readonly #index = new ObjectIndex();
  readonly #history: ChangeHistory;
  readonly #listeners = new Set<ChangeListener>();
  #reflector: Reflector | null = null;
  #synced = false;
  #syncWaiters: ((synced: boolean) => void)[] = [];
  #lastError: unknown = null;
  /** Clock time of the last list or subscription: idle caches are stopped. */
  lastUsed: number;

  constructor(options: KindCacheOptions) {
    this.cluster = options.cluster;
    this.ref = options.ref;
    this.#options = options;
    this.#history = new ChangeHistory(options.historySize);
    this.lastUsed = options.now();
  }

  get key(): string {
    return refKey(this.ref);
  }

  get synced(): boolean {
    return this.#synced;
  }

  get lastError(): unknown {
    return this.#lastError;
  }

  get subscribers(): number {
    return this.#listeners.size;
  }

  get resourceVersion(): string {
    return this.#history.latest;
  }

  get running(): boolean {
    return this.#reflector !== null;
  }

  /** Starts (or, after a credential rotation, restarts) the reflector with this KubeConfig. */
  async start(kubeConfig: KubeConfig): Promise<void> {
    await this.stop();
    const reflector = new Reflector({
      kubeConfig,
      path: this.#options.path,
      settings: this.#options.reflector,
      now: this.#options.now,
      handlers: {
        onList: (items, resourceVersion) => this.#onList(items, resourceVersion),
        onEvent: (type, object) => this.#apply(type, slim(object), object.metadata?.resourceVersion ?? ''),
        onBookmark: (resourceVersion) => this.#history.advance(resourceVersion),
        onError: (error) => {
          this.#lastError = error;
          this.#options.onError?.(error);
          // Whoever waits for the first sync hears at once that the cluster said no or did not answer.
          if (!this.#synced && this.#options.isFinal?.(error)) this.#wake(false);
        },
      },
    });
    this.#reflector = reflector;
    reflector.start();
  }

  /** Stops watching; the objects stay readable until the cache is dropped or restarted. */
  async stop(): Promise<void> {
    const reflector = this.#reflector;
    this.#reflector = null;
    await reflector?.stop();
  }

  checkWatchdog(): boolean {
    return this.#reflector?.checkWatchdog() ?? false;
  }

  /** Resolves true once synced; false when `timeoutMs` passes or a final error comes first. */
  waitSynced(timeoutMs: number): Promise<boolean> {
    if (this.#synced) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#syncWaiters = this.#syncWaiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      const waiter = (synced: boolean) => {
        clearTimeout(timer);
        resolve(synced);
      };
      this.#syncWaiters.push(waiter);
    });
  }

  #wake(synced: boolean): void {
    for (const waiter of this.#syncWaiters.splice(0)) waiter(synced);
  }

  select(query: IndexQuery): KubeObject[] {
    return this.#index.select(query);
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.#index.get(namespace ? `${namespace}/${name}` : name);
  }

  /** Changes after `resourceVersion` for a resuming stream, or `expired`. */
  since(resourceVersion: string): CacheChange[] | 'expired' {
    return this.#history.since(resourceVersion);
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  status(): KindCacheStatus {
    const error = this.#lastError;
    return {
      resource: this.key,
      synced: this.#synced,
      phase: this.#reflector?.phase ?? 'stopped',
      objects: this.#index.size,
      resourceVersion: this.resourceVersion,
      lastError: error === null ? null : error instanceof Error ? error.message : String(error),
      watchdogRestarts: this.#reflector?.watchdogRestarts ?? 0,
    };
  }

  #onList(items: KubeObject[], resourceVersion: string): void {
    const wasSynced = this.#synced;
    const fresh = new Set<string>();
    for (const item of items) {
      const object = slim(item);
      const key = keyOf(object);
      fresh.add(key);
      const previous = this.#index.get(key);
      if (previous && sameVersion(previous, object)) continue;
      this.#index.upsert(object);
      if (wasSynced) this.#emit(previous ? 'MODIFIED' : 'ADDED', object, previous, resourceVersion);
    }
    for (const object of [...this.#index.values()]) {
      const key = keyOf(object);
      if (fresh.has(key)) continue;
      this.#index.remove(key);
      if (wasSynced) this.#emit('DELETED', object, object, resourceVersion);
    }
    // What happened before this list can no longer be replayed event by event.
    this.#history.reset(resourceVersion);
    this.#lastError = null;
    this.#synced = true;
    this.#wake(true);
  }

  #apply(type: ChangeType, object: KubeObject, resourceVersion: string): void {
    const previous = type === 'DELETED' ? this.#index.remove(keyOf(object)) : this.#index.upsert(object);
    this.#lastError = null;
    const change: CacheChange = { type, object, previous, resourceVersion };
    this.#history.record(change);
    this.#notify(change);
  }

  #emit(type: ChangeType, object: KubeObject, previous: KubeObject | undefined, resourceVersion: string) {
    this.#notify({ type, object, previous, resourceVersion });
  }

  #notify(change: CacheChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        // One broken subscriber must not starve the others or the cache itself.
        this.#options.onError?.(error);
      }
    }
  }
}
