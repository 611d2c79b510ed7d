/**
 * The CronJob controller (cronjob_controllerv2): at each scheduled time — on the cluster clock,
 * so a TestClock advanced past it starts the Job — creates `<cronjob>-<minutes>` unless
 * suspended, too late for startingDeadlineSeconds, or forbidden by the concurrency policy
 * (Forbid skips, Replace deletes the running Job first); tracks the active Jobs and the last
 * schedule and success times; trims finished Jobs to the history limits.
 */
import type { KubeObject } from '../../types.ts';
import { isApiError } from '../../api/errors.ts';
import { deepEqual } from '../../api/strategy.ts';
import { timestamp } from '../../api/request-context.ts';
import { isValidTimeZone, parseSchedule, type CronSchedule } from './cron-schedule.ts';
import { cronJobSpec, jobFromTemplate, jobName, jobReference, jobsBeyondHistory } from './cronjob-jobs.ts';
import {
  MANY_MISSED,
  mostRecentScheduleTime,
  nextScheduleIn,
  rfc1123z,
  type CronJobStatus,
} from './cronjob-times.ts';
import { controllerRefOf } from './indexed-cache.ts';
import { isControlledBy } from './owner-references.ts';
import { errorMessage } from './pod-control.ts';
import { finishedType, jobStatus } from './job-status.ts';
import type { WorkloadKind } from './shared-informers.ts';
import { WorkloadController, splitKey } from './workload-controller.ts';

export class CronJobController extends WorkloadController {
  readonly name = 'cronjob-controller';
  protected readonly component = 'cronjob-controller';
  protected readonly primary: WorkloadKind = 'cronJobs';
  protected readonly kinds: WorkloadKind[] = ['cronJobs', 'jobs'];
  /** Unexpected Jobs already reported, so each is reported once. */
  private readonly reported = new Set<string>();

  protected registerHandlers(): void {
    this.cache('cronJobs').on({ add: (cj) => this.enqueue(cj), update: (cj) => this.enqueue(cj) });
    const jobChanged = (job: KubeObject) => {
      const ref = controllerRefOf(job);
      if (ref?.kind !== 'CronJob') return;
      const cj = this.cache('cronJobs').resolve(job.metadata.namespace ?? '', ref);
      if (cj !== undefined) this.enqueue(cj);
    };
    this.cache('jobs').on({ add: jobChanged, update: jobChanged, delete: jobChanged });
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cj = this.cache('cronJobs').get(namespace, name);
    if (cj === undefined) return;
    const jobs = this.cache('jobs').controlledBy(cj.metadata.uid);
    const status = structuredClone((cj.status ?? {}) as CronJobStatus);
    await this.cleanupFinishedJobs(cj, status, jobs);
    const requeue = await this.syncCronJob(cj, status, jobs);
    if (!deepEqual(cj.status ?? {}, status))
      await this.client.updateStatus({ ...structuredClone(cj), status });
    if (requeue !== undefined) this.enqueueAfter(key, requeue);
  }

  private async syncCronJob(
    cj: KubeObject,
    status: CronJobStatus,
    jobs: KubeObject[],
  ): Promise<number | undefined> {
    const spec = cronJobSpec(cj);
    const seen = new Set<string>();
    for (const job of jobs) {
      const uid = job.metadata.uid ?? '';
      seen.add(uid);
      const active = status.active?.some((r) => r.uid === uid) === true;
      const finished = finishedType(job);
      if (!active && finished === undefined) {
        if (!this.reported.has(uid)) {
          this.reported.add(uid);
          this.event(
            cj,
            'Warning',
            'UnexpectedJob',
            `Saw a job that the controller did not create or forgot: ${job.metadata.name}`,
          );
        }
      } else if (active && finished !== undefined) {
        removeActive(status, uid);
        this.event(
          cj,
          'Normal',
          'SawCompletedJob',
          `Saw completed job: ${job.metadata.name}, status: ${finished}`,
        );
      }
      const completed = jobStatus(job).completionTime;
      if (finished === 'Complete' && completed !== undefined) {
        if (
          status.lastSuccessfulTime === undefined ||
          Date.parse(completed) > Date.parse(status.lastSuccessfulTime)
        ) {
          status.lastSuccessfulTime = completed;
        }
      }
    }
    for (const ref of [...(status.active ?? [])]) {
      if (seen.has(ref.uid ?? '')) continue;
      const found = await this.client.tryGet({
        apiVersion: 'batch/v1',
        kind: 'Job',
        namespace: ref.namespace,
        name: ref.name ?? '',
      });
      if (found === undefined) {
        this.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
        removeActive(status, ref.uid ?? '');
      }
    }
    if (cj.metadata.deletionTimestamp !== undefined) return undefined;
    const timeZone = spec.timeZone ?? 'UTC';
    if (!isValidTimeZone(timeZone)) {
      this.event(
        cj,
        'Warning',
        'UnknownTimeZone',
        `invalid timeZone: "${timeZone}": unknown time zone ${timeZone}`,
      );
      return undefined;
    }
    if (spec.suspend === true) return undefined;
    let schedule: CronSchedule;
    try {
      schedule = parseSchedule(spec.schedule ?? '', timeZone);
    } catch (err) {
      this.event(
        cj,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: "${spec.schedule}" : ${errorMessage(err)}`,
      );
      return undefined;
    }
    const now = this.now();
    const recent = mostRecentScheduleTime(cj, status, now, schedule, true);
    if (recent.missed > MANY_MISSED) {
      this.event(
        cj,
        'Warning',
        'TooManyMissedTimes',
        'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      );
    }
    const untilNext = () => nextScheduleIn(cj, status, now, schedule);
    const scheduled = recent.scheduled;
    if (scheduled === undefined) return untilNext();
    if (
      spec.startingDeadlineSeconds !== undefined &&
      scheduled.getTime() + spec.startingDeadlineSeconds * 1000 < now.getTime()
    ) {
      this.event(
        cj,
        'Warning',
        'MissSchedule',
        `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`,
      );
      return untilNext();
    }
    const name = jobName(cj, scheduled);
    if (status.active?.some((r) => r.name === name) || status.lastScheduleTime === timestamp(scheduled))
      return untilNext();
    if (spec.concurrencyPolicy === 'Forbid' && (status.active?.length ?? 0) > 0) {
      this.event(
        cj,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
      );
      return untilNext();
    }
    if (spec.concurrencyPolicy === 'Replace') {
      for (const ref of [...(status.active ?? [])])
        await this.deleteJob(cj, status, ref.name ?? '', ref.uid ?? '');
    }
    let job: KubeObject;
    try {
      job = await this.client.create(jobFromTemplate(cj, scheduled));
      this.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
    } catch (err) {
      if (!isApiError(err) || err.reason !== 'AlreadyExists') {
        this.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${errorMessage(err)}`);
        throw err;
      }
      const existing = await this.client.tryGet({
        apiVersion: 'batch/v1',
        kind: 'Job',
        namespace: cj.metadata.namespace,
        name,
      });
      if (existing === undefined || !isControlledBy(existing, cj)) return undefined;
      if (status.active?.some((r) => r.uid === existing.metadata.uid)) return undefined;
      job = existing;
    }
    status.active = [...(status.active ?? []), jobReference(job)];
    status.lastScheduleTime = timestamp(scheduled);
    return untilNext();
  }

  private async cleanupFinishedJobs(
    cj: KubeObject,
    status: CronJobStatus,
    jobs: KubeObject[],
  ): Promise<void> {
    for (const job of jobsBeyondHistory(cj, jobs)) {
      await this.deleteJob(cj, status, job.metadata.name ?? '', job.metadata.uid ?? '');
    }
  }

  private async deleteJob(cj: KubeObject, status: CronJobStatus, name: string, uid: string): Promise<void> {
    try {
      await this.client.delete(
        { apiVersion: 'batch/v1', kind: 'Job', namespace: cj.metadata.namespace, name },
        { propagationPolicy: 'Background' },
      );
    } catch (err) {
      if (!isApiError(err) || err.code !== 404) {
        this.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${errorMessage(err)}`);
        return;
      }
    }
    removeActive(status, uid);
    this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
  }

  private event(cj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    void this.recorder.event(cj, type, reason, message);
  }
}

function removeActive(status: CronJobStatus, uid: string): void {
  const active = (status.active ?? []).filter((r) => r.uid !== uid);
  if (active.length > 0) status.active = active;
  else delete status.active;
}
