import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types.ts';
import { eventually } from '../../testing/test-core.ts';
import { nodeObject } from '../../cluster/nodes.ts';
import { startWorkloadTestCluster, type WorkloadTestCluster } from './testing/workload-test-cluster.ts';
import { daemonSet, podTemplate } from './testing/fixtures.ts';

let c: WorkloadTestCluster;
beforeEach(async () => {
  // test-control-plane (tainted NoSchedule), test-worker, test-worker2
  c = await startWorkloadTestCluster({ nodes: 3 });
});
afterEach(() => c.stop());

const ref = (name: string) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'default', name });
const nodeRef = (name: string) => ({ apiVersion: 'v1', kind: 'Node', name });
type Status = Record<string, unknown>;

async function status(name: string): Promise<Status> {
  return ((await c.get('apps/v1', 'DaemonSet', name))?.status ?? {}) as Status;
}

async function podsByNode(app = 'agent'): Promise<Record<string, string>> {
  const pods = await c.pods(`app=${app}`);
  return Object.fromEntries(
    pods.map((p) => [(p.spec as { nodeName?: string }).nodeName ?? '<unbound>', p.metadata.name ?? '']),
  );
}

async function nodesRunning(app = 'agent'): Promise<string[]> {
  return Object.keys(await podsByNode(app)).sort();
}

async function addNode(index: number, extra: Partial<KubeObject['metadata']> = {}): Promise<string> {
  const node = nodeObject({
    clusterName: 'test',
    index,
    count: index + 1,
    kubeletVersion: 'v1.33.1-sim',
    now: c.clock.now(),
  });
  node.metadata = { ...node.metadata, ...extra, labels: { ...node.metadata.labels, ...extra.labels } };
  await c.client.create(node);
  return node.metadata.name ?? '';
}

describe('DaemonSet controller', () => {
  it('runs one pod per schedulable node, pinned to it, with the daemon tolerations', async () => {
    const ds = await c.create(daemonSet('agent'));
    const s = await eventually(async () => {
      const x = await status('agent');
      return x.numberAvailable === 2 && x;
    });
    expect(await nodesRunning()).toEqual(['test-worker', 'test-worker2']);
    const [revision] = await c.list('apps/v1', 'ControllerRevision', 'app=agent');
    const hash = revision?.metadata.labels?.['controller-revision-hash'];
    expect(revision?.metadata.name).toBe(`agent-${hash}`);
    expect(s).toEqual({
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
    });
    const pod = (await c.pods('app=agent')).find(
      (p) => (p.spec as { nodeName: string }).nodeName === 'test-worker',
    ) as KubeObject;
    expect(pod.metadata.name).toMatch(/^agent-\w{5}$/);
    expect(pod.metadata.labels).toEqual({ app: 'agent', 'controller-revision-hash': hash });
    expect((pod.spec as { affinity: unknown }).affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['test-worker'] }] },
          ],
        },
      },
    });
    expect(
      (pod.spec as { tolerations: Array<{ key: string; effect: string }> }).tolerations.map(
        (t) => `${t.key}:${t.effect}`,
      ),
    ).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    const events = await eventually(async () => {
      const e = await c.events(ds);
      return e.length === 2 && e;
    });
    expect(events.every((e) => /^SuccessfulCreate: Created pod: agent-\w{5}$/.test(e))).toBe(true);
  });

  it('runs on tainted control-plane nodes when the template tolerates the taint', async () => {
    const template = podTemplate('agent');
    (template.spec as Record<string, unknown>).tolerations = [
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    ];
    await c.create(daemonSet('agent', { template }));
    await eventually(async () => (await nodesRunning()).length === 3);
  });

  it('follows nodes as they are added, removed and cordoned', async () => {
    await c.create(daemonSet('agent'));
    await eventually(async () => (await status('agent')).numberReady === 2);
    const added = await addNode(3);
    await eventually(async () => (await nodesRunning()).includes(added));
    expect((await status('agent')).desiredNumberScheduled).toBe(3);
    await c.client.patch(nodeRef(added), 'merge', {
      spec: {
        unschedulable: true,
        taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      },
    });
    await c.client.delete({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'default',
      name: (await podsByNode())[added] ?? '',
    });
    // A cordoned node still gets its daemon pod back.
    await eventually(
      async () => (await nodesRunning()).includes(added) && (await status('agent')).numberReady === 3,
    );
    await c.client.delete(nodeRef(added));
    await eventually(async () => !(await nodesRunning()).includes(added));
    await eventually(async () => (await status('agent')).desiredNumberScheduled === 2);
  });

  it('honours nodeSelector, removing pods from nodes that stop matching', async () => {
    const template = podTemplate('agent');
    (template.spec as Record<string, unknown>).nodeSelector = { disk: 'ssd' };
    await c.create(daemonSet('agent', { template }));
    await eventually(async () => (await status('agent')).observedGeneration === 1);
    expect(await nodesRunning()).toEqual([]);
    await c.client.patch(nodeRef('test-worker2'), 'merge', { metadata: { labels: { disk: 'ssd' } } });
    await eventually(async () => (await nodesRunning()).join() === 'test-worker2');
    await c.client.patch(nodeRef('test-worker2'), 'merge', { metadata: { labels: { disk: null } } });
    await eventually(async () => (await nodesRunning()).length === 0);
    expect(await status('agent')).toMatchObject({
      desiredNumberScheduled: 0,
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
    });
  });

  it('rolls out a new template node by node within maxUnavailable', async () => {
    await addNode(3);
    await c.create(daemonSet('agent'));
    await eventually(async () => (await status('agent')).numberAvailable === 3);
    c.kubelet.setFate(() => 'manual');
    await c.client.patch(ref('agent'), 'strategic', {
      spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } } },
    });
    const violations: string[] = [];
    for (let step = 0; step < 500; step++) {
      const s = await status('agent');
      if (s.observedGeneration === 2 && s.updatedNumberScheduled === 3 && s.numberAvailable === 3) break;
      const pods = await c.pods('app=agent');
      const ready = pods.filter((p) =>
        ((p.status as { conditions?: Array<{ type: string; status: string }> }).conditions ?? []).some(
          (x) => x.type === 'Ready' && x.status === 'True',
        ),
      );
      if (ready.length < 2) violations.push(`${ready.length} ready`);
      if (pods.length > 3) violations.push(`${pods.length} pods`);
      const pending = pods.find((p) => (p.status as { phase?: string }).phase === 'Pending');
      if (pending) await c.kubelet.setState(pending, 'ready');
      else await new Promise((r) => setTimeout(r, 10));
    }
    expect(violations).toEqual([]);
    const images = (await c.pods('app=agent')).map(
      (p) => (p.spec as { containers: Array<{ image: string }> }).containers[0]?.image,
    );
    expect(images).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    const revisions = await c.list('apps/v1', 'ControllerRevision', 'app=agent');
    expect(revisions.map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it('replaces a failed daemon pod and says so', async () => {
    const ds = await c.create(daemonSet('agent'));
    await eventually(async () => (await status('agent')).numberReady === 2);
    const pod = (await c.pods('app=agent'))[0] as KubeObject;
    await c.kubelet.setState(pod, 'failed');
    await eventually(async () =>
      (await c.events(ds)).some((e) => e.startsWith('FailedDaemonPod: Found failed daemon pod default/')),
    );
    await eventually(async () => {
      const pods = await c.pods('app=agent');
      return pods.length === 2 && !pods.some((p) => p.metadata.uid === pod.metadata.uid);
    });
  });
});
