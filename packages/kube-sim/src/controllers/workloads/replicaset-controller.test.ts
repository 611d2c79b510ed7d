import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types.ts';
import { eventually } from '../../testing/test-core.ts';
import { quotaAdmissionExtension } from '../../admission/extension.ts';
import { startWorkloadTestCluster, type WorkloadTestCluster } from './testing/workload-test-cluster.ts';

let c: WorkloadTestCluster;
afterEach(() => c.stop());

function replicaSet(name: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, tier: 'web' } },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
      },
      ...extra,
    },
  };
}

async function rsStatus(name: string): Promise<Record<string, unknown>> {
  return ((await c.get('apps/v1', 'ReplicaSet', name))?.status ?? {}) as Record<string, unknown>;
}

async function scale(name: string, replicas: number): Promise<void> {
  await c.client.patch({ apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'default', name }, 'merge', {
    spec: { replicas },
  });
}

describe('ReplicaSet controller', () => {
  beforeEach(async () => {
    c = await startWorkloadTestCluster();
  });

  it('creates owned pods named after the ReplicaSet and reports them ready and available', async () => {
    const rs = await c.create(replicaSet('web', 3));
    const status = await eventually(async () => {
      const s = await rsStatus('web');
      return s.availableReplicas === 3 && s;
    });
    expect(status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
    const pods = await c.pods('app=web');
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.labels).toEqual({ app: 'web', tier: 'web' });
      expect(pod.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web',
          uid: rs.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    const events = await eventually(async () => {
      const e = await c.events(rs);
      return e.length === 3 && e;
    });
    expect(events.sort()).toEqual(
      pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort(),
    );
  });

  it('replaces deleted pods and deletes surplus ones when scaled down', async () => {
    const rs = await c.create(replicaSet('web', 2));
    await eventually(async () => (await rsStatus('web')).readyReplicas === 2);
    const [first] = await c.pods('app=web');
    await c.client.delete({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'default',
      name: first?.metadata.name ?? '',
    });
    await eventually(async () => {
      const pods = await c.pods('app=web');
      return pods.length === 2 && !pods.some((p) => p.metadata.name === first?.metadata.name);
    });
    await scale('web', 0);
    await eventually(async () => (await c.pods('app=web')).length === 0);
    expect(await rsStatus('web')).toEqual({ replicas: 0, observedGeneration: 2 });
    const deletes = (await c.events(rs)).filter((e) => e.startsWith('SuccessfulDelete: Deleted pod: web-'));
    expect(deletes).toHaveLength(2);
  });

  it('deletes unscheduled, then not-ready pods before ready ones', async () => {
    c.kubelet.setFate(() => 'manual');
    await c.create(replicaSet('web', 3));
    const pods = await eventually(async () => {
      const p = await c.pods('app=web');
      return p.length === 3 && p;
    });
    const [ready, running, unscheduled] = pods as [KubeObject, KubeObject, KubeObject];
    await c.kubelet.setState(ready, 'ready');
    await c.kubelet.setState(running, 'running');
    await eventually(async () => (await rsStatus('web')).readyReplicas === 1);
    await scale('web', 2);
    await eventually(async () => (await c.pods('app=web')).length === 2);
    expect((await c.pods('app=web')).map((p) => p.metadata.name).sort()).toEqual(
      [ready.metadata.name, running.metadata.name].sort(),
    );
    await scale('web', 1);
    await eventually(async () => (await c.pods('app=web')).length === 1);
    expect((await c.pods('app=web'))[0]?.metadata.name).toBe(ready.metadata.name);
    expect(unscheduled.metadata.name).not.toBe(ready.metadata.name);
  });

  it('adopts matching orphans and releases pods whose labels no longer match', async () => {
    const orphan = await c.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
    });
    const rs = await c.create(replicaSet('web', 2));
    await eventually(async () => (await rsStatus('web')).readyReplicas === 2);
    const adopted = await c.get('v1', 'Pod', 'stray');
    expect(adopted?.metadata.ownerReferences?.[0]?.uid).toBe(rs.metadata.uid);
    expect(adopted?.metadata.uid).toBe(orphan.metadata.uid);
    expect(await c.pods('app=web')).toHaveLength(2);
    // Only one pod was created: the orphan filled the other slot, and it is not fully labeled.
    expect((await rsStatus('web')).fullyLabeledReplicas).toBe(1);

    await c.client.patch({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'stray' }, 'merge', {
      metadata: { labels: { app: 'debug' } },
    });
    await eventually(async () => (await c.get('v1', 'Pod', 'stray'))?.metadata.ownerReferences === undefined);
    await eventually(async () => (await c.pods('app=web')).length === 2);
  });

  it('counts pods available only after minReadySeconds on the cluster clock', async () => {
    await c.create(replicaSet('slow', 2, { minReadySeconds: 30 }));
    await eventually(async () => (await rsStatus('slow')).readyReplicas === 2);
    expect((await rsStatus('slow')).availableReplicas).toBeUndefined();
    c.clock.advance(29_000);
    await new Promise((r) => setTimeout(r, 50));
    expect((await rsStatus('slow')).availableReplicas).toBeUndefined();
    c.clock.advance(1_000);
    await eventually(async () => (await rsStatus('slow')).availableReplicas === 2);
  });
});

describe('ReplicaSet controller with a ResourceQuota', () => {
  beforeEach(async () => {
    c = await startWorkloadTestCluster({ extensions: [quotaAdmissionExtension] });
  });

  it('reports FailedCreate and a ReplicaFailure condition when a ResourceQuota refuses its pods', async () => {
    await c.create({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'compute', namespace: 'default' },
      spec: { hard: { pods: '1' } },
    });
    const rs = await c.create(replicaSet('web', 3));
    const condition = await eventually(async () => {
      const conditions = (await rsStatus('web')).conditions as Array<Record<string, string>> | undefined;
      return conditions?.[0];
    });
    expect(condition).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
    expect(condition.message).toMatch(
      /^pods "web-\w{5}" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=1, limited: pods=1$/,
    );
    const events = await eventually(async () => {
      const e = await c.events(rs);
      return e.some((x) => x.startsWith('FailedCreate')) && e;
    });
    expect(events).toContain(`FailedCreate: Error creating: ${condition.message}`);
    expect(await c.pods('app=web')).toHaveLength(1);
    // Nothing about the ReplicaSet changes: its refused sync is retried after a back-off.
    await c.client.patch(
      { apiVersion: 'v1', kind: 'ResourceQuota', namespace: 'default', name: 'compute' },
      'merge',
      { spec: { hard: { pods: '10' } } },
    );
    await eventually(async () => (await rsStatus('web')).conditions === undefined);
    expect(await c.pods('app=web')).toHaveLength(3);
  });
});
