import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../testing/test-core.ts';
import { seedScaleWorkloads } from './scale-workloads.ts';

let t: TestCore;
afterEach(async () => t?.stop());

describe('--scale as Deployments', () => {
  it('spreads running pods owned by ReplicaSets of Deployments over namespaces and workers, stable under the controllers', async () => {
    t = await startTestCore({ nodes: 1 });
    const result = await seedScaleWorkloads(t.core, { nodes: 5, pods: 1300 });
    expect(result).toMatchObject({ nodes: 5, pods: 1300, namespaces: 2 });
    const client = t.core.client;
    const pods = (
      await client.list({ apiVersion: 'v1', kind: 'Pod' }, { labelSelector: 'pod-template-hash' })
    ).items;
    expect(pods).toHaveLength(1300);
    expect(new Set(pods.map((p) => p.metadata.namespace))).toEqual(new Set(['team-0', 'team-1']));
    expect(pods.every((p) => (p.status as { phase: string }).phase === 'Running')).toBe(true);
    const perNode = new Map<string, number>();
    for (const pod of pods) {
      const node = (pod.spec as { nodeName: string }).nodeName;
      perNode.set(node, (perNode.get(node) ?? 0) + 1);
    }
    expect([...perNode.keys()].sort()).toEqual([
      'test-worker',
      'test-worker2',
      'test-worker3',
      'test-worker4',
    ]);
    expect([...perNode.values()].every((n) => n === 325)).toBe(true);
    const deployments = (
      await client.list({ apiVersion: 'apps/v1', kind: 'Deployment' }, { namespace: 'team-0' })
    ).items;
    const checkout = deployments.find((d) => d.metadata.name === 'checkout');
    expect(checkout?.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    const replicaSets = (
      await client.list(
        { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
        { namespace: 'team-0', labelSelector: 'app=checkout' },
      )
    ).items;
    expect(replicaSets).toHaveLength(1);
    expect(replicaSets[0]?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'checkout',
      controller: true,
    });
    const owned = pods.filter(
      (p) =>
        p.metadata.namespace === 'team-0' &&
        p.metadata.ownerReferences?.[0]?.name === replicaSets[0]?.metadata.name,
    );
    expect(owned).toHaveLength(2);
    // The controllers take it all as theirs: no new ReplicaSets, no pods added or removed.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(
      (await client.list({ apiVersion: 'v1', kind: 'Pod' }, { labelSelector: 'pod-template-hash' })).items,
    ).toHaveLength(1300);
    const allReplicaSets = (await client.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, {})).items;
    expect(allReplicaSets).toHaveLength(result.deployments);
  });
});
