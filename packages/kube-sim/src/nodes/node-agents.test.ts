import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { startTestCore, type TestCore } from '../testing/test-core.ts';
import { nodeSimulation } from './node-side-extension.ts';

let t: TestCore;
afterEach(() => t?.stop());

const settle = async (): Promise<void> => {
  await nodeSimulation(t.core)?.settle();
  await nodeSimulation(t.core)?.lifecycle.idle();
  await nodeSimulation(t.core)?.settle();
};

async function advance(ms: number, step = 5000): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    t.clock.advance(Math.min(step, ms - done));
    await settle();
  }
}

const node = (name: string): Promise<KubeObject> =>
  t.core.client.get({ apiVersion: 'v1', kind: 'Node', name });
const lease = (name: string): Promise<KubeObject> =>
  t.core.client.get({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    namespace: 'kube-node-lease',
    name,
  });

type Condition = { type: string; status: string; reason: string; message: string; lastHeartbeatTime: string };
const conditions = (n: KubeObject) => (n.status as { conditions: Condition[] }).conditions;
const taints = (n: KubeObject) =>
  ((n.spec as { taints?: { key: string; effect: string }[] }).taints ?? []).map(
    (x) => `${x.key}:${x.effect}`,
  );

describe('node agents', () => {
  it('renew leases every 10 s and post condition heartbeats every 40 s, not more', async () => {
    t = await startTestCore({ nodes: 2 });
    await settle();
    const startRv = (await node('test-worker')).metadata.resourceVersion;
    await advance(10_000);
    expect((await lease('test-worker')).spec).toMatchObject({
      renewTime: '2025-01-01T00:00:10.000000Z',
      holderIdentity: 'test-worker',
    });
    // Only a lease was due: the Node object itself was not rewritten.
    expect((await node('test-worker')).metadata.resourceVersion).toBe(startRv);
    await advance(30_000);
    const ready = conditions(await node('test-worker')).find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({
      status: 'True',
      reason: 'KubeletReady',
      lastHeartbeatTime: '2025-01-01T00:00:40Z',
    });
    expect(conditions(await node('test-worker')).map((c) => c.type)).toEqual([
      'MemoryPressure',
      'DiskPressure',
      'PIDPressure',
      'Ready',
    ]);
  });

  it('mark a node whose kubelet stopped Unknown and unreachable, and recover it', async () => {
    t = await startTestCore({ nodes: 2 });
    const sim = nodeSimulation(t.core);
    await t.core.client.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stranded', namespace: 'default' },
      spec: { nodeName: 'test-worker', containers: [{ name: 'app', image: 'nginx:1.27' }] },
    });
    await advance(5_000, 1000);
    sim?.setKubeletRunning('test-worker', false);
    await advance(60_000);
    const down = await node('test-worker');
    expect(conditions(down).find((c) => c.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    expect(taints(down)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    const pod = await t.core.client.get({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'default',
      name: 'stranded',
    });
    expect(
      (pod.status as { conditions: Condition[] }).conditions.find((c) => c.type === 'Ready')?.status,
    ).toBe('False');
    sim?.setKubeletRunning('test-worker', true);
    await advance(5_000);
    const up = await node('test-worker');
    expect(conditions(up).find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(taints(up)).toEqual([]);
  });

  it('evicts pods from an unreachable node when their toleration runs out', async () => {
    t = await startTestCore({ nodes: 2 });
    await t.core.client.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'short', namespace: 'default' },
      spec: {
        nodeName: 'test-worker',
        containers: [{ name: 'app', image: 'nginx:1.27' }],
        tolerations: [
          {
            key: 'node.kubernetes.io/unreachable',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 20,
          },
        ],
      },
    });
    await advance(5_000, 1000);
    nodeSimulation(t.core)?.setKubeletRunning('test-worker', false);
    await advance(90_000);
    const pod = await t.core.client.get({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'default',
      name: 'short',
    });
    // Deleted, but the node's kubelet is gone: the pod stays Terminating, as on a real cluster.
    expect(pod.metadata.deletionTimestamp).toBeDefined();
  });

  it('give GPU nodes nvidia.com/gpu capacity that the scheduler honours', async () => {
    t = await startTestCore({ nodes: 3, gpuNodes: 1 });
    const gpu = await node('test-worker');
    expect((gpu.status as { allocatable: Record<string, string> }).allocatable['nvidia.com/gpu']).toBe('8');
    expect(gpu.metadata.labels?.['nvidia.com/gpu.present']).toBe('true');
    expect((await node('test-worker2')).metadata.labels?.['nvidia.com/gpu.present']).toBeUndefined();
    for (const name of ['train-a', 'train-b']) {
      await t.core.client.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default' },
        spec: {
          containers: [
            { name: 'app', image: 'pytorch-train:2.4', resources: { limits: { 'nvidia.com/gpu': '6' } } },
          ],
        },
      });
    }
    await settle();
    const placed = await Promise.all(
      ['train-a', 'train-b'].map(async (name) => {
        const p = await t.core.client.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name });
        return (p.spec as { nodeName?: string }).nodeName ?? 'pending';
      }),
    );
    expect(placed.sort()).toEqual(['pending', 'test-worker']);
  });
});
