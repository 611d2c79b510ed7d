import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../testing/test-core.ts';
import { startWorkloadTestCluster, type WorkloadTestCluster } from './testing/workload-test-cluster.ts';
import { job } from './testing/fixtures.ts';

let c: WorkloadTestCluster;
beforeEach(async () => {
  c = await startWorkloadTestCluster({ fate: () => 'succeeded' });
});
afterEach(() => c.stop());

describe('TTL-after-finished controller', () => {
  it('deletes a finished Job and its pods ttlSecondsAfterFinished after it finished', async () => {
    await c.create(job('once', { ttlSecondsAfterFinished: 60 }));
    await eventually(async () => {
      const conditions = (
        (await c.get('batch/v1', 'Job', 'once'))?.status as { conditions?: Array<{ type: string }> }
      )?.conditions;
      return conditions?.some((x) => x.type === 'Complete');
    });
    c.clock.advance(59_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(await c.get('batch/v1', 'Job', 'once')).toBeDefined();
    c.clock.advance(1_000);
    await eventually(async () => (await c.get('batch/v1', 'Job', 'once')) === undefined);
    await eventually(async () => (await c.list('v1', 'Pod', 'job-name=once')).length === 0);
  });

  it('leaves Jobs without a TTL alone', async () => {
    await c.create(job('keep'));
    await eventually(
      async () =>
        ((await c.get('batch/v1', 'Job', 'keep'))?.status as { succeeded?: number })?.succeeded === 1,
    );
    c.clock.advance(365 * 24 * 3600_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(await c.get('batch/v1', 'Job', 'keep')).toBeDefined();
  });
});
