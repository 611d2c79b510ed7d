/**
 * Counting a Job's finished pods exactly once (trackJobStatusAndRemoveFinalizers): a finished
 * pod's uid goes to status.uncountedTerminatedPods (or, Indexed and succeeded, its index to
 * completedIndexes) before its job-tracking finalizer is removed; uids whose pod lost the
 * finalizer then move into the succeeded/failed counters. Once the Job has met its success or
 * failure criteria and no pod is uncounted or terminating, the final condition is written.
 */
import type { KubeObject } from '../../types.ts';
import { deepEqual } from '../../api/strategy.ts';
import { timestamp } from '../../api/request-context.ts';
import type { InternalClient } from '../../client/internal-client.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import { isApiError } from '../../api/errors.ts';
import { podPhase } from './pods.ts';
import {
  TRACKING_FINALIZER,
  completionIndex,
  formatIndexes,
  hasTrackingFinalizer,
  isIndexed,
  jobSpec,
} from './job-pods.ts';
import { ensureJobCondition, newJobCondition, type FinishedCondition, type JobStatus } from './job-status.ts';

export interface TrackingInput {
  client: InternalClient;
  recorder: EventRecorder;
  now: Date;
  job: KubeObject;
  status: JobStatus;
  pods: KubeObject[];
  finished: FinishedCondition | undefined;
  succeededIndexes: Set<number>;
  terminating: number;
}

/** isPodFailed: Failed, or deleted before it succeeded (the default podReplacementPolicy). */
export function consideredFailed(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  if (phase === 'Failed') return true;
  return pod.metadata.deletionTimestamp !== undefined && phase !== 'Succeeded';
}

/** Moves uids whose pods no longer carry the finalizer from the uncounted lists to the counters. */
function settle(status: JobStatus, withFinalizer: Set<string>): void {
  const uncounted = status.uncountedTerminatedPods ?? {};
  for (const field of ['succeeded', 'failed'] as const) {
    const uids = uncounted[field] ?? [];
    const remaining = uids.filter((uid) => withFinalizer.has(uid));
    const counted = uids.length - remaining.length;
    if (counted > 0) status[field] = (status[field] ?? 0) + counted;
    if (remaining.length > 0) uncounted[field] = remaining;
    else delete uncounted[field];
  }
  status.uncountedTerminatedPods = uncounted;
}

/** Writes the tracked status; true when the Job finished in this sync. */
export async function trackJobPods(input: TrackingInput): Promise<boolean> {
  const { job, status, finished } = input;
  let stored = (job.status ?? {}) as JobStatus;
  let resourceVersion = job.metadata.resourceVersion;
  const flush = async () => {
    if (deepEqual(stored, status)) return;
    const updated = await input.client.updateStatus({
      ...structuredClone(job),
      metadata: { ...structuredClone(job.metadata), resourceVersion },
      status,
    });
    resourceVersion = updated.metadata.resourceVersion;
    stored = structuredClone(status);
  };
  const withFinalizer = new Set(input.pods.filter(hasTrackingFinalizer).map((p) => p.metadata.uid ?? ''));
  settle(status, withFinalizer);
  const uncounted = status.uncountedTerminatedPods ?? {};
  const failing = finished !== undefined && finished.type !== 'SuccessCriteriaMet';
  const completions = jobSpec(job).completions ?? 0;
  const toRelease: KubeObject[] = [];
  for (const pod of input.pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid ?? '';
    const failed = consideredFailed(pod);
    const succeeded = podPhase(pod) === 'Succeeded';
    if (!(job.metadata.deletionTimestamp !== undefined || finished !== undefined || succeeded || failed))
      continue;
    toRelease.push(pod);
    if (succeeded && !uncounted.failed?.includes(uid)) {
      if (isIndexed(job)) {
        const index = completionIndex(pod);
        if (index !== undefined && index < completions) input.succeededIndexes.add(index);
      } else if (!uncounted.succeeded?.includes(uid))
        uncounted.succeeded = [...(uncounted.succeeded ?? []), uid];
    } else if ((failed || failing) && !uncounted.failed?.includes(uid)) {
      const index = completionIndex(pod);
      if (!isIndexed(job) || (index !== undefined && index < completions))
        uncounted.failed = [...(uncounted.failed ?? []), uid];
    }
  }
  if (isIndexed(job)) {
    const text = formatIndexes(input.succeededIndexes);
    if (text === '') delete status.completedIndexes;
    else status.completedIndexes = text;
    if (input.succeededIndexes.size > 0) status.succeeded = input.succeededIndexes.size;
  }
  if (finished !== undefined)
    ensureJobCondition(status, finished.type, 'True', finished.reason, finished.message, input.now);
  await flush();
  for (const pod of toRelease) {
    if ((await releasePod(input.client, pod)) !== 'changed') withFinalizer.delete(pod.metadata.uid ?? '');
  }
  settle(status, withFinalizer);
  const done = finished !== undefined && !hasUncounted(status) && input.terminating === 0;
  if (done) {
    const type = finished.type === 'SuccessCriteriaMet' ? 'Complete' : 'Failed';
    status.conditions = [
      ...(status.conditions ?? []),
      newJobCondition(type, 'True', finished.reason, finished.message, input.now),
    ];
    if (type === 'Complete') status.completionTime = timestamp(input.now);
  }
  await flush();
  if (done) {
    if (finished.type === 'SuccessCriteriaMet')
      void input.recorder.event(job, 'Normal', 'Completed', 'Job completed');
    else void input.recorder.event(job, 'Warning', finished.reason, finished.message);
  }
  return done;
}

function hasUncounted(status: JobStatus): boolean {
  const u = status.uncountedTerminatedPods ?? {};
  return (u.succeeded?.length ?? 0) + (u.failed?.length ?? 0) > 0;
}

/**
 * Removes the job-tracking finalizer with a JSON patch that fails if the finalizers moved
 * meanwhile: 'changed' then (the next sync retries), 'gone' when the pod no longer exists.
 */
export async function releasePod(
  client: InternalClient,
  pod: KubeObject,
): Promise<'released' | 'gone' | 'changed'> {
  const finalizers = pod.metadata.finalizers ?? [];
  const index = finalizers.indexOf(TRACKING_FINALIZER);
  // The last finalizer takes the list with it, as a Go client's empty slice is omitted.
  const ops =
    finalizers.length === 1
      ? [
          { op: 'test', path: '/metadata/finalizers', value: finalizers },
          { op: 'remove', path: '/metadata/finalizers' },
        ]
      : [
          { op: 'test', path: `/metadata/finalizers/${index}`, value: TRACKING_FINALIZER },
          { op: 'remove', path: `/metadata/finalizers/${index}` },
        ];
  try {
    await client.patch(
      { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name ?? '' },
      'json',
      ops,
    );
    return 'released';
  } catch (err) {
    if (isApiError(err) && err.code === 404) return 'gone';
    if (isApiError(err) && (err.code === 409 || err.code === 422)) return 'changed';
    throw err;
  }
}
