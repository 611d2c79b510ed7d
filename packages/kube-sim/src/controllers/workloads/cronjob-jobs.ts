/**
 * The Jobs a CronJob starts and keeps: named `<cronjob>-<scheduled time in minutes since the
 * epoch>` (so one scheduled time can never start two Jobs), annotated with the scheduled
 * timestamp in the CronJob's time zone, and trimmed to the history limits.
 */
import type { KubeObject } from '../../types.ts';
import { newControllerRef } from './owner-references.ts';
import { finishedType, jobStatus } from './job-status.ts';

export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

interface JobTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

export interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: string;
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: JobTemplate;
}

export function cronJobSpec(cronJob: KubeObject): CronJobSpec {
  return (cronJob.spec ?? {}) as CronJobSpec;
}

export function jobName(cronJob: KubeObject, scheduled: Date): string {
  return `${cronJob.metadata.name}-${Math.floor(scheduled.getTime() / 60_000)}`;
}

/** RFC 3339 in the given zone, as Go's Time.In(loc).Format(time.RFC3339) writes it. */
export function zonedRfc3339(instant: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const p of format.formatToParts(instant)) parts[p.type] = p.value;
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offsetMinutes = Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** getJobFromTemplate2: the Job for one scheduled time. */
export function jobFromTemplate(cronJob: KubeObject, scheduled: Date): KubeObject {
  const template = cronJobSpec(cronJob).jobTemplate ?? {};
  const annotations = {
    ...template.metadata?.annotations,
    [SCHEDULED_TIMESTAMP]: zonedRfc3339(scheduled, cronJobSpec(cronJob).timeZone ?? 'UTC'),
  };
  const metadata: KubeObject['metadata'] = {
    name: jobName(cronJob, scheduled),
    namespace: cronJob.metadata.namespace,
    annotations,
    ownerReferences: [newControllerRef(cronJob)],
  };
  const labels = template.metadata?.labels;
  if (labels !== undefined && Object.keys(labels).length > 0) metadata.labels = { ...labels };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: structuredClone(template.spec ?? {}) };
}

/** The Jobs beyond the history limits, oldest start first (byJobStartTime). */
export function jobsBeyondHistory(cronJob: KubeObject, jobs: KubeObject[]): KubeObject[] {
  const spec = cronJobSpec(cronJob);
  const excess = (finished: KubeObject[], limit: number | undefined) => {
    if (limit === undefined || finished.length <= limit) return [];
    const sorted = [...finished].sort(byStartTime);
    return sorted.slice(0, finished.length - limit);
  };
  return [
    ...excess(
      jobs.filter((j) => finishedType(j) === 'Complete'),
      spec.successfulJobsHistoryLimit,
    ),
    ...excess(
      jobs.filter((j) => finishedType(j) === 'Failed'),
      spec.failedJobsHistoryLimit,
    ),
  ];
}

function byStartTime(a: KubeObject, b: KubeObject): number {
  const sa = jobStatus(a).startTime;
  const sb = jobStatus(b).startTime;
  if (sa === undefined || sb === undefined) {
    if (sa !== sb) return sa === undefined ? 1 : -1;
  } else if (sa !== sb) return Date.parse(sa) - Date.parse(sb);
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** An ObjectReference to a Job, as status.active lists it. */
export function jobReference(job: KubeObject): Record<string, string> {
  return {
    kind: 'Job',
    namespace: job.metadata.namespace ?? '',
    name: job.metadata.name ?? '',
    uid: job.metadata.uid ?? '',
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata.resourceVersion ?? '',
  };
}
