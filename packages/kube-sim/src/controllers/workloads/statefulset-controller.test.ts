import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types.ts';
import { eventually } from '../../testing/test-core.ts';
import { startWorkloadTestCluster, type WorkloadTestCluster } from './testing/workload-test-cluster.ts';
import { statefulSet } from './testing/fixtures.ts';

let c: WorkloadTestCluster;
beforeEach(async () => {
  c = await startWorkloadTestCluster();
});
afterEach(() => c.stop());

const ref = (name: string) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'default', name });
type Status = Record<string, unknown>;

async function status(name: string): Promise<Status> {
  return ((await c.get('apps/v1', 'StatefulSet', name))?.status ?? {}) as Status;
}

async function podNames(app = 'web'): Promise<string[]> {
  return (await c.pods(`app=${app}`)).map((p) => p.metadata.name ?? '').sort();
}

async function revisions(app = 'web'): Promise<KubeObject[]> {
  return c.list('apps/v1', 'ControllerRevision', `app=${app}`);
}

const image = (pod: KubeObject) =>
  (pod.spec as { containers: Array<{ image: string }> }).containers[0]?.image;

async function setImage(name: string, value: string): Promise<void> {
  await c.client.patch(ref(name), 'strategic', {
    spec: { template: { spec: { containers: [{ name: 'app', image: value }] } } },
  });
}

async function settled(name: string, replicas: number): Promise<Status> {
  return eventually(async () => {
    const set = await c.get('apps/v1', 'StatefulSet', name);
    const s = (set?.status ?? {}) as Status;
    return (
      s.observedGeneration === set?.metadata.generation &&
      s.readyReplicas === replicas &&
      s.updatedReplicas === replicas &&
      s.currentRevision === s.updateRevision &&
      s
    );
  });
}

describe('StatefulSet controller', () => {
  it('creates pods in order, each after its predecessor is Running and Ready', async () => {
    c.kubelet.setFate(() => 'manual');
    const volumeClaimTemplates = [
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ];
    const set = await c.create(statefulSet('web', 3, { volumeClaimTemplates }));
    await eventually(async () => (await podNames()).length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(await podNames()).toEqual(['web-0']);
    for (const [i, expected] of [
      ['web-0', 'web-1'],
      ['web-0', 'web-1', 'web-2'],
    ].entries()) {
      await c.kubelet.setState((await c.get('v1', 'Pod', `web-${i}`)) as KubeObject, 'ready');
      await eventually(async () => (await podNames()).length === expected.length);
      expect(await podNames()).toEqual(expected);
    }
    const pod = (await c.get('v1', 'Pod', 'web-1')) as KubeObject;
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'web' });
    expect((pod.spec as { volumes: unknown[] }).volumes[0]).toEqual({
      name: 'www',
      persistentVolumeClaim: { claimName: 'www-web-1' },
    });
    const [revision] = await revisions();
    expect(pod.metadata.labels).toEqual({
      app: 'web',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': revision?.metadata.name,
      'statefulset.kubernetes.io/pod-name': 'web-1',
    });
    const claims = await c.list('v1', 'PersistentVolumeClaim');
    expect(claims.map((p) => p.metadata.name).sort()).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    expect(claims[0]?.metadata.labels).toEqual({ app: 'web' });
    const events = await c.events(set);
    expect(events.slice(0, 2)).toEqual([
      'SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
    ]);
  });

  it('creates every pod at once with the Parallel policy', async () => {
    c.kubelet.setFate(() => 'manual');
    await c.create(statefulSet('web', 3, { podManagementPolicy: 'Parallel' }));
    await eventually(async () => (await podNames()).length === 3);
    expect(await podNames()).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('records a ControllerRevision and reports the pods at it', async () => {
    await c.create(statefulSet('web', 2));
    const s = await settled('web', 2);
    const [revision] = await revisions();
    const hash = revision?.metadata.labels?.['controller.kubernetes.io/hash'] ?? '';
    expect(revision?.metadata.name).toBe(`web-${hash}`);
    expect(revision?.revision).toBe(1);
    expect(revision?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'StatefulSet',
      name: 'web',
      controller: true,
    });
    expect((revision?.data as { spec: { template: Record<string, unknown> } }).spec.template.$patch).toBe(
      'replace',
    );
    expect(s).toEqual({
      observedGeneration: 1,
      replicas: 2,
      readyReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
      currentRevision: revision?.metadata.name,
      updateRevision: revision?.metadata.name,
      collisionCount: 0,
      availableReplicas: 2,
    });
  });

  it('scales down from the highest ordinal', async () => {
    const set = await c.create(statefulSet('web', 3));
    await settled('web', 3);
    await c.client.patch(ref('web'), 'merge', { spec: { replicas: 1 } });
    await eventually(async () => (await podNames()).length === 1);
    expect(await podNames()).toEqual(['web-0']);
    const deletes = (await c.events(set)).filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual([
      'SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
    ]);
  });

  it('rolls a new template out from the highest ordinal down, then makes it current', async () => {
    const set = await c.create(statefulSet('web', 3));
    const before = await settled('web', 3);
    await setImage('web', 'nginx:1.28');
    const after = await settled('web', 3);
    expect(after.updateRevision).not.toBe(before.updateRevision);
    expect(after.currentReplicas).toBe(3);
    expect((await c.pods('app=web')).map(image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    const deletes = (await c.events(set)).filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes.map((e) => /Pod (web-\d)/.exec(e)?.[1])).toEqual(['web-2', 'web-1', 'web-0']);
    expect((await revisions()).map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it('updates only the ordinals at or above the partition', async () => {
    await c.create(
      statefulSet('web', 3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }),
    );
    const before = await settled('web', 3);
    await setImage('web', 'nginx:1.28');
    const s = await eventually(async () => {
      const x = await status('web');
      return x.updatedReplicas === 1 && x.readyReplicas === 3 && x;
    });
    expect(s.currentRevision).toBe(before.currentRevision);
    expect(s.currentReplicas).toBe(2);
    const images = Object.fromEntries((await c.pods('app=web')).map((p) => [p.metadata.name, image(p)]));
    expect(images).toEqual({ 'web-0': 'nginx:1.27', 'web-1': 'nginx:1.27', 'web-2': 'nginx:1.28' });
  });

  it('with OnDelete updates a pod only when it is deleted', async () => {
    await c.create(statefulSet('web', 2, { updateStrategy: { type: 'OnDelete' } }));
    await eventually(async () => (await status('web')).readyReplicas === 2);
    await setImage('web', 'nginx:1.28');
    await eventually(async () => (await status('web')).observedGeneration === 2);
    expect((await c.pods('app=web')).map(image)).toEqual(['nginx:1.27', 'nginx:1.27']);
    await c.client.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web-1' });
    await eventually(
      async () =>
        image(
          (await c.get('v1', 'Pod', 'web-1')) ?? ({ spec: { containers: [{}] } } as unknown as KubeObject),
        ) === 'nginx:1.28',
    );
    expect(image((await c.get('v1', 'Pod', 'web-0')) as KubeObject)).toBe('nginx:1.27');
  });

  it('rolls back to an earlier revision by renumbering it, as kubectl rollout undo does', async () => {
    await c.create(statefulSet('web', 2));
    await settled('web', 2);
    const [first] = await revisions();
    await setImage('web', 'nginx:1.28');
    await settled('web', 2);
    // kubectl rollout undo applies the revision's data as a strategic merge patch.
    await c.client.patch(ref('web'), 'strategic', first?.data);
    const s = await settled('web', 2);
    const all = await revisions();
    expect(all).toHaveLength(2);
    const reused = all.find((r) => r.metadata.name === first?.metadata.name);
    expect(reused?.revision).toBe(3);
    expect(s.updateRevision).toBe(first?.metadata.name);
    expect((await c.pods('app=web')).map(image)).toEqual(['nginx:1.27', 'nginx:1.27']);
  });

  it('replaces a failed pod', async () => {
    await c.create(statefulSet('web', 1));
    await settled('web', 1);
    const pod = (await c.get('v1', 'Pod', 'web-0')) as KubeObject;
    await c.kubelet.setState(pod, 'failed');
    await eventually(async () => {
      const now = await c.get('v1', 'Pod', 'web-0');
      return (
        now !== undefined &&
        now.metadata.uid !== pod.metadata.uid &&
        (now.status as { phase?: string }).phase === 'Running'
      );
    });
  });
});
