import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types.ts';
import { eventually } from '../../testing/test-core.ts';
import { startWorkloadTestCluster, type WorkloadTestCluster } from './testing/workload-test-cluster.ts';
import { cronJob } from './testing/fixtures.ts';

let c: WorkloadTestCluster;
beforeEach(async () => {
  // The test clock starts at 2025-01-01T00:00:00Z.
  c = await startWorkloadTestCluster();
});
afterEach(() => c.stop());

const ref = (name: string) => ({ apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'default', name });
const minutes = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

async function jobNames(): Promise<string[]> {
  return (await c.list('batch/v1', 'Job')).map((j) => j.metadata.name ?? '').sort();
}

async function cjStatus(name: string): Promise<Record<string, unknown>> {
  return ((await c.get('batch/v1', 'CronJob', name))?.status ?? {}) as Record<string, unknown>;
}

async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
}

describe('CronJob controller', () => {
  it('starts a Job named after its scheduled minute when the clock reaches it', async () => {
    c.kubelet.setFate(() => 'manual');
    const cj = await c.create(
      cronJob('tick', '*/5 * * * *', {
        jobTemplate: {
          metadata: { labels: { team: 'a' } },
          spec: {
            template: {
              spec: { containers: [{ name: 'work', image: 'busybox' }], restartPolicy: 'OnFailure' },
            },
          },
        },
      }),
    );
    await settle();
    expect(await jobNames()).toEqual([]);
    c.clock.advance(5 * 60_000);
    const name = `tick-${minutes('2025-01-01T00:05:00Z')}`;
    await eventually(async () => (await jobNames()).includes(name));
    const job = (await c.get('batch/v1', 'Job', name)) as KubeObject;
    expect(job.metadata.annotations).toEqual({
      'batch.kubernetes.io/cronjob-scheduled-timestamp': '2025-01-01T00:05:00Z',
    });
    expect(job.metadata.labels).toMatchObject({ team: 'a' });
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'CronJob',
      name: 'tick',
      uid: cj.metadata.uid,
      controller: true,
    });
    const status = await eventually(async () => {
      const s = await cjStatus('tick');
      return s.lastScheduleTime !== undefined && s;
    });
    expect(status).toEqual({
      lastScheduleTime: '2025-01-01T00:05:00Z',
      active: [
        {
          kind: 'Job',
          namespace: 'default',
          name,
          uid: job.metadata.uid,
          apiVersion: 'batch/v1',
          resourceVersion: expect.any(String),
        },
      ],
    });
    expect(await c.events(cj)).toContain(`SuccessfulCreate: Created job ${name}`);
  });

  it('records completed Jobs and keeps successfulJobsHistoryLimit of them', async () => {
    c.kubelet.setFate(() => 'succeeded');
    const cj = await c.create(cronJob('tick', '* * * * *', { successfulJobsHistoryLimit: 2 }));
    for (let i = 1; i <= 4; i++) {
      c.clock.advance(60_000);
      const name = `tick-${minutes('2025-01-01T00:00:00Z') + i}`;
      await eventually(async () =>
        (await c.events(cj)).some((e) =>
          e.startsWith(`SawCompletedJob: Saw completed job: ${name}, status: Complete`),
        ),
      );
    }
    await eventually(async () => (await jobNames()).length === 2);
    expect(await jobNames()).toEqual([
      `tick-${minutes('2025-01-01T00:03:00Z')}`,
      `tick-${minutes('2025-01-01T00:04:00Z')}`,
    ]);
    const status = await cjStatus('tick');
    expect(status.active).toBeUndefined();
    expect(status.lastScheduleTime).toBe('2025-01-01T00:04:00Z');
    expect(status.lastSuccessfulTime).toBe('2025-01-01T00:04:00Z');
    const events = await c.events(cj);
    expect(events).toContain(`SuccessfulDelete: Deleted job tick-${minutes('2025-01-01T00:01:00Z')}`);
  });

  it('Forbid skips a run while the previous Job is active; Replace replaces it', async () => {
    c.kubelet.setFate(() => 'ready');
    const forbid = await c.create(cronJob('forbid', '* * * * *', { concurrencyPolicy: 'Forbid' }));
    const replace = await c.create(cronJob('replace', '* * * * *', { concurrencyPolicy: 'Replace' }));
    c.clock.advance(60_000);
    await eventually(async () => (await jobNames()).length === 2);
    c.clock.advance(60_000);
    await eventually(async () =>
      (await c.events(forbid)).includes(
        'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid',
      ),
    );
    const second = `replace-${minutes('2025-01-01T00:02:00Z')}`;
    await eventually(
      async () =>
        (await jobNames()).includes(second) &&
        !(await jobNames()).includes(`replace-${minutes('2025-01-01T00:01:00Z')}`),
    );
    expect((await jobNames()).filter((n) => n.startsWith('forbid'))).toEqual([
      `forbid-${minutes('2025-01-01T00:01:00Z')}`,
    ]);
    expect(await c.events(replace)).toContain(
      `SuccessfulDelete: Deleted job replace-${minutes('2025-01-01T00:01:00Z')}`,
    );
  });

  it('starts nothing while suspended; on resume catches up the latest run unless past startingDeadlineSeconds', async () => {
    await c.create(cronJob('late', '0 * * * *', { suspend: true, startingDeadlineSeconds: 60 }));
    await c.create(cronJob('catchup', '0 * * * *', { suspend: true }));
    c.clock.advance(3 * 3600_000 + 30 * 60_000);
    await settle();
    expect(await jobNames()).toEqual([]);
    await c.client.patch(ref('late'), 'merge', { spec: { suspend: false } });
    await c.client.patch(ref('catchup'), 'merge', { spec: { suspend: false } });
    // Only the most recent missed run (03:00), and only without a deadline it has passed.
    await eventually(async () => (await jobNames()).length === 1);
    await settle();
    expect(await jobNames()).toEqual([`catchup-${minutes('2025-01-01T03:00:00Z')}`]);
    c.clock.advance(30 * 60_000);
    await eventually(async () => (await jobNames()).length === 3);
    expect(await jobNames()).toEqual([
      `catchup-${minutes('2025-01-01T03:00:00Z')}`,
      `catchup-${minutes('2025-01-01T04:00:00Z')}`,
      `late-${minutes('2025-01-01T04:00:00Z')}`,
    ]);
  });

  it('evaluates the schedule in spec.timeZone and says so in the scheduled timestamp', async () => {
    await c.create(cronJob('tokyo', '30 9 * * *', { timeZone: 'Asia/Tokyo' }));
    c.clock.advance(30 * 60_000);
    const name = `tokyo-${minutes('2025-01-01T00:30:00Z')}`;
    await eventually(async () => (await jobNames()).includes(name));
    const job = (await c.get('batch/v1', 'Job', name)) as KubeObject;
    expect(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
      '2025-01-01T09:30:00+09:00',
    );
  });

  it('reports a Job created from it by hand as unexpected, as the real controller does', async () => {
    const cj = await c.create(cronJob('manual', '0 0 1 1 *'));
    // What kubectl create job --from=cronjob/manual sends.
    await c.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'manual-run',
        namespace: 'default',
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: 'manual',
            uid: cj.metadata.uid ?? '',
            controller: true,
          },
        ],
      },
      spec: structuredClone((cj.spec as { jobTemplate: { spec: unknown } }).jobTemplate.spec),
    });
    await eventually(async () =>
      (await c.events(cj)).includes(
        'UnexpectedJob: Saw a job that the controller did not create or forgot: manual-run',
      ),
    );
    expect((await cjStatus('manual')).active).toBeUndefined();
  });
});
