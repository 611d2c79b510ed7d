import { toRaw } from 'vue';
import type { ClusterLists, KindRef, KubeObject } from '../../api/kubeTypes';
import type { ColumnDef } from '../../models/columns';

/** The kinds a search across clusters offers, as the cluster menu names them. */
export const SEARCHABLE_KINDS: { titleKey: string; kind: KindRef }[] = [
  { titleKey: 'clusterMenu.pods', kind: { group: '', version: 'v1', resource: 'pods' } },
  { titleKey: 'clusterMenu.deployments', kind: { group: 'apps', version: 'v1', resource: 'deployments' } },
  { titleKey: 'clusterMenu.statefulSets', kind: { group: 'apps', version: 'v1', resource: 'statefulsets' } },
  { titleKey: 'clusterMenu.daemonSets', kind: { group: 'apps', version: 'v1', resource: 'daemonsets' } },
  { titleKey: 'clusterMenu.jobs', kind: { group: 'batch', version: 'v1', resource: 'jobs' } },
  { titleKey: 'clusterMenu.cronJobs', kind: { group: 'batch', version: 'v1', resource: 'cronjobs' } },
  { titleKey: 'clusterMenu.services', kind: { group: '', version: 'v1', resource: 'services' } },
  {
    titleKey: 'clusterMenu.ingresses',
    kind: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' },
  },
  { titleKey: 'clusterMenu.configMaps', kind: { group: '', version: 'v1', resource: 'configmaps' } },
  {
    titleKey: 'clusterMenu.persistentVolumeClaims',
    kind: { group: '', version: 'v1', resource: 'persistentvolumeclaims' },
  },
];

export interface ClusterSearchResult {
  /** Every cluster's objects, cluster after cluster. */
  items: KubeObject[];
  /** Which cluster an object came from (given the object or the table's reactive proxy of it). */
  clusterOf(object: KubeObject): string;
  /** Clusters that could not answer, with why. */
  failures: { cluster: string; message: string }[];
  /** Objects matching in all clusters, beyond the pages shown. */
  total: number;
}

export function clusterSearchResult(answer: ClusterLists): ClusterSearchResult {
  const clusters = new WeakMap<KubeObject, string>();
  const result: ClusterSearchResult = {
    items: [],
    clusterOf: (object) => clusters.get(toRaw(object)) ?? '',
    failures: [],
    total: 0,
  };
  for (const entry of answer.clusters) {
    if (entry.error) {
      result.failures.push({ cluster: entry.cluster, message: entry.error.message });
      continue;
    }
    for (const object of entry.items) {
      result.items.push(object);
      clusters.set(object, entry.cluster);
    }
    result.total += entry.total;
  }
  return result;
}

/** The CLUSTER column in front of the kind's own columns. */
export function clusterColumn(clusterOf: (object: KubeObject) => string): ColumnDef {
  return {
    id: 'cluster',
    titleKey: 'clusters.search.cluster',
    render: 'mono',
    minWidth: 120,
    value: (object) => clusterOf(object),
  };
}
