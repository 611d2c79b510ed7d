import type { ApiResource, KindRef, KubeObject } from '../../api/kubeTypes';
import { getResource, listApiResources } from '../../api/resources';
import { ageColumn, type ColumnDef } from '../../models/columns';
import { printerColumns } from '../../models/customResourceDefinition';
import { builtinColumns, genericColumns, normalGroup } from '../../models/registry';

// Discovery changes rarely (a CRD installed): one answer per cluster per page load is enough.
const discovery = new Map<string, Promise<ApiResource[]>>();

export function apiResources(cluster: string): Promise<ApiResource[]> {
  let cached = discovery.get(cluster);
  if (!cached) {
    cached = listApiResources(cluster).then((r) => r.items);
    cached.catch(() => discovery.delete(cluster));
    discovery.set(cluster, cached);
  }
  return cached;
}

export function forgetDiscovery(cluster: string): void {
  discovery.delete(cluster);
}

/** The discovery entry of a kind; a guess from the URL when discovery does not list it. */
export function findApiResource(resources: ApiResource[], kind: KindRef): ApiResource {
  const group = normalGroup(kind.group);
  const found =
    resources.find((r) => r.group === group && r.version === kind.version && r.resource === kind.resource) ??
    resources.find((r) => r.group === group && r.resource === kind.resource);
  return (
    found ?? {
      group,
      version: kind.version,
      resource: kind.resource,
      kind: kind.resource,
      namespaced: true,
      verbs: ['get', 'list', 'watch'],
      shortNames: [],
      categories: [],
      subresources: [],
      preferred: true,
      // Unknown to discovery: nothing beyond reading is offered.
      permissions: { view: null, create: null, update: null, delete: null },
    }
  );
}

/**
 * The columns of a kind's table: kubectl's for built-in kinds (from the models), the CRD's
 * printer columns for custom resources, NAME and AGE for anything else.
 */
export async function columnsFor(cluster: string, kind: KindRef): Promise<ColumnDef[]> {
  const builtin = builtinColumns(kind);
  if (builtin) return builtin;
  const group = normalGroup(kind.group);
  if (!group.includes('.')) return genericColumns;
  try {
    const crd: KubeObject = await getResource(
      cluster,
      { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' },
      undefined,
      `${kind.resource}.${group}`,
    );
    return printerColumns(crd, kind.version);
  } catch {
    return [ageColumn];
  }
}
