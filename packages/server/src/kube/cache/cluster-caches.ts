import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors/app-error.ts';
import type { ClusterConnections } from '../connections/cluster-connections.ts';
import { ClusterCache, DEFAULT_CACHE_SETTINGS, type CacheSettings } from './cluster-cache.ts';
import { clusterCacheNotReady, isNetworkFailure, toClusterError } from './cluster-errors.ts';
import type { ApiResource } from './discovery.ts';
import type { FieldSelector } from './field-selector.ts';
import type { KindCache } from './kind-cache.ts';
import { KubeApiError } from './kube-api-client.ts';
import type { LabelSelector } from './label-selector.ts';
import { apiVersionOf, refKey, type KubeObject, type ResourceRef } from './resource-ref.ts';

export interface CacheListQuery {
  namespace?: string;
  labelSelector?: LabelSelector;
  fieldSelector?: FieldSelector;
}

export interface CachedList {
  items: KubeObject[];
  resourceVersion: string;
}

function resourceNotFound(cluster: string, ref: ResourceRef): AppError {
  const name = `${ref.resource}.${apiVersionOf(ref)}`;
  return new AppError('NOT_FOUND', 404, `Cluster "${cluster}" does not serve the resource type "${name}"`, {
    cluster,
    resource: name,
  });
}

/**
 * Every cluster's watch caches, reached through the connection pool. Kinds start on first use
 * and stop when unused; a cluster whose credential rotates restarts its watches; a cluster that
 * is down answers for itself (its reflectors back off) and never holds up another.
 */
export class ClusterCaches {
  readonly #connections: ClusterConnections;
  readonly #clock: Clock;
  readonly #log: FastifyBaseLogger | undefined;
  readonly #settings: CacheSettings;
  readonly #clusters = new Map<string, ClusterCache>();
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(options: {
    connections: ClusterConnections;
    clock: Clock;
    log?: FastifyBaseLogger;
    settings?: Partial<CacheSettings>;
  }) {
    this.#connections = options.connections;
    this.#clock = options.clock;
    this.#log = options.log;
    this.#settings = { ...DEFAULT_CACHE_SETTINGS, ...options.settings };
  }

  /** Follows the pool (rotations, removals) and starts the maintenance timer. */
  start(): void {
    this.#unsubscribe ??= this.#connections.onChange((event) => {
      if (event.type === 'removed') void this.#drop(event.name);
      else {
        const cache = this.#clusters.get(event.connection.name);
        if (cache && cache.generation !== event.connection.generation) void cache.restart(event.connection);
      }
    });
    this.#timer ??= setInterval(() => void this.maintain(), this.#settings.maintainIntervalMs);
    this.#timer.unref();
  }

  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    const clusters = [...this.#clusters.values()];
    this.#clusters.clear();
    await Promise.all(clusters.map((cluster) => cluster.stop()));
  }

  /** The caches of a cluster; CLUSTER_NOT_FOUND (from the pool) for an unknown one. */
  async cluster(name: string): Promise<ClusterCache> {
    const connection = this.#connections.get(name);
    let cache = this.#clusters.get(name);
    if (!cache) {
      cache = new ClusterCache({
        connection,
        settings: this.#settings,
        now: () => this.#clock.now(),
        onError: (resource, error) =>
          this.#log?.debug({ cluster: name, resource, err: error }, 'cache error'),
      });
      this.#clusters.set(name, cache);
    } else if (cache.generation !== connection.generation) {
      await cache.restart(connection);
    }
    return cache;
  }

  /** Every registered cluster's name, sorted. */
  clusterNames(): string[] {
    return this.#connections
      .list()
      .map((connection) => connection.name)
      .sort();
  }

  /** The served kind for a group/version/resource, or NOT_FOUND. */
  async resolve(clusterName: string, ref: ResourceRef): Promise<ApiResource> {
    const cluster = await this.cluster(clusterName);
    let resource: ApiResource | undefined;
    try {
      resource = await cluster.find(ref);
    } catch (error) {
      throw toClusterError(clusterName, error);
    }
    if (!resource) throw resourceNotFound(clusterName, ref);
    return resource;
  }

  async resources(clusterName: string): Promise<ApiResource[]> {
    const cluster = await this.cluster(clusterName);
    try {
      return await cluster.resources();
    } catch (error) {
      throw toClusterError(clusterName, error);
    }
  }

  /** A synced kind cache, waiting up to the ready timeout for its first list. */
  async synced(clusterName: string, resource: ApiResource): Promise<KindCache> {
    const cluster = await this.cluster(clusterName);
    const kind = cluster.kind(resource);
    if (kind.synced) return kind;
    // A kind whose cluster did not answer last time says so at once; it retries on its own.
    if (!isNetworkFailure(kind.lastError)) await kind.waitSynced(this.#settings.readyTimeoutMs);
    if (kind.synced) return kind;
    throw this.#notReady(clusterName, kind);
  }

  /** Objects of a kind from the cache: namespace and labels through the indexes, then fields. */
  async list(clusterName: string, resource: ApiResource, query: CacheListQuery = {}): Promise<CachedList> {
    const kind = await this.synced(clusterName, resource);
    const selected = kind.select({ namespace: query.namespace, labelSelector: query.labelSelector });
    const fields = query.fieldSelector;
    const items = fields && fields.requirements.length ? selected.filter((o) => fields.matches(o)) : selected;
    return { items, resourceVersion: kind.resourceVersion };
  }

  /** Stops idle kinds and restarts silent watches; runs on a timer, callable from tests. */
  async maintain(): Promise<void> {
    await Promise.all([...this.#clusters.values()].map((cluster) => cluster.maintain()));
  }

  status(clusterName: string) {
    return this.#clusters.get(clusterName)?.status() ?? [];
  }

  #notReady(cluster: string, kind: KindCache): AppError {
    const error = kind.lastError;
    if (isNetworkFailure(error) || error instanceof KubeApiError) return toClusterError(cluster, error);
    return clusterCacheNotReady(cluster, refKey(kind.ref));
  }

  async #drop(name: string): Promise<void> {
    const cache = this.#clusters.get(name);
    this.#clusters.delete(name);
    await cache?.stop();
  }
}
