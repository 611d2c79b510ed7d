import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../core/errors/app-error.ts';
import type { ClusterAccess, KubeAccess } from '../../access/kube-access.ts';
import { isKubeVerb } from '../../access/kind-permissions.ts';
import type { ClusterCaches } from '../../cache/cluster-caches.ts';
import type { ClusterConnections } from '../../connections/cluster-connections.ts';
import { changeContext } from '../../../audit/request-audit.ts';
import { CLUSTER_OBJECT, objectTarget } from '../../resources/audit-target.ts';
import type { ProxyAudit } from '../proxy-audit.ts';
import { readBody } from '../../../core/http/read-body.ts';
import { authorizeProxyRequest } from '../proxy-authorizer.ts';
import type { RequestInfo } from '../request-info.ts';
import { decodeAccessReviewSpec, type AccessReviewSpec } from './review-body.ts';

export interface SelfReviewDeps {
  connections: ClusterConnections;
  caches: ClusterCaches;
  access: KubeAccess;
  audit: ProxyAudit;
}

/** The review's attributes as the request they describe, or the reason no such request is allowed. */
function requestOf(spec: AccessReviewSpec): RequestInfo | string {
  const nonResource = spec.nonResourceAttributes;
  if (!spec.resourceAttributes && nonResource) {
    const path = nonResource.path ?? '';
    return { isResource: false, path, verb: nonResource.verb ?? '' };
  }
  const attributes = spec.resourceAttributes ?? {};
  const verb = attributes.verb ?? '';
  if (!isKubeVerb(verb)) return `Atrium grants no "${verb}" verb`;
  return {
    isResource: true,
    path: '',
    verb,
    group: attributes.group ?? '',
    version: attributes.version ?? '',
    namespace: attributes.namespace ?? '',
    resource: attributes.resource ?? '',
    subresource: attributes.subresource ?? '',
    name: attributes.name ?? '',
  };
}

/** kubectl asks about version `*` (any): the preferred served version stands for it. */
async function withServedVersion(info: RequestInfo, cluster: string, caches: ClusterCaches) {
  if (!info.isResource || (info.version !== '' && info.version !== '*')) return info;
  const served = await caches.resources(cluster).catch(() => []);
  const candidates = served.filter((r) => r.group === info.group && r.resource === info.resource);
  const match = candidates.find((r) => r.preferred) ?? candidates[0];
  return match ? { ...info, version: match.version } : info;
}

/** The same decision the proxy takes for the request the review describes. */
async function decide(spec: AccessReviewSpec, access: ClusterAccess, caches: ClusterCaches) {
  const described = requestOf(spec);
  if (typeof described === 'string') return { allowed: false, reason: described };
  const info = await withServedVersion(described, access.cluster, caches);
  try {
    const decision = await authorizeProxyRequest(info, access, caches);
    const reason = decision.permission ? `Atrium permission "${decision.permission}"` : 'discovery';
    return { allowed: true, reason };
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 403)
      return { allowed: false, reason: error.message };
    throw error;
  }
}

async function clusterAccess(request: FastifyRequest, deps: SelfReviewDeps): Promise<ClusterAccess> {
  const { cluster } = request.params as { cluster: string };
  deps.connections.get(cluster); // 404 for a cluster Atrium does not know
  return deps.access.forCluster(request.principal!, cluster);
}

/** What the review asks about, as the audit log names objects (`shop/pods/web/exec`), or the path. */
function reviewTarget(spec: AccessReviewSpec): string {
  const attributes = spec.resourceAttributes;
  if (!attributes) return spec.nonResourceAttributes?.path ?? '';
  return objectTarget({
    namespace: attributes.namespace ?? '',
    group: attributes.group ?? '',
    resource: attributes.resource ?? '',
    name: attributes.name ?? '',
    subresource: attributes.subresource ?? '',
  });
}

/**
 * `kubectl auth can-i` and `kubectl auth whoami` through Atrium. Forwarded, the cluster would
 * answer for Atrium's own credential; these reviews are answered here, for the Atrium user, with
 * the decision the proxy would take. Like the API server's audit log, Atrium's records them.
 */
export function selfReviewRoutes(app: FastifyInstance, prefix: string, deps: SelfReviewDeps): void {
  const post = (
    url: string,
    action: string,
    answer: (request: FastifyRequest) => Promise<{ targetId: string; review: Record<string, unknown> }>,
  ) =>
    app.route({
      method: 'POST',
      url: `${prefix}:cluster${url}`,
      // Any signed-in user may ask: the answer concerns only their own rights.
      config: { access: { authenticated: true }, audit: { action, targetType: CLUSTER_OBJECT } },
      schema: { hide: true },
      handler: async (request, reply) => {
        const { cluster } = request.params as { cluster: string };
        const { targetId, review } = await answer(request);
        await deps.audit.recordReview(changeContext(request), { cluster, targetId, answer: review });
        return reply.code(201).send(review);
      },
    });
  post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', 'kubectl.access-review', async (request) => {
    const access = await clusterAccess(request, deps);
    const spec = decodeAccessReviewSpec(request.headers['content-type'], await readBody(request.raw));
    const review = {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec,
      status: await decide(spec, access, deps.caches),
    };
    return { targetId: reviewTarget(spec), review };
  });
  post('/apis/authentication.k8s.io/v1/selfsubjectreviews', 'kubectl.self-review', async (request) => {
    await clusterAccess(request, deps);
    const principal = request.principal!;
    const review = {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: {
        userInfo: {
          username: principal.username,
          uid: principal.userId,
          groups: ['system:authenticated'],
          extra: principal.tokenId ? { 'atrium.io/token-id': [principal.tokenId] } : {},
        },
      },
    };
    return { targetId: principal.username, review };
  });
}
