/** Helpers for HTTP tests of the cluster registry and node operations. */
import type { FastifyInstance } from 'fastify';
import type { Cluster } from '@atrium/kube-sim';
import { call } from '../../../testing/http.ts';
import type { KubeOptions } from '../../kube-services.ts';

/** Short timeouts and a quick probe loop, so tests see changes within seconds. */
export const QUICK_KUBE: KubeOptions = {
  timeouts: { connectMs: 2_000, requestMs: 4_000 },
  health: { intervalMs: 3_000, timeoutMs: 2_500, slowMs: 2_000 },
  summaryTimeoutMs: 2_000,
  capacityCacheMs: 0,
  drainPacing: { retryIntervalMs: 200, pollIntervalMs: 100 },
};

export function tokenCredential(cluster: Cluster, token = cluster.adminToken) {
  return { type: 'token', server: cluster.url, token, caData: cluster.caPem };
}

/** Registers `cluster` as `name` with its admin token; fails the test unless it is created. */
export async function registerCluster(
  app: FastifyInstance,
  token: string,
  name: string,
  cluster: Cluster,
  extra: Record<string, unknown> = {},
) {
  const response = await call(app, 'POST', '/api/v1/clusters', {
    token,
    body: { name, credential: tokenCredential(cluster), ...extra },
  });
  if (response.status !== 201)
    throw new Error(`registering ${name} failed: ${response.status} ${response.text}`);
  return response.json;
}
