import type { ClusterConnection } from '../connections/cluster-connections.ts';
import { ClusterDiscovery, type ApiResource } from './discovery.ts';
import { KindCache, type KindCacheStatus } from './kind-cache.ts';
import { isNetworkFailure } from './cluster-errors.ts';
import { KubeApiClient, KubeApiError } from './kube-api-client.ts';
import { releaseTransport } from './kube-transport.ts';
import type { ReflectorSettings } from './reflector.ts';
import { collectionPath, refKey, type ResourceRef } from './resource-ref.ts';

export interface CacheSettings {
  /** How long a list waits for a kind's first sync before answering CLUSTER_CACHE_NOT_READY. */
  readyTimeoutMs: number;
  /** A kind nobody listed or watched for this long is stopped and dropped. */
  idleMs: number;
  /** Changes kept per kind for stream resumes. */
  historySize: number;
  /** How often idle kinds and silent watches are checked. */
  maintainIntervalMs: number;
  reflector: Partial<ReflectorSettings>;
}

export const DEFAULT_CACHE_SETTINGS: CacheSettings = {
  readyTimeoutMs: 3_000,
  idleMs: 10 * 60_000,
  historySize: 1_000,
  maintainIntervalMs: 5_000,
  reflector: {},
};

const CRDS: ResourceRef = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  resource: 'customresourcedefinitions',
};

/**
 * The caches of one cluster: one KindCache per kind in use, its discovery (refreshed when a
 * CRD changes), all on the connection's current credential until the pool rotates it.
 */
export class ClusterCache {
  readonly name: string;
  readonly discovery: ClusterDiscovery;
  readonly #settings: CacheSettings;
  readonly #now: () => number;
  readonly #onError: (resource: string, error: unknown) => void;
  readonly #kinds = new Map<string, KindCache>();
  #connection: ClusterConnection;
  #crdListener: (() => void) | null = null;

  constructor(options: {
    connection: ClusterConnection;
    settings: CacheSettings;
    now: () => number;
    onError?: (resource: string, error: unknown) => void;
  }) {
    this.name = options.connection.name;
    this.#connection = options.connection;
    this.#settings = options.settings;
    this.#now = options.now;
    this.#onError = options.onError ?? (() => {});
    this.discovery = new ClusterDiscovery(() => this.client());
  }

  get connection(): ClusterConnection {
    return this.#connection;
  }

  get generation(): number {
    return this.#connection.generation;
  }

  /** A client on the cluster's current credential. */
  client(): KubeApiClient {
    return new KubeApiClient(this.#connection.kubeConfig);
  }

  /** Discovery, with a CRD watch that invalidates it whenever custom kinds come and go. */
  async resources(): Promise<ApiResource[]> {
    this.#watchCrds();
    return this.discovery.all();
  }

  async find(ref: ResourceRef): Promise<ApiResource | undefined> {
    this.#watchCrds();
    return this.discovery.find(ref);
  }

  /** The cache of a kind, started on first use. */
  kind(resource: ApiResource | ResourceRef): KindCache {
    const key = refKey(resource);
    let cache = this.#kinds.get(key);
    if (!cache) {
      const ref = { group: resource.group, version: resource.version, resource: resource.resource };
      cache = new KindCache({
        cluster: this.name,
        ref,
        path: collectionPath(ref),
        historySize: this.#settings.historySize,
        reflector: this.#settings.reflector,
        now: this.#now,
        onError: (error) => this.#onError(key, error),
        isFinal: (error) =>
          isNetworkFailure(error) ||
          (error instanceof KubeApiError && [401, 403, 404].includes(error.statusCode)),
      });
      this.#kinds.set(key, cache);
      void cache.start(this.#connection.kubeConfig);
    }
    cache.lastUsed = this.#now();
    return cache;
  }

  /** The credential was rotated: every watch starts over on the new one. */
  async restart(connection: ClusterConnection): Promise<void> {
    const old = this.#connection;
    this.#connection = connection;
    this.discovery.invalidate();
    await Promise.all([...this.#kinds.values()].map((kind) => kind.start(connection.kubeConfig)));
    if (old.kubeConfig !== connection.kubeConfig) releaseTransport(old.kubeConfig);
  }

  /** Stops kinds unused for `idleMs` and restarts watches that went silent. */
  async maintain(): Promise<void> {
    const now = this.#now();
    for (const [key, kind] of this.#kinds) {
      if (kind.subscribers === 0 && now - kind.lastUsed > this.#settings.idleMs) {
        this.#kinds.delete(key);
        await kind.stop();
      } else {
        kind.checkWatchdog();
      }
    }
  }

  status(): KindCacheStatus[] {
    return [...this.#kinds.values()].map((kind) => kind.status());
  }

  async stop(): Promise<void> {
    this.#crdListener?.();
    this.#crdListener = null;
    const kinds = [...this.#kinds.values()];
    this.#kinds.clear();
    await Promise.all(kinds.map((kind) => kind.stop()));
    releaseTransport(this.#connection.kubeConfig);
  }

  #watchCrds(): void {
    if (this.#crdListener) return;
    this.#crdListener = this.kind(CRDS).subscribe(() => this.discovery.invalidate());
  }
}
