import { AppError } from '../../core/errors/app-error.ts';
import type { ClusterConnections } from '../connections/cluster-connections.ts';
import type { ClusterCapacitySource } from './cluster-capacity.ts';
import type { Cluster, ClusterListItem } from './schemas.ts';

const NO_SUMMARY = { nodeCount: null, allocatable: null, requested: null };

/**
 * Adds each cluster's node count and resources to the list, every cluster at once and each
 * under its own timeout: a cluster that fails or hangs shows its error, the others answer.
 * A cluster the health probe already finds unreachable is not asked at all.
 */
export class ClusterSummaries {
  source: ClusterCapacitySource;
  readonly #connections: ClusterConnections;
  readonly #timeoutMs: number;

  constructor(connections: ClusterConnections, source: ClusterCapacitySource, timeoutMs: number) {
    this.#connections = connections;
    this.source = source;
    this.#timeoutMs = timeoutMs;
  }

  attach(clusters: Cluster[]): Promise<ClusterListItem[]> {
    return Promise.all(clusters.map((cluster) => this.#attachOne(cluster)));
  }

  async #attachOne(cluster: Cluster): Promise<ClusterListItem> {
    if (cluster.status.phase === 'Unreachable') {
      return {
        ...cluster,
        ...NO_SUMMARY,
        summaryError: { code: 'CLUSTER_UNREACHABLE', message: cluster.status.message },
      };
    }
    const signal = AbortSignal.timeout(this.#timeoutMs);
    try {
      const connection = this.#connections.get(cluster.name);
      const capacity = await this.source.capacityOf(connection, signal);
      return { ...cluster, ...capacity, summaryError: null };
    } catch (error) {
      return { ...cluster, ...NO_SUMMARY, summaryError: this.#describe(error, signal) };
    }
  }

  #describe(error: unknown, signal: AbortSignal): { code: string; message: string } {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    if (signal.aborted) {
      return {
        code: 'CLUSTER_TIMEOUT',
        message: `The cluster did not answer within ${this.#timeoutMs / 1000} s`,
      };
    }
    return { code: 'CLUSTER_ERROR', message: error instanceof Error ? error.message : String(error) };
  }
}
