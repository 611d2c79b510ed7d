/**
 * CronJobs on a cluster driven by a TestClock, seen through the real kubectl: advancing the
 * clock past the schedule starts the Job, the kubelet runs it, and the CronJob records it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../src/cluster/test-clock.ts';
import { eventually } from '../src/testing/test-core.ts';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';

let k: KubectlSession;
const clock = new TestClock('2025-01-01T00:00:00Z');

beforeAll(async () => {
  k = await startKubectlSession({ nodes: 2, clock });
});
afterAll(() => k.close());

async function kubectl(...args: string[]): Promise<string> {
  const result = await k.run(args);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Moves the cluster clock in 10-second steps, as time would pass, letting the cluster react. */
async function advance(ms: number): Promise<void> {
  for (let done = 0; done < ms; done += 10_000) {
    clock.advance(Math.min(10_000, ms - done));
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('CronJob on the cluster clock', () => {
  it('starts the scheduled Job when the clock reaches the schedule, and records its success', async () => {
    expect(
      await kubectl('create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'),
    ).toBe('cronjob.batch/tick created\n');
    await advance(4 * 60_000);
    expect(await kubectl('get', 'jobs', '-o', 'name')).toBe('');
    await advance(60_000);
    // 2025-01-01T00:05:00Z is minute 28928165 since the epoch.
    await eventually(
      async () => (await kubectl('get', 'jobs', '-o', 'name')) === 'job.batch/tick-28928165\n',
    );
    expect(await kubectl('get', 'cronjob', 'tick', '-o', 'jsonpath={.status.lastScheduleTime}')).toBe(
      '2025-01-01T00:05:00Z',
    );
    // The kubelet pulls, starts and runs the container on the same clock.
    for (let i = 0; i < 30; i++) {
      if ((await kubectl('get', 'job', 'tick-28928165', '-o', 'jsonpath={.status.succeeded}')) === '1') break;
      await advance(1_000);
    }
    await eventually(
      async () =>
        (await kubectl('get', 'cronjob', 'tick', '-o', 'jsonpath={.status.lastSuccessfulTime}')) !== '',
    );
    expect(await kubectl('get', 'cronjob', 'tick', '-o', 'jsonpath={.status.active}')).toBe('');
    const events = await kubectl(
      'get',
      'events',
      '--field-selector=involvedObject.kind=CronJob',
      '-o',
      'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}',
    );
    expect(events).toContain('SuccessfulCreate: Created job tick-28928165');
    expect(events).toContain('SawCompletedJob: Saw completed job: tick-28928165, status: Complete');
  });
});
