import type { ClusterCaches } from '../cache/cluster-caches.ts';
import { parseLabelSelector } from '../cache/label-selector.ts';
import type { ResourceRef } from '../cache/resource-ref.ts';

/** The label tenancy puts on the namespaces it creates for a workspace. */
export const WORKSPACE_LABEL = 'atrium.io/workspace';

export interface WorkspaceNamespace {
  namespace: string;
  workspaceId: string;
}

/**
 * Which namespaces of a cluster belong to which workspace. Tenancy will own workspaces; until
 * then (and for namespaces created outside Atrium) the namespace label is the record.
 */
export interface WorkspaceNamespaces {
  /** Every namespace of the cluster that belongs to a workspace. */
  list(cluster: string): Promise<WorkspaceNamespace[]>;
  /** The namespaces of one workspace in the cluster. */
  namespacesOf(cluster: string, workspaceId: string): Promise<string[]>;
}

const NAMESPACES: ResourceRef = { group: '', version: 'v1', resource: 'namespaces' };
const LABELLED = parseLabelSelector(WORKSPACE_LABEL);

/** Reads the `atrium.io/workspace` label of the cluster's namespaces from the watch cache. */
export class LabelledWorkspaceNamespaces implements WorkspaceNamespaces {
  readonly #caches: ClusterCaches;

  constructor(caches: ClusterCaches) {
    this.#caches = caches;
  }

  async list(cluster: string): Promise<WorkspaceNamespace[]> {
    const resource = await this.#caches.resolve(cluster, NAMESPACES);
    const { items } = await this.#caches.list(cluster, resource, { labelSelector: LABELLED });
    return items.map((ns) => ({
      namespace: ns.metadata?.name ?? '',
      workspaceId: ns.metadata?.labels?.[WORKSPACE_LABEL] ?? '',
    }));
  }

  async namespacesOf(cluster: string, workspaceId: string): Promise<string[]> {
    const resource = await this.#caches.resolve(cluster, NAMESPACES);
    const selector = parseLabelSelector(`${WORKSPACE_LABEL}=${workspaceId}`);
    const { items } = await this.#caches.list(cluster, resource, { labelSelector: selector });
    return items.map((ns) => ns.metadata?.name ?? '');
  }
}
