/**
 * When a CronJob runs: the most recent scheduled time it has not run yet (counting from its last
 * run, its creation, or its starting deadline), and how long until the next one.
 */
import type { KubeObject } from '../../types.ts';
import type { CronSchedule } from './cron-schedule.ts';
import { cronJobSpec } from './cronjob-jobs.ts';

export interface CronJobStatus {
  active?: Array<Record<string, string>>;
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

/**
 * The real controller wakes 100ms after a scheduled time to absorb timer skew; on the cluster
 * clock the wake-up is exact, so a test clock advanced to the minute starts that minute's Job.
 */
const NEXT_SCHEDULE_DELTA_MS = 0;
/** More missed runs than this earn a TooManyMissedTimes warning. */
export const MANY_MISSED = 100;

/**
 * The latest scheduled time not after `now` since the last schedule (or creation, or the
 * starting deadline), and how many were missed on the way.
 */
export function mostRecentScheduleTime(
  cj: KubeObject,
  status: CronJobStatus,
  now: Date,
  schedule: CronSchedule,
  withDeadline: boolean,
): { earliest: Date; scheduled?: Date; missed: number } {
  let earliest = new Date(status.lastScheduleTime ?? cj.metadata.creationTimestamp ?? now.toISOString());
  const deadline = cronJobSpec(cj).startingDeadlineSeconds;
  if (withDeadline && deadline !== undefined) {
    const limit = new Date(now.getTime() - deadline * 1000);
    if (limit > earliest) earliest = limit;
  }
  let next = schedule.next(earliest);
  let scheduled: Date | undefined;
  let missed = 0;
  let jumped = false;
  while (next !== undefined && next <= now) {
    scheduled = next;
    missed++;
    const following = schedule.next(next);
    if (!jumped && missed > MANY_MISSED && following !== undefined) {
      // Too many to walk (a clock far ahead): resume two intervals before now.
      jumped = true;
      const interval = following.getTime() - next.getTime();
      const resumed = schedule.next(new Date(now.getTime() - 2 * interval));
      next = resumed !== undefined && resumed > following ? resumed : following;
      continue;
    }
    next = following;
  }
  return { earliest, scheduled, missed };
}

export function nextScheduleIn(
  cj: KubeObject,
  status: CronJobStatus,
  now: Date,
  schedule: CronSchedule,
): number | undefined {
  const { earliest, scheduled } = mostRecentScheduleTime(cj, status, now, schedule, false);
  const next = schedule.next(scheduled ?? earliest);
  if (next === undefined) return undefined;
  return Math.max(0, next.getTime() + NEXT_SCHEDULE_DELTA_MS - now.getTime());
}

/** Go's time.RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700" (in UTC here). */
export function rfc1123z(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}
