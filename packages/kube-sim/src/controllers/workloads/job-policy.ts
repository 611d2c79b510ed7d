/**
 * When a Job must give up or wait (pastBackoffLimitOnFailure, the pod failure back-off) and
 * which completion indexes run next.
 */
import type { KubeObject } from '../../types.ts';
import { finishedAt, podPhase, restartCount } from './pods.ts';
import { completionIndex, jobSpec } from './job-pods.ts';
import { consideredFailed } from './job-tracking.ts';

/** The job controller's DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
const BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 360_000;

/** restartPolicy OnFailure: container restarts of running pods count against backoffLimit. */
export function pastBackoffLimitOnFailure(job: KubeObject, active: KubeObject[], limit: number): boolean {
  if (jobSpec(job).template?.spec?.restartPolicy !== 'OnFailure') return false;
  const restarts = active
    .filter((p) => ['Running', 'Pending'].includes(podPhase(p)))
    .reduce((sum, p) => sum + restartCount(p), 0);
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** Time left before failed pods may be replaced: 10s doubled per failure since the last success. */
export function backoffRemaining(pods: KubeObject[], now: number): number {
  const lastSuccess = Math.max(
    0,
    ...pods.filter((p) => podPhase(p) === 'Succeeded').map((p) => finishedAt(p, 0)),
  );
  const failures = pods.filter((p) => consideredFailed(p) && finishedAt(p, now) > lastSuccess);
  if (failures.length === 0) return 0;
  const lastFailure = Math.max(...failures.map((p) => finishedAt(p, now)));
  const delay = Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** (failures.length - 1));
  return Math.max(0, lastFailure + delay - now);
}

/** The lowest indexes neither succeeded nor running. */
export function pendingIndexes(
  completions: number,
  succeeded: Set<number>,
  active: KubeObject[],
  count: number,
): number[] {
  const running = new Set(active.map(completionIndex));
  const result: number[] = [];
  for (let i = 0; i < completions && result.length < count; i++)
    if (!succeeded.has(i) && !running.has(i)) result.push(i);
  return result;
}
