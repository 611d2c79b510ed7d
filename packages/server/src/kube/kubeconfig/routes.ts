import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { changeContext } from '../../audit/request-audit.ts';
import { clusterErrors, ClusterParams } from '../resources/schemas.ts';
import type { TlsEndpoint } from '../../core/http/tls-listener.ts';
import { DEFAULT_KUBECONFIG_DAYS, type KubeconfigService, type KubectlServer } from './service.ts';

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

/**
 * Where kubectl should reach this Atrium: ATRIUM_PUBLIC_URL when set (the operator's TLS, e.g.
 * an ingress); else over TLS on the host the user reached us at — the port of Atrium's own
 * HTTPS listener when this request came in plain — with its CA when Atrium issued the
 * certificate. Plain HTTP only when Atrium serves no TLS (kubectl then sends no token).
 */
function kubectlEndpoint(
  request: FastifyRequest,
  configured: string | null,
  tls: TlsEndpoint,
): KubectlServer {
  if (configured) return { url: configured, caPem: null };
  if (request.protocol === 'https') return { url: `https://${request.host}`, caPem: tls.caPem };
  if (tls.port !== null) return { url: `https://${request.hostname}:${tls.port}`, caPem: tls.caPem };
  return { url: `http://${request.host}`, caPem: null };
}

/** GET /api/v1/clusters/:cluster/kubeconfig: kubectl through Atrium for the calling user. */
export const kubeconfigRoutes: FastifyPluginAsyncTypebox<{
  kubeconfigs: KubeconfigService;
  publicUrl: string | null;
  tls: TlsEndpoint;
}> = async (app, { kubeconfigs, publicUrl, tls }) => {
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
        server: kubectlEndpoint(request, publicUrl, tls),
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
