/**
 * A Deployment's status and conditions: counts summed over its ReplicaSets, Available
 * (MinimumReplicasAvailable / MinimumReplicasUnavailable), and Progressing as the rollout
 * advances, completes, stalls past progressDeadlineSeconds, or is paused and resumed.
 */
import type { KubeObject } from '../../types.ts';
import { deploymentCondition, findCondition, removeCondition, setCondition } from './conditions.ts';
import {
  deploymentComplete,
  isPaused,
  maxUnavailable,
  progressDeadlineSeconds,
  rsStatus,
  specTotal,
  statusTotal,
  type DeploymentStatus,
} from './deployment-util.ts';
import type { DeploymentSync } from './deployment-sync.ts';
import { specReplicas } from './replicaset-status.ts';

function omitZero(status: DeploymentStatus, field: keyof DeploymentStatus, value: number): void {
  if (value !== 0) (status as Record<string, unknown>)[field] = value;
}

/** deploymentutil calculateStatus: the counts and the Available condition. */
export function calculateStatus(
  sync: DeploymentSync,
  allRSs: Array<KubeObject | undefined>,
  newRS: KubeObject | undefined,
): DeploymentStatus {
  const d = sync.deployment;
  const available = statusTotal(allRSs, 'availableReplicas');
  const status: DeploymentStatus = {};
  if (d.metadata.generation !== undefined) status.observedGeneration = d.metadata.generation;
  omitZero(status, 'replicas', statusTotal(allRSs, 'replicas'));
  omitZero(status, 'updatedReplicas', Number(rsStatus(newRS).replicas ?? 0));
  omitZero(status, 'readyReplicas', statusTotal(allRSs, 'readyReplicas'));
  omitZero(status, 'availableReplicas', available);
  omitZero(status, 'unavailableReplicas', Math.max(0, specTotal(allRSs) - available));
  let conditions = [...(sync.status.conditions ?? [])];
  const now = sync.env.now();
  conditions =
    available >= specReplicas(d) - maxUnavailable(d)
      ? setCondition(
          conditions,
          deploymentCondition(
            'Available',
            'True',
            'MinimumReplicasAvailable',
            'Deployment has minimum availability.',
            now,
          ),
        )
      : setCondition(
          conditions,
          deploymentCondition(
            'Available',
            'False',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
            now,
          ),
        );
  if (conditions.length > 0) status.conditions = conditions;
  if (sync.status.collisionCount !== undefined) status.collisionCount = sync.status.collisionCount;
  return status;
}

/** Status only (scaling and paused Deployments): no progress estimation. */
export async function syncDeploymentStatus(
  sync: DeploymentSync,
  allRSs: Array<KubeObject | undefined>,
  newRS: KubeObject | undefined,
): Promise<void> {
  sync.deployment.status = calculateStatus(sync, allRSs, newRS);
  await sync.save();
}

function progressing(old: DeploymentStatus, next: DeploymentStatus): boolean {
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

function timedOut(d: KubeObject, status: DeploymentStatus, now: number): boolean {
  const deadline = progressDeadlineSeconds(d);
  const condition = findCondition(status.conditions, 'Progressing');
  if (deadline === undefined || condition === undefined) return false;
  if (condition.reason === 'NewReplicaSetAvailable') return false;
  if (condition.reason === 'ProgressDeadlineExceeded') return true;
  return Date.parse(condition.lastUpdateTime ?? '') + deadline * 1000 < now;
}

/**
 * syncRolloutStatus: the status plus Progressing; returns how long until the progress deadline
 * must be checked again (undefined when nothing is pending).
 */
export async function syncRolloutStatus(
  sync: DeploymentSync,
  allRSs: Array<KubeObject | undefined>,
  newRS: KubeObject | undefined,
): Promise<number | undefined> {
  const d = sync.deployment;
  const old = sync.status;
  const next = calculateStatus(sync, allRSs, newRS);
  const now = sync.env.now();
  const deadline = progressDeadlineSeconds(d);
  let conditions = next.conditions ?? [];
  if (deadline === undefined) conditions = removeCondition(conditions, 'Progressing');
  const current = findCondition(conditions, 'Progressing');
  const complete = next.replicas === next.updatedReplicas && current?.reason === 'NewReplicaSetAvailable';
  const rsName = newRS?.metadata.name;
  if (deadline !== undefined && !complete) {
    if (deploymentComplete(d, next)) {
      const message = rsName
        ? `ReplicaSet "${rsName}" has successfully progressed.`
        : `Deployment "${d.metadata.name}" has successfully progressed.`;
      conditions = setCondition(
        conditions,
        deploymentCondition('Progressing', 'True', 'NewReplicaSetAvailable', message, now),
      );
    } else if (progressing(old, next)) {
      const message = rsName
        ? `ReplicaSet "${rsName}" is progressing.`
        : `Deployment "${d.metadata.name}" is progressing.`;
      const condition = deploymentCondition('Progressing', 'True', 'ReplicaSetUpdated', message, now);
      // Progress refreshes lastUpdateTime even when the reason stays the same.
      if (current?.status === 'True' && current.lastTransitionTime)
        condition.lastTransitionTime = current.lastTransitionTime;
      conditions = [...removeCondition(conditions, 'Progressing'), condition];
    } else if (timedOut(d, { ...next, conditions }, now.getTime())) {
      const message = rsName
        ? `ReplicaSet "${rsName}" has timed out progressing.`
        : `Deployment "${d.metadata.name}" has timed out progressing.`;
      conditions = setCondition(
        conditions,
        deploymentCondition('Progressing', 'False', 'ProgressDeadlineExceeded', message, now),
      );
    }
  }
  conditions = replicaFailure(conditions, allRSs);
  if (conditions.length > 0) next.conditions = conditions;
  else delete next.conditions;
  d.status = next;
  await sync.save();
  return stuckRequeue(d, next, now.getTime());
}

/** A ReplicaSet's ReplicaFailure condition surfaces on the Deployment, and clears with it. */
function replicaFailure(
  conditions: NonNullable<DeploymentStatus['conditions']>,
  allRSs: Array<KubeObject | undefined>,
): NonNullable<DeploymentStatus['conditions']> {
  for (const rs of allRSs) {
    const failure = findCondition(rsStatus(rs).conditions, 'ReplicaFailure');
    if (failure !== undefined) {
      const at = failure.lastTransitionTime;
      return setCondition(conditions, { ...failure, lastUpdateTime: at, lastTransitionTime: at });
    }
  }
  return removeCondition(conditions, 'ReplicaFailure');
}

/** requeueStuckDeployment: when to look again so ProgressDeadlineExceeded is reported on time. */
function stuckRequeue(d: KubeObject, status: DeploymentStatus, now: number): number | undefined {
  const deadline = progressDeadlineSeconds(d);
  const condition = findCondition(status.conditions, 'Progressing');
  if (deadline === undefined || condition === undefined) return undefined;
  if (condition.reason === 'NewReplicaSetAvailable' || condition.reason === 'ProgressDeadlineExceeded')
    return undefined;
  if (deploymentComplete(d, status)) return undefined;
  const after = Date.parse(condition.lastUpdateTime ?? '') + deadline * 1000 - now;
  return after < 1000 ? 0 : after + 1000;
}

/** Progressing Unknown DeploymentPaused / DeploymentResumed, written at once when it changes. */
export async function checkPausedConditions(sync: DeploymentSync): Promise<void> {
  const d = sync.deployment;
  if (progressDeadlineSeconds(d) === undefined) return;
  const condition = findCondition(sync.status.conditions, 'Progressing');
  if (condition?.reason === 'ProgressDeadlineExceeded') return;
  const pausedReported = condition?.reason === 'DeploymentPaused';
  if (isPaused(d) && !pausedReported) {
    sync.setCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused');
  } else if (!isPaused(d) && pausedReported) {
    sync.setCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed');
  } else return;
  await sync.save();
}
