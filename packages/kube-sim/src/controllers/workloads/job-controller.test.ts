import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types.ts';
import { eventually } from '../../testing/test-core.ts';
import { startWorkloadTestCluster, type WorkloadTestCluster } from './testing/workload-test-cluster.ts';
import { job } from './testing/fixtures.ts';

let c: WorkloadTestCluster;
beforeEach(async () => {
  c = await startWorkloadTestCluster();
});
afterEach(() => c.stop());

type Status = Record<string, unknown> & { conditions?: Array<Record<string, string>> };
const ref = (name: string) => ({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name });

async function status(name: string): Promise<Status> {
  return ((await c.get('batch/v1', 'Job', name))?.status ?? {}) as Status;
}

function conditionTypes(s: Status): string[] {
  return (s.conditions ?? []).filter((x) => x.status === 'True').map((x) => x.type ?? '');
}

async function finished(name: string): Promise<Status> {
  return eventually(async () => {
    const s = await status(name);
    return (conditionTypes(s).includes('Complete') || conditionTypes(s).includes('Failed')) && s;
  });
}

const phase = (p: KubeObject) => (p.status as { phase?: string }).phase;

describe('Job controller', () => {
  it('runs completions with at most parallelism pods at a time, then completes', async () => {
    c.kubelet.setFate(() => 'manual');
    const created = await c.create(job('pi', { completions: 3, parallelism: 2 }));
    const selector = `batch.kubernetes.io/job-name=pi`;
    let maxActive = 0;
    for (let round = 0; round < 200; round++) {
      const s = await status('pi');
      if (conditionTypes(s).includes('Complete')) break;
      const running = (await c.pods(selector)).filter(
        (p) => !['Succeeded', 'Failed'].includes(phase(p) ?? ''),
      );
      maxActive = Math.max(maxActive, running.length);
      const next = running[0];
      if (next && running.length === Math.min(2, 3 - Number(s.succeeded ?? 0)))
        await c.kubelet.setState(next, 'succeeded');
      else await new Promise((r) => setTimeout(r, 10));
    }
    const s = await finished('pi');
    expect(maxActive).toBe(2);
    expect(conditionTypes(s)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(s.conditions?.[1]).toMatchObject({
      reason: 'CompletionsReached',
      message: 'Reached expected number of succeeded pods',
    });
    expect(s).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(s.active).toBeUndefined();
    expect(s.failed).toBeUndefined();
    expect(typeof s.startTime).toBe('string');
    expect(typeof s.completionTime).toBe('string');
    const pods = await c.pods(selector);
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^pi-\w{5}$/);
      expect(pod.metadata.finalizers ?? []).toEqual([]);
      expect(pod.metadata.labels).toMatchObject({
        'batch.kubernetes.io/controller-uid': created.metadata.uid,
        'batch.kubernetes.io/job-name': 'pi',
        'controller-uid': created.metadata.uid,
        'job-name': 'pi',
      });
    }
    const events = await eventually(async () => {
      const e = await c.events(created);
      return e.includes('Completed: Job completed') && e;
    });
    expect(events.filter((e) => e.startsWith('SuccessfulCreate: Created pod: pi-'))).toHaveLength(3);
  });

  it('holds the tracking finalizer on running pods until they are counted', async () => {
    c.kubelet.setFate(() => 'ready');
    await c.create(job('hold'));
    const pod = await eventually(async () =>
      (await c.pods('job-name=hold')).find((p) => phase(p) === 'Running'),
    );
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    await eventually(async () => (await status('hold')).ready === 1);
    expect(await status('hold')).toMatchObject({
      active: 1,
      ready: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
    });
    await c.kubelet.setState(pod, 'succeeded');
    await finished('hold');
    expect((await c.get('v1', 'Pod', pod.metadata.name ?? ''))?.metadata.finalizers).toBeUndefined();
  });

  it('fails with BackoffLimitExceeded, retrying failed pods after a growing back-off', async () => {
    c.kubelet.setFate(() => 'failed');
    const created = await c.create(job('flaky', { backoffLimit: 2 }));
    await eventually(async () => (await status('flaky')).failed === 1);
    // The replacement waits 10s on the cluster clock, the next one 20s.
    await new Promise((r) => setTimeout(r, 50));
    expect(await c.pods('job-name=flaky')).toHaveLength(1);
    c.clock.advance(10_000);
    await eventually(async () => (await status('flaky')).failed === 2);
    c.clock.advance(10_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(await c.pods('job-name=flaky')).toHaveLength(2);
    c.clock.advance(10_000);
    const s = await finished('flaky');
    expect(conditionTypes(s)).toEqual(['FailureTarget', 'Failed']);
    expect(s.conditions?.[1]).toMatchObject({
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    });
    expect(s.failed).toBe(3);
    expect(s.completionTime).toBeUndefined();
    expect(await c.events(created)).toContain(
      'BackoffLimitExceeded: Job has reached the specified backoff limit',
    );
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds, deleting its running pods', async () => {
    c.kubelet.setFate(() => 'ready');
    const created = await c.create(
      job('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 4 }),
    );
    await eventually(async () => (await status('slow')).ready === 2);
    c.clock.advance(30_000);
    const s = await finished('slow');
    expect(conditionTypes(s)).toEqual(['FailureTarget', 'Failed']);
    expect(s.conditions?.[1]).toMatchObject({
      reason: 'DeadlineExceeded',
      message: 'Job was active longer than specified deadline',
    });
    expect(s).toMatchObject({ failed: 2, terminating: 0 });
    expect(await c.pods('job-name=slow')).toHaveLength(0);
    const events = await c.events(created);
    expect(events.filter((e) => e.startsWith('SuccessfulDelete: Deleted pod: slow-'))).toHaveLength(2);
    expect(events).toContain('DeadlineExceeded: Job was active longer than specified deadline');
  });

  it('gives Indexed pods their completion index and reports completed indexes', async () => {
    c.kubelet.setFate(() => 'succeeded');
    await c.create(job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    const s = await finished('idx');
    expect(s).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
    const pods = (await c.pods('job-name=idx')).sort((a, b) =>
      (a.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] ?? '').localeCompare(
        b.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] ?? '',
      ),
    );
    expect(pods.map((p) => p.metadata.labels?.['batch.kubernetes.io/job-completion-index'])).toEqual([
      '0',
      '1',
      '2',
    ]);
    pods.forEach((pod, i) => {
      expect(pod.metadata.name).toMatch(new RegExp(`^idx-${i}-\\w{5}$`));
      expect((pod.spec as { hostname?: string }).hostname).toBe(`idx-${i}`);
      const env = (pod.spec as { containers: Array<{ env?: unknown[] }> }).containers[0]?.env;
      expect(env).toEqual([
        {
          name: 'JOB_COMPLETION_INDEX',
          valueFrom: {
            fieldRef: {
              apiVersion: 'v1',
              fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']",
            },
          },
        },
      ]);
    });
  });

  it('runs nothing while suspended and starts when resumed', async () => {
    c.kubelet.setFate(() => 'succeeded');
    const created = await c.create(job('later', { suspend: true }));
    const suspended = await eventually(async () => {
      const s = await status('later');
      return conditionTypes(s).includes('Suspended') && s;
    });
    expect(suspended.conditions?.[0]).toMatchObject({ reason: 'JobSuspended', message: 'Job suspended' });
    expect(suspended.startTime).toBeUndefined();
    expect(await c.pods('job-name=later')).toHaveLength(0);
    await c.client.patch(ref('later'), 'merge', { spec: { suspend: false } });
    const s = await finished('later');
    expect(s.conditions?.find((x) => x.type === 'Suspended')).toMatchObject({
      status: 'False',
      reason: 'JobResumed',
      message: 'Job resumed',
    });
    expect(await c.events(created)).toEqual(
      expect.arrayContaining([
        'Suspended: Job suspended',
        'Resumed: Job resumed',
        'Completed: Job completed',
      ]),
    );
  });

  it('releases its pods when the Job is deleted, so they do not linger', async () => {
    c.kubelet.setFate(() => 'ready');
    await c.create(job('gone', { parallelism: 2, completions: 2 }));
    await eventually(async () => (await status('gone')).ready === 2);
    await c.client.delete(ref('gone'), { propagationPolicy: 'Background' });
    await eventually(async () => (await c.list('v1', 'Pod', 'job-name=gone')).length === 0);
  });
});
