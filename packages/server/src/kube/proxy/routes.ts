import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import type { ChangeContext } from '../../audit/audit-entry.ts';
import { actorOf, changeContext, scopeOf } from '../../audit/request-audit.ts';
import { CLUSTER_OBJECT } from '../resources/audit-target.ts';
import type { AppError } from '../../core/errors/app-error.ts';
import { toAppError } from '../../core/errors/error-handler.ts';
import type { KubeAccess } from '../access/kube-access.ts';
import type { ClusterCaches } from '../cache/cluster-caches.ts';
import type { ClusterConnections } from '../connections/cluster-connections.ts';
import { authorizeProxyRequest } from './proxy-authorizer.ts';
import type { ProxyAudit } from './proxy-audit.ts';
import { parseRequestInfo } from './request-info.ts';
import { kubeStatus, respondWithStatus } from './kube-status.ts';
import { forwardRequest, isUpgrade, type ProxiedRequest } from './forward.ts';
import { selfReviewRoutes } from './self-review/self-review-routes.ts';

export interface ProxyRouteDeps {
  connections: ClusterConnections;
  caches: ClusterCaches;
  access: KubeAccess;
  audit: ProxyAudit;
  log: FastifyBaseLogger;
}

const PREFIX = '/k8s/clusters/';

/** `/k8s/clusters/dev/api/v1/pods?watch=1` → `/api/v1/pods?watch=1`, keeping the query as sent. */
function upstreamPathOf(rawUrl: string): string {
  const rest = rawUrl.slice(PREFIX.length);
  const slash = rest.search(/[/?]/);
  const tail = slash < 0 ? '' : rest.slice(slash);
  return tail.startsWith('/') ? tail : `/${tail}`;
}

/** The audit context of a request that declares no audit (a GET that opens an exec session). */
function readContext(request: FastifyRequest): ChangeContext {
  return {
    actor: actorOf(request),
    sourceIp: request.ip,
    action: 'kubectl.exec',
    targetType: CLUSTER_OBJECT,
    scope: scopeOf(request),
    statusCode: 101,
    recorded: false,
  };
}

/** kubectl reads errors as Kubernetes Status objects: "Error from server (Forbidden): …". */
function statusErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError: AppError = toAppError(error, request);
    request.errorCode = appError.code;
    if (appError.statusCode >= 500) request.log.error({ err: error }, 'proxy request failed');
    return reply.code(appError.statusCode).type('application/json').send(kubeStatus(appError));
  });
}

/**
 * kubectl through Atrium: `/k8s/clusters/:cluster/*` is the cluster's own API, reached with
 * the pool's credential after authenticating the Atrium user (API token or access token as
 * Bearer) and authorizing namespace, kind and verb with Atrium's permissions. Bodies, watches,
 * chunked responses and upgrades (exec, attach, port-forward; WebSocket or SPDY alike, the
 * bytes are tunnelled) pass through. Every write and every session is audited.
 */
export const kubeProxyRoutes: FastifyPluginAsync<ProxyRouteDeps> = async (app, deps) => {
  // Bodies go to the cluster as they arrive, whatever their type (JSON, YAML, protobuf…).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
  statusErrorHandler(app);
  // An upgrade request answered without a 101 (refused, failed) owns a socket the HTTP server no
  // longer reads: nothing else would ever close it.
  app.addHook('onResponse', async (request) => {
    if (isUpgrade(request)) request.raw.socket.destroy();
  });

  // Static routes win over the wildcard below: these reviews are answered by Atrium.
  selfReviewRoutes(app, PREFIX, deps);

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const { cluster } = request.params as { cluster: string };
    const pathAndQuery = upstreamPathOf(request.raw.url ?? '');
    const [path = '/', query = ''] = pathAndQuery.split('?', 2) as [string, string?];
    const info = parseRequestInfo(request.method, path, new URLSearchParams(query));
    const connection = deps.connections.get(cluster);
    const access = await deps.access.forCluster(request.principal!, cluster);
    const decision = await authorizeProxyRequest(info, access, deps.caches);
    const mutating = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    const proxied: ProxiedRequest = {
      request,
      reply,
      connection,
      info,
      pathAndQuery,
      workspaceId: decision.workspaceId,
      // Sessions (exec over a GET upgrade) are audited too, so every request carries a context.
      context: mutating ? changeContext(request) : readContext(request),
    };
    await forwardRequest(proxied, deps, (error) => respondWithStatus(request, reply, error));
  };
  // One route per method, so that each write records (and fails) under its own action.
  const routes: [string[], string | null][] = [
    [['GET', 'OPTIONS'], null],
    [['POST'], 'kubectl.create'],
    [['PUT'], 'kubectl.update'],
    [['PATCH'], 'kubectl.patch'],
    [['DELETE'], 'kubectl.delete'],
  ];
  for (const [method, action] of routes) {
    app.route({
      method,
      url: `${PREFIX}:cluster/*`,
      config: {
        // Authenticated here; what the user may do is decided per namespace, kind and verb.
        access: { authenticated: true },
        ...(action && { audit: { action, targetType: CLUSTER_OBJECT, targetParam: '*' } }),
      },
      schema: { hide: true },
      handler,
    });
  }
};
