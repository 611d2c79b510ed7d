/** A DaemonSet's status: nodes that should run it, run it, run it ready / available / updated. */
import type { KubeObject } from '../../types.ts';
import { isAvailable, isReady } from './pods.ts';
import { placementOn } from './daemonset-placement.ts';
import { isUpdated, oldestFirst } from './daemonset-rollout.ts';

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
}

export function daemonSetStatus(
  ds: KubeObject,
  nodes: KubeObject[],
  nodeToPods: Map<string, KubeObject[]>,
  hash: string,
  now: number,
): DaemonSetStatus {
  const minReady = (ds.spec as { minReadySeconds?: number }).minReadySeconds ?? 0;
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of nodes) {
    const pods = nodeToPods.get(node.metadata.name ?? '') ?? [];
    if (!placementOn(ds, node).shouldRun) {
      if (pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    const pod = [...pods].sort(oldestFirst)[0];
    if (pod === undefined) continue;
    current++;
    if (isReady(pod)) {
      ready++;
      if (isAvailable(pod, minReady, now)) available++;
    }
    if (isUpdated(pod, hash)) updated++;
  }
  const status: DaemonSetStatus = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
  };
  if (ds.metadata.generation !== undefined) status.observedGeneration = ds.metadata.generation;
  if (updated > 0) status.updatedNumberScheduled = updated;
  if (available > 0) status.numberAvailable = available;
  if (desired - available > 0) status.numberUnavailable = desired - available;
  const collisionCount = (ds.status as { collisionCount?: number } | undefined)?.collisionCount;
  if (collisionCount !== undefined) status.collisionCount = collisionCount;
  return status;
}
