import type { ClusterConnection } from '../connections/cluster-connections.ts';
import { isSuccess, kubeRequest, responseFailure } from '../connections/kube-request.ts';
import {
  nodeAllocatable,
  sumRequests,
  type NodeObject,
  type PodObject,
  type Resources,
} from '../nodes/resources.ts';
import { roundMilli } from '../nodes/quantity.ts';

export interface ClusterCapacity {
  nodeCount: number;
  allocatable: Resources;
  requested: Resources;
}

/**
 * Where the cluster list gets each cluster's node count and resources. The watch cache can
 * take over (ClusterService.useCapacitySource); until then they come from live lists.
 */
export interface ClusterCapacitySource {
  capacityOf(connection: ClusterConnection, signal: AbortSignal): Promise<ClusterCapacity>;
}

const ACTIVE_PODS = 'fieldSelector=status.phase%21%3DSucceeded%2Cstatus.phase%21%3DFailed';

export function capacityFrom(nodes: readonly NodeObject[], pods: readonly PodObject[]): ClusterCapacity {
  let cpu = 0;
  let memory = 0;
  for (const node of nodes) {
    const allocatable = nodeAllocatable(node);
    cpu += allocatable.cpu;
    memory += allocatable.memory;
  }
  return {
    nodeCount: nodes.length,
    allocatable: { cpu: roundMilli(cpu), memory },
    requested: sumRequests(pods),
  };
}

async function listItems<T>(connection: ClusterConnection, path: string, what: string, signal: AbortSignal) {
  const response = await kubeRequest<{ items?: T[] }>(connection.kubeConfig, { path, signal });
  if (!isSuccess(response)) {
    throw responseFailure(response, connection.kubeConfig.getCurrentCluster()?.server ?? '', what);
  }
  return response.body.items ?? [];
}

/** Lists nodes and running pods of a cluster, remembering the answer briefly. */
export class LiveCapacitySource implements ClusterCapacitySource {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #memo = new Map<string, { at: number; connection: ClusterConnection; value: ClusterCapacity }>();

  constructor(options: { ttlMs: number; now: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
  }

  async capacityOf(connection: ClusterConnection, signal: AbortSignal): Promise<ClusterCapacity> {
    const memo = this.#memo.get(connection.name);
    const now = this.#now();
    // A rotated or re-registered cluster is a new connection object: never reuse its old numbers.
    if (memo && memo.connection === connection && now - memo.at < this.#ttlMs) return memo.value;
    const [nodes, pods] = await Promise.all([
      listItems<NodeObject>(connection, '/api/v1/nodes?resourceVersion=0', 'list nodes', signal),
      listItems<PodObject>(connection, `/api/v1/pods?resourceVersion=0&${ACTIVE_PODS}`, 'list pods', signal),
    ]);
    const value = capacityFrom(nodes, pods);
    this.#memo.set(connection.name, { at: now, connection, value });
    return value;
  }
}
