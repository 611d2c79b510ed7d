/**
 * The Job controller: runs pods until `completions` succeed (or one succeeds, without
 * completions), at most `parallelism` at a time, Indexed or not; recreates failed pods after an
 * exponential back-off (10s, 20s… up to 6 minutes); fails the Job past backoffLimit or
 * activeDeadlineSeconds; deletes its pods while suspended. Every pod carries the job-tracking
 * finalizer until it is counted (job-tracking.ts).
 */
import type { KubeObject } from '../../types.ts';
import { timestamp } from '../../api/request-context.ts';
import { Expectations } from './expectations.ts';
import { controllerRefOf, objectKey } from './indexed-cache.ts';
import { claimChildren, ignoringGoneOrChanged, newControllerRef } from './owner-references.ts';
import { PodControl, slowStartBatch } from './pod-control.ts';
import { podsToDelete } from './pod-deletion-order.ts';
import { isActive, isReady, isTerminal, isTerminating, podPhase } from './pods.ts';
import { backoffRemaining, pastBackoffLimitOnFailure, pendingIndexes } from './job-policy.ts';
import {
  completionIndex,
  hasTrackingFinalizer,
  isIndexed,
  jobPod,
  jobSpec,
  parseIndexes,
} from './job-pods.ts';
import {
  BACKOFF_LIMIT_EXCEEDED,
  COMPLETIONS_REACHED,
  DEADLINE_EXCEEDED,
  ensureJobCondition,
  finishedType,
  interimCondition,
  jobStatus,
  type FinishedCondition,
  type JobStatus,
} from './job-status.ts';
import { consideredFailed, releasePod, trackJobPods } from './job-tracking.ts';
import { selects } from './selectors.ts';
import type { WorkloadKind } from './shared-informers.ts';
import { WorkloadController, splitKey } from './workload-controller.ts';

const MAX_PODS_PER_SYNC = 500;
const ORPHAN_PREFIX = 'pod:';

export class JobController extends WorkloadController {
  readonly name = 'job-controller';
  protected readonly component = 'job-controller';
  protected readonly primary: WorkloadKind = 'jobs';
  protected readonly kinds: WorkloadKind[] = ['jobs', 'pods'];
  private readonly expectations = new Expectations();
  private podControl!: PodControl;

  protected registerHandlers(): void {
    this.podControl = new PodControl(this.client, this.recorder);
    this.cache('jobs').on({
      add: (job) => this.enqueue(job),
      update: (job) => this.enqueue(job),
      delete: (job) => {
        this.expectations.forget(objectKey(job));
        for (const pod of this.cache('pods').controlledBy(job.metadata.uid)) this.podChanged(pod, 'update');
      },
    });
    this.cache('pods').on({
      add: (pod) => this.podChanged(pod, 'add'),
      update: (pod, old) => {
        const deleted =
          pod.metadata.deletionTimestamp !== undefined && old.metadata.deletionTimestamp === undefined;
        this.podChanged(pod, deleted ? 'delete' : 'update');
      },
      delete: (pod) => this.podChanged(pod, 'delete'),
    });
  }

  private podChanged(pod: KubeObject, change: 'add' | 'update' | 'delete'): void {
    const namespace = pod.metadata.namespace ?? '';
    const ref = controllerRefOf(pod);
    const job = ref?.kind === 'Job' ? this.cache('jobs').resolve(namespace, ref) : undefined;
    if (job !== undefined) {
      if (change === 'add') this.expectations.creationObserved(objectKey(job));
      if (change === 'delete') this.expectations.deletionObserved(objectKey(job), objectKey(pod));
      this.enqueue(job);
      return;
    }
    // A pod still holding the tracking finalizer without a Job to count it: release it.
    if (hasTrackingFinalizer(pod)) this.enqueueKey(`${ORPHAN_PREFIX}${objectKey(pod)}`);
    if (ref === undefined) {
      for (const candidate of this.cache('jobs').inNamespace(namespace))
        if (selects(candidate, pod)) this.enqueue(candidate);
    }
  }

  protected async sync(key: string): Promise<void> {
    if (key.startsWith(ORPHAN_PREFIX)) return this.releaseOrphan(key.slice(ORPHAN_PREFIX.length));
    const { namespace, name } = splitKey(key);
    const job = this.cache('jobs').get(namespace, name);
    if (job === undefined) return this.expectations.forget(key);
    const podCache = this.cache('pods');
    const pods = await claimChildren(
      this.client,
      job,
      { owned: podCache.controlledBy(job.metadata.uid), orphans: podCache.orphansIn(namespace) },
      (pod) => selects(job, pod),
    );
    if (finishedType(job) !== undefined) {
      // Nothing runs any more; only finalizers of late pods remain to be released.
      for (const pod of pods.filter(hasTrackingFinalizer)) await releasePod(this.client, pod);
      return;
    }
    await this.syncActiveJob(key, job, pods);
  }

  private async syncActiveJob(key: string, job: KubeObject, pods: KubeObject[]): Promise<void> {
    const spec = jobSpec(job);
    const now = this.now();
    const status = structuredClone(jobStatus(job)) as JobStatus;
    const uncounted = status.uncountedTerminatedPods ?? {};
    const suspended = spec.suspend === true;
    let active = pods.filter(isActive);
    let terminating = pods.filter((p) => isTerminating(p) && !isTerminal(p)).length;
    const withFinalizer = pods.filter(hasTrackingFinalizer);
    const newlyFailed = withFinalizer.filter(
      (p) => consideredFailed(p) && !uncounted.failed?.includes(p.metadata.uid ?? ''),
    );
    const succeededIndexes = parseIndexes(status.completedIndexes);
    for (const pod of withFinalizer) {
      const index = completionIndex(pod);
      if (podPhase(pod) === 'Succeeded' && index !== undefined && index < (spec.completions ?? 0))
        succeededIndexes.add(index);
    }
    const succeeded = isIndexed(job)
      ? succeededIndexes.size
      : (status.succeeded ?? 0) +
        (uncounted.succeeded?.length ?? 0) +
        withFinalizer.filter(
          (p) => podPhase(p) === 'Succeeded' && !uncounted.succeeded?.includes(p.metadata.uid ?? ''),
        ).length;
    const failed = (status.failed ?? 0) + (uncounted.failed?.length ?? 0) + newlyFailed.length;
    if (status.startTime === undefined && !suspended) status.startTime = timestamp(now);

    let finished = interimCondition(status);
    if (finished === undefined) finished = this.failure(job, status, active, failed, now);
    if (finished === undefined && !suspended) {
      const completions = spec.completions;
      const complete =
        completions === undefined
          ? succeeded > 0 && active.length === 0
          : succeeded >= completions && active.length === 0;
      if (complete) finished = COMPLETIONS_REACHED;
    }
    if (finished !== undefined && finished.type === 'FailureTarget' && active.length > 0) {
      // Failing: stop what still runs; the pods are counted as failed once they are gone.
      const stopping = active;
      this.expectations.expectDeletions(key, stopping.map(objectKey));
      for (const pod of stopping) {
        const deleted = await ignoringGoneOrChanged(() => this.podControl.delete(job, pod));
        if (deleted !== true) this.expectations.deletionObserved(key, objectKey(pod));
      }
      terminating += stopping.length;
      active = [];
    } else if (
      finished === undefined &&
      job.metadata.deletionTimestamp === undefined &&
      this.expectations.satisfied(key)
    ) {
      active = await this.manageJob(key, job, active, pods, succeeded, succeededIndexes, suspended);
    }
    if (finished === undefined) this.suspendCondition(job, status, suspended, now);
    if (active.length > 0) status.active = active.length;
    else delete status.active;
    status.ready = active.filter(isReady).length;
    status.terminating = terminating;
    status.uncountedTerminatedPods = uncounted;
    await trackJobPods({
      client: this.client,
      recorder: this.recorder,
      now,
      job,
      status,
      pods,
      finished,
      succeededIndexes,
      terminating,
    });
  }

  /** BackoffLimitExceeded or DeadlineExceeded, or undefined (then a deadline re-check is armed). */
  private failure(
    job: KubeObject,
    status: JobStatus,
    active: KubeObject[],
    failed: number,
    now: Date,
  ): FinishedCondition | undefined {
    const spec = jobSpec(job);
    const backoffLimit = spec.backoffLimit ?? 6;
    if (failed > backoffLimit || pastBackoffLimitOnFailure(job, active, backoffLimit))
      return BACKOFF_LIMIT_EXCEEDED;
    if (spec.activeDeadlineSeconds === undefined || spec.suspend === true || status.startTime === undefined)
      return undefined;
    const deadline = Date.parse(status.startTime) + spec.activeDeadlineSeconds * 1000;
    if (now.getTime() >= deadline) return DEADLINE_EXCEEDED;
    this.enqueueAfter(objectKey(job), deadline - now.getTime());
    return undefined;
  }

  private suspendCondition(job: KubeObject, status: JobStatus, suspended: boolean, now: Date): void {
    if (suspended) {
      if (ensureJobCondition(status, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)) {
        void this.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
      }
    } else if (ensureJobCondition(status, 'Suspended', 'False', 'JobResumed', 'Job resumed', now)) {
      void this.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
      // The deadline counts from the resumption: a suspended Job is not active.
      status.startTime = timestamp(now);
    }
  }

  /** Creates or removes pods towards the wanted number of active ones; returns the active pods. */
  private async manageJob(
    key: string,
    job: KubeObject,
    active: KubeObject[],
    pods: KubeObject[],
    succeeded: number,
    succeededIndexes: Set<number>,
    suspended: boolean,
  ): Promise<KubeObject[]> {
    const spec = jobSpec(job);
    const parallelism = spec.parallelism ?? 1;
    let wanted: number;
    if (suspended) wanted = 0;
    else if (spec.completions === undefined) wanted = succeeded > 0 ? active.length : parallelism;
    else wanted = Math.max(0, Math.min(spec.completions - succeeded, parallelism));
    if (active.length > wanted) {
      const victims = podsToDelete(
        active,
        active,
        Math.min(active.length - wanted, MAX_PODS_PER_SYNC),
        this.now().getTime(),
      );
      this.expectations.expectDeletions(key, victims.map(objectKey));
      for (const pod of victims) {
        // Removed on purpose, not failed: released before deletion so it is never counted.
        await releasePod(this.client, pod);
        const deleted = await ignoringGoneOrChanged(() => this.podControl.delete(job, pod));
        if (deleted !== true) this.expectations.deletionObserved(key, objectKey(pod));
      }
      return active.filter((p) => !victims.includes(p));
    }
    if (active.length === wanted) return active;
    const wait = backoffRemaining(pods, this.now().getTime());
    if (wait > 0) {
      this.enqueueAfter(key, wait);
      return active;
    }
    let count = Math.min(wanted - active.length, MAX_PODS_PER_SYNC);
    let indexes: number[] = [];
    if (isIndexed(job)) {
      indexes = pendingIndexes(spec.completions ?? 0, succeededIndexes, active, count);
      count = indexes.length;
    }
    this.expectations.expectCreations(key, count);
    const created: KubeObject[] = [];
    const result = await slowStartBatch(count, async (i) => {
      const pod = jobPod(job, isIndexed(job) ? indexes[i] : undefined);
      pod.metadata.ownerReferences = [newControllerRef(job)];
      try {
        created.push(await this.podControl.create(job, pod));
      } catch (err) {
        this.expectations.creationObserved(key);
        throw err;
      }
    });
    for (let i = 0; i < result.skipped; i++) this.expectations.creationObserved(key);
    if (result.error !== undefined) this.retryLater(key);
    return [...active, ...created];
  }

  private async releaseOrphan(podKey: string): Promise<void> {
    const { namespace, name } = splitKey(podKey);
    const pod = this.cache('pods').get(namespace, name);
    if (pod === undefined || !hasTrackingFinalizer(pod)) return;
    const ref = controllerRefOf(pod);
    if (ref?.kind === 'Job' && this.cache('jobs').resolve(namespace, ref) !== undefined) return;
    await releasePod(this.client, pod);
  }
}
