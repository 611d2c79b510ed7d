import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { changeContext } from '../../audit/request-audit.ts';
import { clusterErrors, ClusterParams } from '../resources/schemas.ts';
import { DEFAULT_KUBECONFIG_DAYS, type KubeconfigService } from './service.ts';

const KubeconfigQuery = Type.Object({
  expiresInDays: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 365,
      default: DEFAULT_KUBECONFIG_DAYS,
      description: 'lifetime of its token',
    }),
  ),
});

/** ATRIUM_PUBLIC_URL when set, else how this request reached us. */
function publicUrlOf(request: FastifyRequest, configured: string | null): string {
  return configured ?? `${request.protocol}://${request.host}`;
}

/** GET /api/v1/clusters/:cluster/kubeconfig: kubectl through Atrium for the calling user. */
export const kubeconfigRoutes: FastifyPluginAsyncTypebox<{
  kubeconfigs: KubeconfigService;
  publicUrl: string | null;
}> = async (app, { kubeconfigs, publicUrl }) => {
  app.get(
    '/clusters/:cluster/kubeconfig',
    {
      config: {
        // Minting a token is something a token must not do for itself; needs kubeconfig:download.
        access: { authenticated: true, sessionOnly: true },
        audit: { action: 'kubeconfig.download', targetType: 'api-token', targetParam: 'cluster' },
      },
      schema: {
        tags: ['cluster resources'],
        summary: 'Download a kubeconfig for this cluster through Atrium, with a new personal API token',
        params: ClusterParams,
        querystring: KubeconfigQuery,
        response: { 200: Type.String({ description: 'kubeconfig YAML' }), ...clusterErrors },
      },
    },
    async (request, reply) => {
      const { cluster } = request.params;
      const yaml = await kubeconfigs.download(changeContext(request), request.principal!, {
        cluster,
        publicUrl: publicUrlOf(request, publicUrl),
        ...(request.query.expiresInDays && { expiresInDays: request.query.expiresInDays }),
      });
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${cluster}.kubeconfig"`)
        .header('cache-control', 'no-store')
        .send(yaml);
    },
  );
};
