/**
 * Scaling a Deployment (a new spec.replicas, or a paused one) and trimming its history. When
 * more than one ReplicaSet has pods, the change is shared out in proportion to their sizes
 * (deploymentutil.GetProportion), so a scale during a rollout keeps the rollout's balance.
 */
import type { KubeObject } from '../../types.ts';
import {
  activeReplicaSets,
  desiredReplicasAnnotation,
  isRollingUpdate,
  maxReplicasAnnotation,
  maxSurge,
  revisionOf,
  rsStatus,
  specTotal,
  byCreation,
} from './deployment-util.ts';
import type { DeploymentSync } from './deployment-sync.ts';
import { ignoringGoneOrChanged } from './owner-references.ts';
import { specReplicas } from './replicaset-status.ts';

/** A ReplicaSet sized for another replica count than the Deployment's: a scaling event. */
export function isScalingEvent(deployment: KubeObject, replicaSets: Array<KubeObject | undefined>): boolean {
  return activeReplicaSets(replicaSets).some((rs) => {
    const desired = desiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== specReplicas(deployment);
  });
}

function newestFirst(a: KubeObject, b: KubeObject): number {
  return byCreation(b, a);
}

export async function scaleDeployment(
  sync: DeploymentSync,
  newRS: KubeObject | undefined,
  oldRSs: KubeObject[],
): Promise<void> {
  const d = sync.deployment;
  const desired = specReplicas(d);
  const active = activeReplicaSets([newRS, ...oldRSs]);
  // One ReplicaSet with pods (or none): it alone takes the new size.
  if (active.length <= 1) {
    const target = active[0] ?? newRS ?? [...oldRSs].sort(newestFirst)[0];
    if (target !== undefined && specReplicas(target) !== desired) await sync.scaleReplicaSet(target, desired);
    return;
  }
  // The new ReplicaSet is saturated: the old ones go.
  if (
    newRS !== undefined &&
    desiredReplicasAnnotation(newRS) === desired &&
    specReplicas(newRS) === desired &&
    Number(rsStatus(newRS).availableReplicas ?? 0) === desired
  ) {
    for (const rs of activeReplicaSets(oldRSs)) await sync.scaleReplicaSet(rs, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - specTotal(active);
  // Larger ReplicaSets first; among equals the newer first when adding, the older when removing.
  const ordered = [...active].sort((a, b) => {
    const size = specReplicas(b) - specReplicas(a);
    if (size !== 0) return size;
    return toAdd > 0 ? newestFirst(a, b) : byCreation(a, b);
  });
  const sizes = new Map<KubeObject, number>();
  let added = 0;
  for (const rs of ordered) {
    const share = toAdd === 0 ? 0 : proportion(rs, d, toAdd, added);
    sizes.set(rs, specReplicas(rs) + share);
    added += share;
  }
  const first = ordered[0];
  if (first !== undefined && toAdd !== 0)
    sizes.set(first, Math.max(0, (sizes.get(first) ?? 0) + toAdd - added));
  for (const rs of ordered) await sync.scaleReplicaSet(rs, sizes.get(rs) ?? specReplicas(rs));
}

function proportion(rs: KubeObject, d: KubeObject, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** How much of the scale this ReplicaSet takes, judged by the max-replicas it was sized for. */
function replicaSetFraction(rs: KubeObject, d: KubeObject): number {
  const desired = specReplicas(d);
  if (desired === 0) return -specReplicas(rs);
  const maxNow = desired + maxSurge(d);
  const before =
    maxReplicasAnnotation(rs) ?? Number((d.status as { replicas?: number } | undefined)?.replicas ?? 0);
  if (before === 0) return 0;
  return Math.round((specReplicas(rs) * maxNow) / before) - specReplicas(rs);
}

/** Deletes the oldest empty ReplicaSets beyond revisionHistoryLimit. */
export async function cleanupDeployment(sync: DeploymentSync, oldRSs: KubeObject[]): Promise<void> {
  const limit = (sync.deployment.spec as { revisionHistoryLimit?: number }).revisionHistoryLimit;
  if (limit === undefined) return;
  const cleanable = oldRSs.filter((rs) => rs.metadata.deletionTimestamp === undefined);
  const excess = cleanable.length - limit;
  if (excess <= 0) return;
  const byRevision = [...cleanable].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of byRevision.slice(0, excess)) {
    const status = rsStatus(rs);
    if ((status.replicas ?? 0) !== 0 || specReplicas(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) continue;
    await ignoringGoneOrChanged(() =>
      sync.env.client.delete({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        namespace: rs.metadata.namespace,
        name: rs.metadata.name ?? '',
      }),
    );
  }
}
