import { ref, watch, type Ref } from 'vue';
import { listResources } from '../../api/resources';

const NAMESPACES = { group: 'core', version: 'v1', resource: 'namespaces' };

/**
 * The namespaces the user can see in a cluster (the server leaves out the ones they may not
 * see), for the namespace selector. A user who may not list namespaces gets an empty list.
 */
export function useNamespaces(cluster: Ref<string>) {
  const namespaces = ref<string[]>([]);
  const loading = ref(false);

  async function load() {
    loading.value = true;
    try {
      const result = await listResources(cluster.value, NAMESPACES, { sort: 'name', limit: 1000 });
      namespaces.value = result.items.map((ns) => ns.metadata.name);
    } catch {
      namespaces.value = [];
    } finally {
      loading.value = false;
    }
  }

  watch(cluster, load, { immediate: true });
  return { namespaces, loading, reload: load };
}
