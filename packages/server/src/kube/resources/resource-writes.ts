import type { ChangeContext } from '../../audit/audit-entry.ts';
import type { Principal } from '../../auth/principal.ts';
import { validationFailed } from '../../core/errors/errors.ts';
import { KubeApiError, type KubeApiClient } from '../cache/kube-api-client.ts';
import { collectionPath, itemPath, type KubeObject, type ResourceRef } from '../cache/resource-ref.ts';
import { CLUSTER_OBJECT, objectTarget } from './audit-target.ts';
import { objectDiff } from './object-diff.ts';
import { assertVerb } from './resource-reads.ts';
import {
  authorizeObject,
  objectError,
  resolveTarget,
  type ResourceDeps,
  type Target,
} from './resource-context.ts';

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

/** The patch flavour each content type asks for, as with `kubectl patch --type`. */
export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

const CONTENT_TYPE_OF: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export const DEFAULT_FIELD_MANAGER = 'atrium';

export interface PatchOptions {
  fieldManager?: string;
  force?: boolean;
  dryRun?: boolean;
}

function requireObject(body: unknown, field = 'body'): KubeObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationFailed(field, `${field} must be a Kubernetes object (JSON or YAML)`);
  }
  return body as KubeObject;
}

/**
 * Changes to cluster objects, made with the pool's credential after Atrium's own check, each
 * audited with a before/after diff (Secret values masked) in the cluster and workspace scope.
 */
export class ResourceWrites {
  readonly #deps: ResourceDeps;

  constructor(deps: ResourceDeps) {
    this.#deps = deps;
  }

  async create(
    ctx: ChangeContext,
    principal: Principal,
    cluster: string,
    ref: ResourceRef,
    body: unknown,
    namespace?: string,
  ) {
    const object = structuredClone(requireObject(body));
    const target = await resolveTarget(this.#deps, principal, cluster, ref);
    assertVerb(target, 'create');
    const ns = target.resource.namespaced ? (object.metadata?.namespace ?? namespace ?? '') : '';
    if (target.resource.namespaced && !ns) {
      throw validationFailed(
        'metadata.namespace',
        'metadata.namespace (or ?namespace=) is required for a namespaced kind',
      );
    }
    if (ns) object.metadata = { ...object.metadata, namespace: ns };
    authorizeObject(target, 'create', ns, '');
    const created = await this.#call(target, object.metadata?.name ?? '', (client) =>
      client.request<KubeObject>({
        method: 'POST',
        path: collectionPath(target.resource, ns),
        query: { fieldManager: DEFAULT_FIELD_MANAGER },
        body: object,
      }),
    );
    await this.#record(ctx, target, ns, created.metadata?.name ?? '', null, created);
    return created;
  }

  async replace(
    ctx: ChangeContext,
    principal: Principal,
    cluster: string,
    ref: ResourceRef,
    namespace: string,
    name: string,
    body: unknown,
  ) {
    const object = requireObject(body);
    const target = await resolveTarget(this.#deps, principal, cluster, ref);
    assertVerb(target, 'update');
    authorizeObject(target, 'update', namespace, name);
    const before = await this.#read(target, namespace, name);
    const replaced = await this.#call(target, name, (client) =>
      client.request<KubeObject>({
        method: 'PUT',
        path: this.#path(target, namespace, name),
        query: { fieldManager: DEFAULT_FIELD_MANAGER },
        body: object,
      }),
    );
    await this.#record(ctx, target, namespace, name, before, replaced);
    return replaced;
  }

  async patch(
    ctx: ChangeContext,
    principal: Principal,
    cluster: string,
    ref: ResourceRef,
    location: { namespace: string; name: string },
    type: PatchType,
    body: unknown,
    options: PatchOptions = {},
  ) {
    const { namespace, name } = location;
    if (
      type === 'json'
        ? !Array.isArray(body)
        : body === null || typeof body !== 'object' || Array.isArray(body)
    ) {
      throw validationFailed(
        'body',
        type === 'json' ? 'a JSON patch is an array of operations' : 'the patch must be an object',
      );
    }
    const target = await resolveTarget(this.#deps, principal, cluster, ref);
    assertVerb(target, 'patch');
    authorizeObject(target, 'patch', namespace, name);
    const before = await this.#read(target, namespace, name);
    // A server-side apply of an object that does not exist yet creates it.
    if (!before && type === 'apply') authorizeObject(target, 'create', namespace, name);
    const patched = await this.#call(target, name, (client) =>
      client.request<KubeObject>({
        method: 'PATCH',
        path: this.#path(target, namespace, name),
        contentType: CONTENT_TYPE_OF[type],
        query: {
          fieldManager: options.fieldManager ?? DEFAULT_FIELD_MANAGER,
          force: type === 'apply' && options.force ? 'true' : undefined,
          dryRun: options.dryRun ? 'All' : undefined,
        },
        body,
      }),
    );
    if (!options.dryRun) await this.#record(ctx, target, namespace, name, before, patched);
    return { before, after: patched, target };
  }

  async delete(
    ctx: ChangeContext,
    principal: Principal,
    cluster: string,
    ref: ResourceRef,
    location: { namespace: string; name: string },
    propagationPolicy?: string,
  ) {
    const { namespace, name } = location;
    const target = await resolveTarget(this.#deps, principal, cluster, ref);
    assertVerb(target, 'delete');
    authorizeObject(target, 'delete', namespace, name);
    const before = await this.#read(target, namespace, name);
    const answer = await this.#call(target, name, (client) =>
      client.request<KubeObject>({
        method: 'DELETE',
        path: this.#path(target, namespace, name),
        body: { kind: 'DeleteOptions', apiVersion: 'v1', ...(propagationPolicy && { propagationPolicy }) },
      }),
    );
    await this.#record(ctx, target, namespace, name, before, null);
    return answer;
  }

  #path(target: Target, namespace: string, name: string): string {
    return itemPath(target.resource, target.resource.namespaced ? namespace : '', name);
  }

  /** The object as it is now, or null when it does not exist. */
  async #read(target: Target, namespace: string, name: string): Promise<KubeObject | null> {
    try {
      const client = (await this.#deps.caches.cluster(target.cluster)).client();
      return await client.request<KubeObject>({ path: this.#path(target, namespace, name) });
    } catch (error) {
      if (error instanceof KubeApiError && error.statusCode === 404) return null;
      throw objectError(target, name, error);
    }
  }

  async #call<T>(target: Target, name: string, call: (client: KubeApiClient) => Promise<T>): Promise<T> {
    const client = (await this.#deps.caches.cluster(target.cluster)).client();
    try {
      return await call(client);
    } catch (error) {
      throw objectError(target, name, error);
    }
  }

  async #record(
    ctx: ChangeContext,
    target: Target,
    namespace: string,
    name: string,
    before: KubeObject | null,
    after: KubeObject | null,
  ) {
    await recordObjectChange(this.#deps, ctx, target, { namespace, name, before, after });
  }
}

/** One audit record for a change of one object: target `<namespace>/<name>`, cluster and workspace scope. */
export async function recordObjectChange(
  deps: ResourceDeps,
  ctx: ChangeContext,
  target: Target,
  change: { namespace: string; name: string; before: KubeObject | null; after: KubeObject | null },
): Promise<void> {
  const workspaceId = change.namespace ? target.access.workspaceOf(change.namespace) : undefined;
  const context: ChangeContext = {
    ...ctx,
    targetType: CLUSTER_OBJECT,
    scope: { ...ctx.scope, clusterId: target.cluster, ...(workspaceId && { workspaceId }) },
  };
  await deps.audit.recordChange(deps.db, context, {
    targetId: objectTarget({ ...target.resource, namespace: change.namespace, name: change.name }),
    diff: objectDiff(change.before, change.after),
  });
  ctx.recorded = true;
}
