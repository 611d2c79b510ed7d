import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { startTestCore, type TestCore } from '../testing/test-core.ts';
import { nodeSimulation } from '../nodes/node-side-extension.ts';
import { fitErrorMessage } from './fit-error.ts';
import { numFeasibleNodesToFind } from './scheduler.ts';

let t: TestCore;
afterEach(() => t?.stop());

function pod(name: string, spec: Record<string, unknown> = {}, cpu = '100m'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu } } }], ...spec },
  };
}

const settle = async (): Promise<void> => {
  await nodeSimulation(t.core)?.settle();
};

async function nodeOf(name: string): Promise<string | undefined> {
  const p = await t.core.client.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name });
  return (p.spec as { nodeName?: string }).nodeName;
}

async function schedulingFailure(name: string): Promise<{ condition: unknown; events: string[] }> {
  const p = await t.core.client.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name });
  const { items } = await t.core.client.list({ apiVersion: 'v1', kind: 'Event' }, { namespace: 'default' });
  return {
    condition: (p.status as { conditions?: { type: string }[] }).conditions?.find(
      (c) => c.type === 'PodScheduled',
    ),
    events: items
      .filter((e) => (e.involvedObject as { name: string }).name === name && e.reason === 'FailedScheduling')
      .map((e) => e.message as string),
  };
}

describe('default-scheduler', () => {
  it('keeps a pod that fits nowhere Pending with the real FailedScheduling message', async () => {
    t = await startTestCore({ nodes: 3 });
    await t.core.client.create(pod('huge', {}, '64'));
    await settle();
    const message =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    const failure = await schedulingFailure('huge');
    expect(failure.condition).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(failure.events).toEqual([message]);
    expect(await nodeOf('huge')).toBeUndefined();
  });

  it('respects nodeSelector, required node affinity, taints and cordoned nodes', async () => {
    t = await startTestCore({ nodes: 3 });
    const client = t.core.client;
    await client.patch({ apiVersion: 'v1', kind: 'Node', name: 'test-worker2' }, 'merge', {
      metadata: { labels: { disk: 'ssd', rank: '7' } },
    });
    await settle();
    await client.create(pod('ssd', { nodeSelector: { disk: 'ssd' } }));
    await client.create(
      pod('ranked', {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'rank', operator: 'Gt', values: ['5'] }] }],
            },
          },
        },
      }),
    );
    await client.create(
      pod('by-name', {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['test-worker'] }] },
              ],
            },
          },
        },
      }),
    );
    await client.create(
      pod('on-control-plane', {
        nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
        tolerations: [
          { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        ],
      }),
    );
    await client.create(
      pod('no-toleration', { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } }),
    );
    await settle();
    expect(await nodeOf('ssd')).toBe('test-worker2');
    expect(await nodeOf('ranked')).toBe('test-worker2');
    expect(await nodeOf('by-name')).toBe('test-worker');
    expect(await nodeOf('on-control-plane')).toBe('test-control-plane');
    expect(await nodeOf('no-toleration')).toBeUndefined();
    expect((await schedulingFailure('no-toleration')).events[0]).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );

    await client.patch({ apiVersion: 'v1', kind: 'Node', name: 'test-worker' }, 'merge', {
      spec: { unschedulable: true },
    });
    await client.patch({ apiVersion: 'v1', kind: 'Node', name: 'test-worker2' }, 'merge', {
      spec: { unschedulable: true },
    });
    await settle();
    await client.create(pod('cordoned'));
    await settle();
    expect(await nodeOf('cordoned')).toBeUndefined();
    expect((await schedulingFailure('cordoned')).events[0]).toContain('2 node(s) were unschedulable');
    await client.patch({ apiVersion: 'v1', kind: 'Node', name: 'test-worker' }, 'merge', {
      spec: { unschedulable: null },
    });
    await settle();
    expect(await nodeOf('cordoned')).toBe('test-worker');
  });

  it('fills nodes up to their allocatable cpu and pod count, and no further', async () => {
    t = await startTestCore({ nodes: 3 });
    // Two workers with 8 cpu each: 30 pods of 500m fit (16 per node by cpu), 2 of them do not.
    for (let i = 0; i < 34; i++) await t.core.client.create(pod(`p${i}`, {}, '500m'));
    await settle();
    const { items } = await t.core.client.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' });
    const perNode = new Map<string, number>();
    for (const item of items) {
      const node = (item.spec as { nodeName?: string }).nodeName ?? 'pending';
      perNode.set(node, (perNode.get(node) ?? 0) + 1);
    }
    expect(Object.fromEntries(perNode)).toEqual({ 'test-worker': 16, 'test-worker2': 16, pending: 2 });
  });

  it('counts init containers by the max rule', async () => {
    t = await startTestCore({ nodes: 2 });
    const withInit = pod('init-heavy', {}, '1');
    (withInit.spec as Record<string, unknown>).initContainers = [
      { name: 'warmup', image: 'busybox:1.36', resources: { requests: { cpu: '7' } } },
    ];
    await t.core.client.create(withInit);
    await t.core.client.create(pod('fits-after', {}, '7'));
    await settle();
    expect(await nodeOf('init-heavy')).toBe('test-worker');
    // The pod's request is max(1, 7) = 7: another 7-cpu pod no longer fits on the worker.
    expect(await nodeOf('fits-after')).toBeUndefined();
  });
});

describe('scheduler arithmetic', () => {
  it('scores a share of large clusters like percentageOfNodesToScore', () => {
    expect(numFeasibleNodesToFind(50)).toBe(50);
    expect(numFeasibleNodesToFind(1000)).toBe(420);
    expect(numFeasibleNodesToFind(5000)).toBe(500);
  });

  it('formats the histogram sorted as strings', () => {
    expect(
      fitErrorMessage(12, [
        ...Array(10).fill({ code: 'Unschedulable', reasons: ['Insufficient memory'] }),
        { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] },
        { code: 'Unschedulable', reasons: ['Too many pods', 'Insufficient cpu'] },
      ]),
    ).toBe(
      '0/12 nodes are available: 1 Insufficient cpu, 1 Too many pods, 1 node(s) were unschedulable, 10 Insufficient memory. preemption: 0/12 nodes are available: 1 Preemption is not helpful for scheduling, 11 No preemption victims found for incoming pod.',
    );
  });
});
