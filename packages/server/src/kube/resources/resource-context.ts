import type { AuditRecorder } from '../../audit/recorder.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Executor } from '../../core/db/schema.ts';
import { validationFailed } from '../../core/errors/errors.ts';
import type { ClusterCaches } from '../cache/cluster-caches.ts';
import { toClusterError } from '../cache/cluster-errors.ts';
import type { ApiResource } from '../cache/discovery.ts';
import { KubeApiError } from '../cache/kube-api-client.ts';
import type { ResourceRef } from '../cache/resource-ref.ts';
import { objectNotFound, type ClusterAccess, type KubeAccess } from '../access/kube-access.ts';
import { permissionFor, type KubeVerb } from '../access/kind-permissions.ts';

export interface ResourceDeps {
  db: Executor;
  caches: ClusterCaches;
  access: KubeAccess;
  audit: AuditRecorder;
}

/** A kind in a cluster, resolved, with the caller's rights there. */
export interface Target {
  cluster: string;
  resource: ApiResource;
  access: ClusterAccess;
}

export async function resolveTarget(
  deps: ResourceDeps,
  principal: Principal,
  cluster: string,
  ref: ResourceRef,
): Promise<Target> {
  const resource = await deps.caches.resolve(cluster, ref);
  const access = await deps.access.forCluster(principal, cluster);
  return { cluster, resource, access };
}

/** The code `verb` needs on this kind; events (read-only through Atrium) refuse writes. */
export function requiredPermission(target: Target, verb: KubeVerb, subresource?: string): string {
  const permission = permissionFor(
    { group: target.resource.group, resource: target.resource.resource, subresource },
    verb,
  );
  if (!permission) {
    throw validationFailed('resource', `${target.resource.resource} cannot be changed through Atrium`, {
      verb,
    });
  }
  return permission;
}

/**
 * Checks `verb` on one object (or a create in a namespace): a hidden namespace answers 404
 * exactly like a missing object, a visible one without the code 403, cluster-scoped kinds
 * need a platform binding — except namespaces, which the caller may see one by one.
 */
export function authorizeObject(target: Target, verb: KubeVerb, namespace: string, name: string): string {
  const permission = requiredPermission(target, verb);
  const { resource, access, cluster } = target;
  if (resource.namespaced) {
    access.assertNamespace(permission, namespace, () =>
      name
        ? objectNotFound(cluster, qualified(resource), name)
        : objectNotFound(cluster, 'namespaces', namespace),
    );
  } else if (resource.group === '' && resource.resource === 'namespaces' && verb === 'get') {
    access.assertNamespace(permission, name, () => objectNotFound(cluster, 'namespaces', name));
  } else {
    access.assertPlatform(permission);
  }
  return permission;
}

/** `deployments.apps`, `pods`: how Kubernetes names a kind in its messages. */
export function qualified(ref: { group: string; resource: string }): string {
  return ref.group ? `${ref.resource}.${ref.group}` : ref.resource;
}

/** A cluster error for an object request; the cluster's 404 becomes the same 404 a hidden object gets. */
export function objectError(target: Target, name: string, error: unknown): Error {
  if (error instanceof KubeApiError && error.statusCode === 404) {
    const details = error.status.details;
    const resource = details?.kind
      ? qualified({ group: details.group ?? '', resource: details.kind })
      : qualified(target.resource);
    return objectNotFound(target.cluster, resource, details?.name ?? name);
  }
  return toClusterError(target.cluster, error);
}
