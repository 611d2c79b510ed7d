import { AppError } from '../../core/errors/app-error.ts';
import { conflict, notFound } from '../../core/errors/errors.ts';
import type { ClusterConnection } from '../connections/cluster-connections.ts';
import {
  isSuccess,
  kubeRequest,
  responseFailure,
  statusMessage,
  type KubeResponse,
} from '../connections/kube-request.ts';
import { parseQuantity, roundMilli } from './quantity.ts';
import type { NodeObject, PodObject } from './resources.ts';

export interface NodeUsage {
  cpu: number;
  memory: number;
}

function serverOf(connection: ClusterConnection): string {
  return connection.kubeConfig.getCurrentCluster()?.server ?? '';
}

function expectOk<T>(connection: ClusterConnection, response: KubeResponse<T>, action: string): T {
  if (isSuccess(response)) return response.body;
  throw responseFailure(response, serverOf(connection), action);
}

const enc = encodeURIComponent;

/** The node and pod calls node operations make, with failures as coded errors. */
export const nodeApi = {
  async listNodes(connection: ClusterConnection): Promise<NodeObject[]> {
    const response = await kubeRequest<{ items?: NodeObject[] }>(connection.kubeConfig, {
      path: '/api/v1/nodes',
    });
    return expectOk(connection, response, 'list nodes').items ?? [];
  },

  async getNode(connection: ClusterConnection, name: string): Promise<NodeObject> {
    const response = await kubeRequest<NodeObject>(connection.kubeConfig, {
      path: `/api/v1/nodes/${enc(name)}`,
    });
    if (response.status === 404) throw notFound('Node', name);
    return expectOk(connection, response, 'get nodes');
  },

  /** A JSON merge patch of a node; `resourceVersion` in it makes the write conditional. */
  async patchNode(connection: ClusterConnection, name: string, patch: object): Promise<NodeObject> {
    const response = await kubeRequest<NodeObject>(connection.kubeConfig, {
      method: 'PATCH',
      path: `/api/v1/nodes/${enc(name)}`,
      body: patch,
      contentType: 'application/merge-patch+json',
    });
    if (response.status === 404) throw notFound('Node', name);
    if (response.status === 409) {
      throw conflict(`Node "${name}" changed meanwhile; reload it and try again`, {
        clusterMessage: statusMessage(response.body),
      });
    }
    return expectOk(connection, response, 'patch nodes');
  },

  /** Pods of one node (`spec.nodeName=<node>`), or the unfinished pods of the whole cluster. */
  async listPods(connection: ClusterConnection, nodeName?: string): Promise<PodObject[]> {
    const filter = nodeName ? `spec.nodeName=${nodeName}` : 'status.phase!=Succeeded,status.phase!=Failed';
    const selector = `?fieldSelector=${enc(filter)}`;
    const response = await kubeRequest<{ items?: PodObject[] }>(connection.kubeConfig, {
      path: `/api/v1/pods${selector}`,
    });
    return expectOk(connection, response, 'list pods').items ?? [];
  },

  async getPod(
    connection: ClusterConnection,
    namespace: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<PodObject | null> {
    const response = await kubeRequest<PodObject>(connection.kubeConfig, {
      path: `/api/v1/namespaces/${enc(namespace)}/pods/${enc(name)}`,
      ...(signal && { signal }),
    });
    if (response.status === 404) return null;
    return expectOk(connection, response, 'get pods');
  },

  /** POST pods/eviction: the raw answer, since 429 (a disruption budget) is worth retrying. */
  evictPod(
    connection: ClusterConnection,
    pod: PodObject,
    gracePeriodSeconds: number | undefined,
    signal?: AbortSignal,
  ) {
    const { namespace, name } = pod.metadata;
    return kubeRequest<unknown>(connection.kubeConfig, {
      method: 'POST',
      path: `/api/v1/namespaces/${enc(namespace)}/pods/${enc(name)}/eviction`,
      body: {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name, namespace },
        ...(gracePeriodSeconds !== undefined && { deleteOptions: { gracePeriodSeconds } }),
      },
      ...(signal && { signal }),
    });
  },

  /**
   * Usage per node from metrics.k8s.io, or null when the cluster has no metrics API (or it
   * fails): usage is a nicety, never a reason for the node list to fail.
   */
  async nodeUsage(connection: ClusterConnection): Promise<Map<string, NodeUsage> | null> {
    try {
      const response = await kubeRequest<{
        items?: { metadata: { name: string }; usage?: Record<string, string> }[];
      }>(connection.kubeConfig, { path: '/apis/metrics.k8s.io/v1beta1/nodes' });
      if (!isSuccess(response)) return null;
      return new Map(
        (response.body.items ?? []).map((item) => [
          item.metadata.name,
          {
            cpu: roundMilli(parseQuantity(item.usage?.['cpu'])),
            memory: Math.round(parseQuantity(item.usage?.['memory'])),
          },
        ]),
      );
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
  },
};
