import type { KubeObject } from '../api/kubeTypes';
import { ageColumn, selectorText, textColumn, type ColumnDef, type StatusText } from './columns';

export function desiredReplicas(workload: KubeObject): number {
  return workload.spec?.replicas ?? 1;
}

/** READY as kubectl shows it for Deployments and StatefulSets: `ready/desired`. */
export function readyReplicas(workload: KubeObject): string {
  return `${workload.status?.readyReplicas ?? 0}/${desiredReplicas(workload)}`;
}

export function containerImages(workload: KubeObject): string[] {
  const containers = (workload.spec?.template?.spec?.containers ?? []) as { image?: string }[];
  return containers.map((c) => c.image ?? '');
}

export function containerNames(workload: KubeObject): string[] {
  const containers = (workload.spec?.template?.spec?.containers ?? []) as { name: string }[];
  return containers.map((c) => c.name);
}

/** `key=value,…` of spec.selector.matchLabels (what selects the workload's pods). */
export function matchLabelsSelector(workload: KubeObject): string {
  return selectorText(workload.spec?.selector?.matchLabels);
}

/** Whether the workload has every replica ready, some, or none, for a status tag. */
export function rolloutStatus(workload: KubeObject): StatusText {
  const desired = desiredReplicas(workload);
  const ready = workload.status?.readyReplicas ?? 0;
  const updated = workload.status?.updatedReplicas ?? 0;
  if (desired === 0) return { text: 'Scaled to zero', tone: 'info' };
  if (ready >= desired && updated >= desired) return { text: 'Available', tone: 'success' };
  if (ready === 0) return { text: 'Unavailable', tone: 'danger' };
  return { text: 'Progressing', tone: 'warning' };
}

/** READY as kubectl prints it (`2/3`), coloured by how the rollout is doing. */
export function readyStatus(workload: KubeObject): StatusText {
  return { text: readyReplicas(workload), tone: rolloutStatus(workload).tone };
}

export const deploymentColumns: ColumnDef[] = [
  textColumn('ready', readyReplicas, { render: 'status', status: readyStatus, minWidth: 90 }),
  textColumn('upToDate', (d) => d.status?.updatedReplicas ?? 0, { minWidth: 100 }),
  textColumn('available', (d) => d.status?.availableReplicas ?? 0, { minWidth: 100 }),
  ageColumn,
  textColumn('containers', (d) => containerNames(d).join(','), { minWidth: 120 }),
  textColumn('images', (d) => containerImages(d).join(','), { render: 'mono', minWidth: 220 }),
];

/** The annotation `kubectl rollout restart` sets on the pod template to roll every pod. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** A merge patch that restarts a rollout the way `kubectl rollout restart` does. */
export function restartPatch(now: Date = new Date()) {
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now.toISOString() } } } } };
}
