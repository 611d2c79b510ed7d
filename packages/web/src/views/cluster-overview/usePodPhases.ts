import { ref, type Ref } from 'vue';
import { listResources } from '../../api/resources';

export const POD_PHASES = ['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown'] as const;

/**
 * How many pods are in each phase, counted by the server (a field selector per phase, one object
 * per answer): a cluster with 30,000 pods costs five small requests, not the whole list.
 */
export function usePodPhases(cluster: Ref<string>) {
  const counts = ref<Record<string, number> | null>(null);

  async function load(): Promise<void> {
    const totals = await Promise.all(
      POD_PHASES.map(async (phase) => {
        const page = await listResources(
          cluster.value,
          { group: 'core', version: 'v1', resource: 'pods' },
          { fieldSelector: `status.phase=${phase}`, limit: 1 },
        );
        return [phase, page.total] as const;
      }),
    );
    counts.value = Object.fromEntries(totals);
  }

  return { counts, load };
}
