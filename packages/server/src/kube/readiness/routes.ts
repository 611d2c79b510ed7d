import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { clusterErrors } from '../clusters/routes.ts';
import { ClusterParams } from '../clusters/schemas.ts';
import type { ClusterConnections } from '../connections/cluster-connections.ts';
import { kubeRequest, responseFailure } from '../connections/kube-request.ts';
import { parseReadyz } from './readiness-checks.ts';

const ReadinessList = Type.Object({
  items: Type.Array(Type.Object({ name: Type.String(), ok: Type.Boolean(), message: Type.String() })),
});

/**
 * GET /api/v1/clusters/:cluster/readiness: the API server's own checks (`/readyz?verbose`), the
 * cluster overview's component health. componentstatuses is deprecated and empty on current
 * clusters; /readyz is what replaced it.
 */
export const readinessRoutes: FastifyPluginAsyncTypebox<{ connections: ClusterConnections }> = async (
  app,
  { connections },
) => {
  app.get(
    '/clusters/:cluster/readiness',
    {
      config: { access: { permission: 'clusters:view', scope: 'platform' } },
      schema: {
        tags: ['clusters'],
        summary: "The API server's readiness checks (/readyz?verbose)",
        params: ClusterParams,
        response: { 200: ReadinessList, ...clusterErrors },
      },
    },
    async (request) => {
      const { kubeConfig } = connections.get(request.params.cluster);
      const response = await kubeRequest<unknown>(kubeConfig, { path: '/readyz?verbose' });
      // A failing check answers 500 with the same lines; only an answer without them is an error.
      const checks = typeof response.body === 'string' ? parseReadyz(response.body) : [];
      if (!checks.length) {
        throw responseFailure(response, kubeConfig.getCurrentCluster()?.server ?? '', 'get /readyz');
      }
      return { items: checks };
    },
  );
};
