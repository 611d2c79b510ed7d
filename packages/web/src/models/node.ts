import type { NodeSummary } from '../api/clusterTypes';
import type { Condition, KubeObject } from '../api/kubeTypes';
import type { StatusText } from './columns';

/** STATUS as kubectl prints it for nodes: `Ready`, `NotReady,SchedulingDisabled`… */
export function nodeStatusText(node: Pick<NodeSummary, 'status' | 'schedulable'>): string {
  return node.schedulable ? node.status : `${node.status},SchedulingDisabled`;
}

export function nodeStatus(node: Pick<NodeSummary, 'status' | 'schedulable'>): StatusText {
  const tone = node.status !== 'Ready' ? 'danger' : node.schedulable ? 'success' : 'warning';
  return { text: nodeStatusText(node), tone };
}

/** ROLES: `control-plane`, or `<none>` for a plain worker, as kubectl prints it. */
export function nodeRolesText(node: Pick<NodeSummary, 'roles'>): string {
  return node.roles.length ? node.roles.join(',') : '<none>';
}

/** A node condition is healthy when Ready is True and every pressure condition is False. */
export function conditionHealthy(condition: Condition): boolean {
  return condition.type === 'Ready' ? condition.status === 'True' : condition.status === 'False';
}

export function nodeConditions(node: KubeObject): Condition[] {
  return (node.status?.conditions ?? []) as Condition[];
}

export interface ResourceRow {
  resource: string;
  capacity: string;
  allocatable: string;
}

/** Capacity next to allocatable for every resource the node reports (cpu, memory, pods, GPUs…). */
export function capacityRows(node: KubeObject): ResourceRow[] {
  const capacity = (node.status?.capacity ?? {}) as Record<string, string>;
  const allocatable = (node.status?.allocatable ?? {}) as Record<string, string>;
  const names = [...new Set([...Object.keys(capacity), ...Object.keys(allocatable)])].sort();
  return names.map((resource) => ({
    resource,
    capacity: capacity[resource] ?? '',
    allocatable: allocatable[resource] ?? '',
  }));
}
