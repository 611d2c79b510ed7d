/**
 * The two rollout strategies. RollingUpdate grows the new ReplicaSet while the total stays
 * within replicas + maxSurge, and shrinks old ones (unhealthy pods first, then oldest
 * ReplicaSets first) while availability stays at replicas - maxUnavailable. Recreate scales
 * every old ReplicaSet to zero, waits for their pods to be gone, then brings up the new one.
 */
import type { KubeObject } from '../../types.ts';
import {
  activeReplicaSets,
  byCreation,
  deploymentComplete,
  maxUnavailable,
  rsStatus,
  specTotal,
  statusTotal,
  type DeploymentStatus,
} from './deployment-util.ts';
import { newReplicaSetReplicas, type DeploymentSync } from './deployment-sync.ts';
import { cleanupDeployment } from './deployment-scaling.ts';
import { syncRolloutStatus } from './deployment-status.ts';
import { isTerminal } from './pods.ts';
import { specReplicas } from './replicaset-status.ts';

/** Returns when to check the progress deadline again, if needed. */
export async function rolloutRolling(sync: DeploymentSync): Promise<number | undefined> {
  const { newRS, oldRSs } = await sync.replicaSetsWithRevision(true);
  if (newRS === undefined) return undefined;
  const d = sync.deployment;
  let current = newRS;
  const desired = specReplicas(d);
  // Scale up the new ReplicaSet within the surge budget.
  if (specReplicas(current) !== desired) {
    const target =
      specReplicas(current) > desired ? desired : newReplicaSetReplicas(d, [...oldRSs, current], current);
    const result = await sync.scaleReplicaSet(current, target);
    current = result.rs;
    if (result.scaled) return syncRolloutStatus(sync, sync.allReplicaSets(current), current);
  }
  if (await reconcileOldReplicaSets(sync, activeReplicaSets(oldRSs), current)) {
    return syncRolloutStatus(sync, sync.allReplicaSets(current), current);
  }
  if (deploymentComplete(d, sync.status as DeploymentStatus)) await cleanupDeployment(sync, oldRSs);
  return syncRolloutStatus(sync, sync.allReplicaSets(current), current);
}

async function reconcileOldReplicaSets(
  sync: DeploymentSync,
  oldRSs: KubeObject[],
  newRS: KubeObject,
): Promise<boolean> {
  const oldPods = specTotal(oldRSs);
  if (oldPods === 0) return false;
  const d = sync.deployment;
  const allPods = specTotal([...oldRSs, newRS]);
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const newUnavailable = specReplicas(newRS) - Number(rsStatus(newRS).availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const sorted = [...oldRSs].sort(byCreation);
  // First remove pods of old ReplicaSets that are not available anyway: that costs nothing.
  let cleaned = 0;
  for (let i = 0; i < sorted.length && cleaned < maxScaledDown; i++) {
    const rs = sorted[i] as KubeObject;
    const unhealthy = specReplicas(rs) - Number(rsStatus(rs).availableReplicas ?? 0);
    if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
    const count = Math.min(maxScaledDown - cleaned, unhealthy);
    sorted[i] = (await sync.scaleReplicaSet(rs, specReplicas(rs) - count)).rs;
    cleaned += count;
  }
  // Then available pods, as long as availability stays at minAvailable.
  const available = statusTotal([...sorted, newRS], 'availableReplicas');
  let scaledDown = 0;
  if (available > minAvailable) {
    const total = available - minAvailable;
    for (const rs of sorted) {
      if (scaledDown >= total) break;
      if (specReplicas(rs) === 0) continue;
      const count = Math.min(specReplicas(rs), total - scaledDown);
      await sync.scaleReplicaSet(rs, specReplicas(rs) - count);
      scaledDown += count;
    }
  }
  return cleaned + scaledDown > 0;
}

/** Recreate: old pods all gone before the new ReplicaSet gets any. */
export async function rolloutRecreate(
  sync: DeploymentSync,
  podsOf: (rs: KubeObject) => KubeObject[],
): Promise<number | undefined> {
  let { newRS, oldRSs } = await sync.replicaSetsWithRevision(false);
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if ((await sync.scaleReplicaSet(rs, 0)).scaled) scaledDown = true;
  }
  if (scaledDown) return syncRolloutStatus(sync, sync.allReplicaSets(newRS), newRS);
  if (oldPodsRunning(oldRSs, podsOf)) return syncRolloutStatus(sync, sync.allReplicaSets(newRS), newRS);
  if (newRS === undefined) ({ newRS, oldRSs } = await sync.replicaSetsWithRevision(true));
  if (newRS === undefined) return undefined;
  const desired = specReplicas(sync.deployment);
  if (specReplicas(newRS) !== desired) newRS = (await sync.scaleReplicaSet(newRS, desired)).rs;
  if (deploymentComplete(sync.deployment, sync.status)) await cleanupDeployment(sync, oldRSs);
  return syncRolloutStatus(sync, sync.allReplicaSets(newRS), newRS);
}

function oldPodsRunning(oldRSs: KubeObject[], podsOf: (rs: KubeObject) => KubeObject[]): boolean {
  if (statusTotal(oldRSs, 'replicas') > 0) return true;
  return oldRSs.some((rs) => podsOf(rs).some((pod) => !isTerminal(pod)));
}
