import type { Principal } from '../../auth/principal.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { forbidden } from '../../core/errors/errors.ts';
import { parseFieldSelector } from '../cache/field-selector.ts';
import { parseLabelSelector } from '../cache/label-selector.ts';
import { itemPath, refKey, type KubeObject, type ResourceRef } from '../cache/resource-ref.ts';
import { includes, objectNotFound, type NamespaceSet } from '../access/kube-access.ts';
import { kindCodes } from '../access/kind-permissions.ts';
import { viewOf, type ListView, type ViewPage } from './list-view.ts';
import {
  authorizeObject,
  objectError,
  requiredPermission,
  resolveTarget,
  type ResourceDeps,
  type Target,
} from './resource-context.ts';

export interface ListQuery extends ListView {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ResourceList extends ViewPage {
  resourceVersion: string;
}

export function isNamespaceKind(target: Target): boolean {
  return target.resource.group === '' && target.resource.resource === 'namespaces';
}

export function assertVerb(target: Target, verb: string): void {
  if (!target.resource.verbs.includes(verb)) {
    throw new AppError('METHOD_NOT_ALLOWED', 405, `${target.resource.resource} does not support ${verb}`, {
      cluster: target.cluster,
      verb,
    });
  }
}

/**
 * Where a list may look: one visible namespace, the namespaces holding the code, or all.
 * Nobody learns of a namespace they cannot see: asking for one is 404, like a missing one.
 */
export function listScope(target: Target, permission: string, namespace: string | undefined): NamespaceSet {
  const { access, cluster, resource } = target;
  if (resource.namespaced && namespace) {
    access.assertNamespace(permission, namespace, () => objectNotFound(cluster, 'namespaces', namespace));
    return 'all';
  }
  if (!resource.namespaced && !isNamespaceKind(target)) {
    access.assertPlatform(permission);
    return 'all';
  }
  const allowed = access.allowed(permission);
  if (allowed !== 'all' && allowed.size === 0) throw forbidden(permission, { type: 'platform', id: '' });
  return allowed;
}

/** Reads: lists from the watch cache, single objects from the cluster. */
export class ResourceReads {
  readonly #deps: ResourceDeps;

  constructor(deps: ResourceDeps) {
    this.#deps = deps;
  }

  async list(
    principal: Principal,
    cluster: string,
    ref: ResourceRef,
    query: ListQuery,
  ): Promise<ResourceList> {
    const target = await resolveTarget(this.#deps, principal, cluster, ref);
    assertVerb(target, 'list');
    const permission = requiredPermission(target, 'list');
    const scope = listScope(target, permission, query.namespace);
    const labelSelector = parseLabelSelector(query.labelSelector);
    const fieldSelector = parseFieldSelector(query.fieldSelector);
    const namespace = target.resource.namespaced ? query.namespace : undefined;
    const cached = await this.#deps.caches.list(cluster, target.resource, {
      namespace,
      labelSelector,
      fieldSelector,
    });
    const byName = isNamespaceKind(target);
    const items =
      scope === 'all'
        ? cached.items
        : cached.items.filter((o: KubeObject) =>
            includes(scope, (byName ? o.metadata?.name : o.metadata?.namespace) ?? ''),
          );
    const identity = {
      cluster,
      resource: refKey(target.resource),
      namespace,
      labelSelector: query.labelSelector ?? '',
      fieldSelector: query.fieldSelector ?? '',
    };
    return { ...viewOf(items, query, identity), resourceVersion: cached.resourceVersion };
  }

  /**
   * Discovery for the console's resource browser, with the codes each action on a kind needs so
   * the console shows only the buttons that will work: to anyone holding a code in this cluster.
   */
  async apiResources(principal: Principal, cluster: string) {
    const access = await this.#deps.access.forCluster(principal, cluster);
    if (!access.hasAnyCode()) {
      throw new AppError('FORBIDDEN', 403, `You hold no permission in cluster "${cluster}"`, { cluster });
    }
    const items = await this.#deps.caches.resources(cluster);
    return items
      .map((item) => ({ ...item, permissions: kindCodes(item) }))
      .sort(
        (a, b) =>
          a.group.localeCompare(b.group) ||
          a.resource.localeCompare(b.resource) ||
          a.version.localeCompare(b.version),
      );
  }

  async get(principal: Principal, cluster: string, ref: ResourceRef, namespace: string, name: string) {
    const target = await resolveTarget(this.#deps, principal, cluster, ref);
    authorizeObject(target, 'get', namespace, name);
    const client = (await this.#deps.caches.cluster(cluster)).client();
    try {
      return await client.request<KubeObject>({
        path: itemPath(target.resource, target.resource.namespaced ? namespace : '', name),
      });
    } catch (error) {
      throw objectError(target, name, error);
    }
  }
}
