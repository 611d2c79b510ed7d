/** A StatefulSet's status: pods per revision, ready and available counts, the revisions. */
import type { KubeObject } from '../../types.ts';
import { isAvailable, isReady, isTerminating, podPhase, untilAvailable } from './pods.ts';
import { podRevision, setSpec } from './statefulset-pods.ts';
import type { StatefulSetRevisions } from './statefulset-revisions.ts';

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  availableReplicas: number;
}

export function statefulSetStatus(
  set: KubeObject,
  pods: KubeObject[],
  revisions: StatefulSetRevisions,
  now: number,
): StatefulSetStatus {
  const minReady = setSpec(set).minReadySeconds ?? 0;
  const currentName = revisions.current.metadata.name ?? '';
  const updateName = revisions.update.metadata.name ?? '';
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const pod of pods) {
    if (podPhase(pod) === 'Running' && isReady(pod)) {
      ready++;
      if (isAvailable(pod, minReady, now)) available++;
    }
    if (isTerminating(pod)) continue;
    if (podRevision(pod) === currentName) current++;
    if (podRevision(pod) === updateName) updated++;
  }
  const status: StatefulSetStatus = { replicas: pods.length, availableReplicas: available };
  if (set.metadata.generation !== undefined) status.observedGeneration = set.metadata.generation;
  if (ready > 0) status.readyReplicas = ready;
  status.currentRevision = currentName;
  status.updateRevision = updateName;
  status.collisionCount = revisions.collisionCount;
  // completeRollingUpdate: once every pod runs the update revision and is ready, it is current.
  const rolling = setSpec(set).updateStrategy?.type !== 'OnDelete';
  if (rolling && updated === pods.length && ready === pods.length) {
    current = updated;
    status.currentRevision = updateName;
  }
  if (current > 0) status.currentReplicas = current;
  if (updated > 0) status.updatedReplicas = updated;
  return status;
}

/** Milliseconds until a ready pod becomes available, if one is waiting for minReadySeconds. */
export function nextAvailability(set: KubeObject, pods: KubeObject[], now: number): number | undefined {
  const minReady = setSpec(set).minReadySeconds ?? 0;
  let soonest: number | undefined;
  for (const pod of pods) {
    const wait = untilAvailable(pod, minReady, now);
    if (wait !== undefined && (soonest === undefined || wait < soonest)) soonest = wait;
  }
  return soonest;
}
