import { AppError } from '../../core/errors/app-error.ts';
import { forbidden } from '../../core/errors/errors.ts';
import type { ClusterAccess } from '../access/kube-access.ts';
import { permissionFor } from '../access/kind-permissions.ts';
import type { ClusterCaches } from '../cache/cluster-caches.ts';
import type { RequestInfo } from './request-info.ts';

/** Reads of these need only some permission in the cluster: kubectl cannot start without them. */
const DISCOVERY = [
  /^\/version\/?$/,
  /^\/api\/?$/,
  /^\/api\/v1\/?$/,
  /^\/apis\/?$/,
  /^\/apis\/[^/]+\/?$/,
  /^\/apis\/[^/]+\/[^/]+\/?$/,
  /^\/openapi\/v[23](\/.*)?$/,
];

/**
 * Asked of these, a cluster would answer for Atrium's credential, not for the user; the self
 * reviews kubectl sends are answered by Atrium itself (self-review/).
 */
const SELF_REVIEW_GROUPS = new Set(['authentication.k8s.io', 'authorization.k8s.io']);

export interface ProxyDecision {
  permission: string | null;
  /** The workspace of the namespace acted in, for the audit scope. */
  workspaceId: string | undefined;
}

function denied(message: string, permission?: string): AppError {
  return new AppError('FORBIDDEN', 403, message, permission ? { permission } : {});
}

/**
 * Authorizes a native API request against Atrium's permissions. Unlike the resource API, a
 * refusal is always 403 (kubectl users expect RBAC's answer, and it is given whether or not
 * the namespace exists). A request spanning namespaces is forwarded only for a caller who
 * holds the code everywhere: the answer would list hidden namespaces' objects.
 */
export async function authorizeProxyRequest(
  info: RequestInfo,
  access: ClusterAccess,
  caches: ClusterCaches,
): Promise<ProxyDecision> {
  if (!info.isResource) {
    const readable =
      ['get', 'head'].includes(info.verb) && DISCOVERY.some((pattern) => pattern.test(info.path));
    if (!readable) throw denied(`${info.path} is not available through Atrium`);
    if (!access.hasAnyCode()) throw denied(`You hold no permission in cluster "${access.cluster}"`);
    return { permission: null, workspaceId: undefined };
  }
  if (SELF_REVIEW_GROUPS.has(info.group)) {
    throw denied(
      `${info.resource}.${info.group} is not available through Atrium: it would answer for Atrium's own credential`,
    );
  }
  const permission = permissionFor(info, info.verb);
  if (!permission) throw denied(`${info.verb} ${info.resource} is not allowed through Atrium`);
  const forbid = () => forbidden(permission, { type: 'cluster', id: access.cluster });
  const served = await caches
    .resolve(access.cluster, { group: info.group, version: info.version, resource: info.resource })
    .catch(() => null);
  const namespaced = info.namespace !== '' || served?.namespaced === true;
  if (info.namespace) {
    // A hidden namespace answers like any other refusal here: RBAC's 403, not a 404.
    access.assertNamespace(permission, info.namespace, forbid);
    return { permission, workspaceId: access.workspaceOf(info.namespace) };
  }
  if (
    info.group === '' &&
    info.resource === 'namespaces' &&
    info.name &&
    ['get', 'watch'].includes(info.verb)
  ) {
    access.assertNamespace(permission, info.name, forbid);
    return { permission, workspaceId: access.workspaceOf(info.name) };
  }
  // Cluster-scoped kinds, and namespaced kinds across every namespace: platform bindings only.
  if (!access.hasPlatform(permission)) {
    throw namespaced
      ? denied(
          `Listing ${info.resource} across namespaces needs "${permission}" on the platform; name a namespace (-n)`,
          permission,
        )
      : forbid();
  }
  return { permission, workspaceId: undefined };
}
