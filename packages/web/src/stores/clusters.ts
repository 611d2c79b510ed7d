import { defineStore } from 'pinia';
import { ref } from 'vue';
import { listClusters } from '../api/clusters';
import type { ClusterListItem, ClusterStatus } from '../api/clusterTypes';
import { stream } from '../api/stream';
import { withStatus } from '../views/clusters/clusterList';

/**
 * The registered clusters, shared by the cluster list and the cluster switcher. Status changes
 * arrive through the stream as the server's health probes see them; the node counts and
 * resources come with each (re)load.
 */
export const useClustersStore = defineStore('clusters', () => {
  const items = ref<ClusterListItem[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  let stopStatus: (() => void) | null = null;

  async function load(): Promise<void> {
    loading.value = true;
    try {
      items.value = (await listClusters()).items;
      loaded.value = true;
    } finally {
      loading.value = false;
    }
    stopStatus ??= stream.onClusterStatus((cluster, status) => applyStatus(cluster, status));
  }

  function applyStatus(cluster: string, status: ClusterStatus): void {
    items.value = withStatus(items.value, cluster, status);
  }

  function find(name: string): ClusterListItem | undefined {
    return items.value.find((c) => c.name === name);
  }

  function forget(): void {
    stopStatus?.();
    stopStatus = null;
    items.value = [];
    loaded.value = false;
  }

  return { items, loaded, loading, load, applyStatus, find, forget };
});
