import { http } from './client';
import type { Query } from './httpClient';
import type {
  ApiResource,
  ApplyReport,
  ClusterLists,
  KindRef,
  KubeObject,
  ResourceListPage,
} from './kubeTypes';
import type { ItemList } from './types';

const clusterPath = (cluster: string) => `/api/v1/clusters/${encodeURIComponent(cluster)}`;

/** The URL segment of a group: `core` stands for the legacy (empty) group. */
export function groupSegment(group: string): string {
  return group === '' ? 'core' : group;
}

export function kindPath(cluster: string, kind: KindRef): string {
  const group = encodeURIComponent(groupSegment(kind.group));
  return `${clusterPath(cluster)}/resources/${group}/${encodeURIComponent(kind.version)}/${encodeURIComponent(kind.resource)}`;
}

/** `_` stands for the namespace of a cluster-scoped object. */
export function objectPath(cluster: string, kind: KindRef, namespace: string | undefined, name: string) {
  return `${kindPath(cluster, kind)}/${encodeURIComponent(namespace || '_')}/${encodeURIComponent(name)}`;
}

export interface ListQuery extends Query {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  search?: string;
  /** name, namespace, creationTimestamp or status; `-` in front descends. */
  sort?: string;
  limit?: number;
  continue?: string;
}

export function listResources(
  cluster: string,
  kind: KindRef,
  query: ListQuery = {},
): Promise<ResourceListPage> {
  return http.get(kindPath(cluster, kind), query);
}

/** One kind in several clusters at once (all when `clusters` is empty): pages and errors side by side. */
export function listAcrossClusters(
  kind: KindRef,
  query: Omit<ListQuery, 'continue'> & { clusters?: string } = {},
): Promise<ClusterLists> {
  const group = encodeURIComponent(groupSegment(kind.group));
  return http.get(
    `/api/v1/resources/${group}/${encodeURIComponent(kind.version)}/${encodeURIComponent(kind.resource)}`,
    query,
  );
}

export function getResource(cluster: string, kind: KindRef, namespace: string | undefined, name: string) {
  return http.get<KubeObject>(objectPath(cluster, kind, namespace, name));
}

/** PUT: a stale metadata.resourceVersion is answered 409 CONFLICT. */
export function replaceResource(cluster: string, kind: KindRef, object: KubeObject): Promise<KubeObject> {
  const { namespace, name } = object.metadata;
  return http.put(objectPath(cluster, kind, namespace, name), object);
}

export function mergePatchResource(
  cluster: string,
  kind: KindRef,
  namespace: string | undefined,
  name: string,
  patch: unknown,
): Promise<KubeObject> {
  return http.patch(objectPath(cluster, kind, namespace, name), patch, {
    contentType: 'application/merge-patch+json',
  });
}

export function deleteResource(cluster: string, kind: KindRef, namespace: string | undefined, name: string) {
  return http.delete<KubeObject>(objectPath(cluster, kind, namespace, name), {
    propagationPolicy: 'Background',
  });
}

/** Applies a multi-document YAML (server-side apply) and reports each document. */
export function applyManifests(
  cluster: string,
  yaml: string,
  options: { namespace?: string; dryRun?: boolean } = {},
): Promise<ApplyReport> {
  return http.post(`${clusterPath(cluster)}/apply`, yaml, {
    contentType: 'application/yaml',
    query: { namespace: options.namespace, dryRun: options.dryRun ? '1' : undefined },
  });
}

export function listApiResources(cluster: string): Promise<ItemList<ApiResource>> {
  return http.get(`${clusterPath(cluster)}/api-resources`);
}

/** The JSON schema of a kind, from the cluster's own OpenAPI v3 document (for the YAML editor). */
export function kindSchema(cluster: string, group: string, version: string, kind: string): Promise<unknown> {
  const segments = [groupSegment(group), version, kind].map(encodeURIComponent).join('/');
  return http.get(`${clusterPath(cluster)}/schemas/${segments}`);
}
