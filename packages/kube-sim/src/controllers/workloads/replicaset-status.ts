/** ReplicaSet status as the controller computes it from the pods it owns. */
import type { KubeObject } from '../../types.ts';
import { timestamp } from '../../api/request-context.ts';
import { deepEqual } from '../../api/strategy.ts';
import { findCondition, removeCondition, type Condition } from './conditions.ts';
import { isAvailable, isReady, untilAvailable } from './pods.ts';
import { templateOf } from './pod-control.ts';

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export function specReplicas(workload: KubeObject): number {
  const replicas = (workload.spec as { replicas?: number } | undefined)?.replicas;
  return replicas ?? 1;
}

export function minReadySeconds(workload: KubeObject): number {
  return (workload.spec as { minReadySeconds?: number } | undefined)?.minReadySeconds ?? 0;
}

export function statusOf<S>(workload: KubeObject): Partial<S> {
  return (workload.status ?? {}) as Partial<S>;
}

/** Omits the zero-valued `omitempty` counters, as the Go types serialize them. */
function counter(status: Record<string, unknown>, field: string, value: number): void {
  if (value !== 0) status[field] = value;
}

export function computeReplicaSetStatus(
  rs: KubeObject,
  activePods: KubeObject[],
  failure: { reason: string; message: string } | undefined,
  now: Date,
): ReplicaSetStatus {
  const templateLabels = Object.entries(templateOf(rs).metadata?.labels ?? {});
  const minReady = minReadySeconds(rs);
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of activePods) {
    const labels = pod.metadata.labels ?? {};
    if (templateLabels.every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isReady(pod)) {
      ready++;
      if (isAvailable(pod, minReady, now.getTime())) available++;
    }
  }
  const status: ReplicaSetStatus = { replicas: activePods.length };
  const record = status as unknown as Record<string, unknown>;
  counter(record, 'fullyLabeledReplicas', fullyLabeled);
  counter(record, 'readyReplicas', ready);
  counter(record, 'availableReplicas', available);
  if (rs.metadata.generation !== undefined) status.observedGeneration = rs.metadata.generation;
  let conditions = [...(statusOf<ReplicaSetStatus>(rs).conditions ?? [])];
  const current = findCondition(conditions, 'ReplicaFailure');
  if (failure !== undefined && current === undefined) {
    conditions.push({
      type: 'ReplicaFailure',
      status: 'True',
      lastTransitionTime: timestamp(now),
      reason: failure.reason,
      message: failure.message,
    });
  } else if (failure === undefined && current !== undefined) {
    conditions = removeCondition(conditions, 'ReplicaFailure');
  }
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

export function statusChanged(workload: KubeObject, status: object): boolean {
  return !deepEqual(workload.status ?? {}, status);
}

/** The soonest moment one of the ready pods becomes available (ms from now), if any. */
export function nextAvailabilityIn(pods: KubeObject[], minReady: number, now: number): number | undefined {
  let soonest: number | undefined;
  for (const pod of pods) {
    const wait = untilAvailable(pod, minReady, now);
    if (wait !== undefined && (soonest === undefined || wait < soonest)) soonest = wait;
  }
  return soonest;
}
