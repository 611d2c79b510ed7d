import type { FastifyBaseLogger } from 'fastify';
import { ClusterKubeConfig } from './cluster-kube-config.ts';
import { clusterNotFound } from './cluster-failures.ts';
import type {
  ClusterConnection,
  ClusterConnectionEvent,
  ClusterConnections,
  ClusterHealth,
} from './cluster-connections.ts';
import type { ClusterTimeouts, ConnectionSpec } from './connection-spec.ts';

export interface ConnectionPoolOptions {
  timeouts: ClusterTimeouts;
  /** Where the latest probe result of a cluster is kept (the health monitor's board). */
  healthOf(name: string): ClusterHealth;
  log: FastifyBaseLogger;
}

class PooledConnection implements ClusterConnection {
  readonly name: string;
  readonly kubeConfig: ClusterKubeConfig;
  readonly generation: number;
  readonly timeouts: ClusterTimeouts;
  readonly #healthOf: (name: string) => ClusterHealth;

  constructor(
    name: string,
    kubeConfig: ClusterKubeConfig,
    generation: number,
    healthOf: (n: string) => ClusterHealth,
  ) {
    this.name = name;
    this.kubeConfig = kubeConfig;
    this.generation = generation;
    this.timeouts = kubeConfig.timeouts;
    this.#healthOf = healthOf;
  }

  health(): ClusterHealth {
    return this.#healthOf(this.name);
  }
}

/**
 * The one way into a cluster: a KubeConfig per registered cluster, built from its decrypted
 * credential, replaced (with a higher generation) when the credential is rotated.
 */
export class ConnectionPool implements ClusterConnections {
  readonly #options: ConnectionPoolOptions;
  readonly #connections = new Map<string, PooledConnection>();
  readonly #listeners = new Set<(event: ClusterConnectionEvent) => void>();

  constructor(options: ConnectionPoolOptions) {
    this.#options = options;
  }

  get timeouts(): ClusterTimeouts {
    return this.#options.timeouts;
  }

  get(name: string): ClusterConnection {
    const connection = this.#connections.get(name);
    if (!connection) throw clusterNotFound(name);
    return connection;
  }

  has(name: string): boolean {
    return this.#connections.has(name);
  }

  list(): ClusterConnection[] {
    return [...this.#connections.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  onChange(listener: (event: ClusterConnectionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A KubeConfig for a cluster that is not (yet) registered: the connection test uses it. */
  detached(name: string, spec: ConnectionSpec): ClusterKubeConfig {
    return new ClusterKubeConfig(name, spec, this.#options.timeouts);
  }

  /** Registration (`added`) or rotation (`updated`, with the new generation). */
  put(name: string, spec: ConnectionSpec, generation: number): ClusterConnection {
    const previous = this.#connections.get(name);
    const connection = new PooledConnection(
      name,
      new ClusterKubeConfig(name, spec, this.#options.timeouts),
      generation,
      this.#options.healthOf,
    );
    this.#connections.set(name, connection);
    this.#emit(previous ? { type: 'updated', connection } : { type: 'added', connection });
    // In-flight requests finish on the old credential; watches restart on the event above.
    if (previous) void previous.kubeConfig.close();
    return connection;
  }

  remove(name: string): void {
    const previous = this.#connections.get(name);
    if (!previous) return;
    this.#connections.delete(name);
    this.#emit({ type: 'removed', name });
    void previous.kubeConfig.destroy();
  }

  /** Shutdown: every connection closed, listeners dropped. */
  async close(): Promise<void> {
    const all = [...this.#connections.values()];
    this.#connections.clear();
    this.#listeners.clear();
    await Promise.all(all.map((c) => c.kubeConfig.destroy()));
  }

  #emit(event: ClusterConnectionEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#options.log.error({ err: error, event: event.type }, 'a cluster connection listener failed');
      }
    }
  }
}
