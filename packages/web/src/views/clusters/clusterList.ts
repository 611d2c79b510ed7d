import type { ClusterListItem, ClusterPhase, ClusterStatus } from '../../api/clusterTypes';
import type { Tone } from '../../models/columns';
import { percentOf } from '../../models/quantity';

/** What the wizard's first step and the edit dialog hold. */
export interface ClusterBasics {
  name: string;
  displayName: string;
  description: string;
  environment: string;
  region: string;
}

/** The list with one cluster's status replaced (a change pushed by the stream). */
export function withStatus(
  items: ClusterListItem[],
  cluster: string,
  status: ClusterStatus,
): ClusterListItem[] {
  return items.map((item) => (item.name === cluster ? { ...item, status: { ...status } } : item));
}

export const PHASE_TONES: Record<ClusterPhase, Tone> = {
  Ready: 'success',
  Degraded: 'warning',
  Unreachable: 'danger',
};

/** Environments people recognise get a colour; any other tag stays neutral. */
export function environmentTone(environment: string): Tone {
  const value = environment.toLowerCase();
  if (['prod', 'production', 'prd'].includes(value)) return 'danger';
  if (['staging', 'stage', 'pre', 'uat'].includes(value)) return 'warning';
  if (['test', 'testing', 'qa'].includes(value)) return 'primary';
  if (['dev', 'development'].includes(value)) return 'success';
  return 'info';
}

/** Requests against allocatable, in percent; null when the cluster did not report them. */
export function requestedPercent(cluster: ClusterListItem, resource: 'cpu' | 'memory'): number | null {
  if (!cluster.allocatable || !cluster.requested) return null;
  return percentOf(cluster.requested[resource], cluster.allocatable[resource]);
}

/** Busy is worth a glance, nearly full worth worrying about. */
export function usageTone(percent: number): Tone {
  return percent >= 90 ? 'danger' : percent >= 70 ? 'warning' : 'success';
}

/** Clusters matching a search over name, display name, region and environment. */
export function filterClusters(items: ClusterListItem[], search: string, phase: string): ClusterListItem[] {
  const needle = search.trim().toLowerCase();
  return items.filter(
    (c) =>
      (!phase || c.status.phase === phase) &&
      (!needle ||
        [c.name, c.displayName, c.region, c.environment].some((field) =>
          field.toLowerCase().includes(needle),
        )),
  );
}
