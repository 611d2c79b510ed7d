import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types.ts';
import { eventually } from '../../testing/test-core.ts';
import { startWorkloadTestCluster, type WorkloadTestCluster } from './testing/workload-test-cluster.ts';
import { deployment } from './testing/fixtures.ts';
import { computeHash } from './hashing.ts';

let c: WorkloadTestCluster;
beforeEach(async () => {
  c = await startWorkloadTestCluster();
});
afterEach(() => c.stop());

const ref = (name: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name });
type Status = Record<string, unknown> & { conditions?: Array<Record<string, string>> };

async function status(name: string): Promise<Status> {
  return ((await c.get('apps/v1', 'Deployment', name))?.status ?? {}) as Status;
}

function condition(s: Status, type: string): Record<string, string> | undefined {
  return s.conditions?.find((x) => x.type === type);
}

/** What kubectl rollout status waits for, plus the Progressing condition saying so. */
async function isRolledOut(name: string, replicas: number): Promise<Status | false> {
  const d = await c.get('apps/v1', 'Deployment', name);
  const s = (d?.status ?? {}) as Status;
  const done =
    s.observedGeneration === d?.metadata.generation &&
    (s.updatedReplicas ?? 0) === replicas &&
    (s.replicas ?? 0) === replicas &&
    (s.availableReplicas ?? 0) === replicas &&
    condition(s, 'Progressing')?.reason === 'NewReplicaSetAvailable';
  return done && s;
}

async function rolledOut(name: string, replicas: number): Promise<Status> {
  return eventually(() => isRolledOut(name, replicas));
}

async function replicaSets(app: string): Promise<KubeObject[]> {
  return c.list('apps/v1', 'ReplicaSet', `app=${app}`);
}

async function setImage(name: string, image: string): Promise<void> {
  await c.client.patch(ref(name), 'strategic', {
    spec: { template: { spec: { containers: [{ name: 'app', image }] } } },
  });
}

describe('Deployment controller', () => {
  it('creates a ReplicaSet named after the pod-template-hash and reports the rollout complete', async () => {
    const d = await c.create(deployment('web', 3));
    const s = await rolledOut('web', 3);
    const [rs] = await replicaSets('web');
    const hash = rs?.metadata.labels?.['pod-template-hash'] ?? '';
    expect(hash).toMatch(/^[4-9bcdf]{6,10}$/);
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(rs?.spec).toMatchObject({
      replicas: 3,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
      template: { metadata: { labels: { app: 'web', 'pod-template-hash': hash } } },
    });
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      controller: true,
    });
    const pods = await c.pods('app=web');
    expect(pods.map((p) => p.metadata.labels?.['pod-template-hash'])).toEqual([hash, hash, hash]);
    expect(s).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(s.unavailableReplicas).toBeUndefined();
    expect(condition(s, 'Available')).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
      message: 'Deployment has minimum availability.',
    });
    expect(condition(s, 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "web-${hash}" has successfully progressed.`,
    });
    expect(
      (await c.get('apps/v1', 'Deployment', 'web'))?.metadata.annotations?.[
        'deployment.kubernetes.io/revision'
      ],
    ).toBe('1');
    expect(await c.events(d)).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
  });

  it('gives the same template the same hash in any cluster, and a new template a new one', async () => {
    await c.create(deployment('web', 1));
    await rolledOut('web', 1);
    const first = (await replicaSets('web'))[0]?.metadata.labels?.['pod-template-hash'];
    const other = await startWorkloadTestCluster();
    try {
      await other.create(deployment('web', 1));
      const again = await eventually(async () => (await other.list('apps/v1', 'ReplicaSet', 'app=web'))[0]);
      expect(again.metadata.labels?.['pod-template-hash']).toBe(first);
    } finally {
      await other.stop();
    }
    await setImage('web', 'nginx:1.28');
    await rolledOut('web', 1);
    const hashes = (await replicaSets('web')).map((rs) => rs.metadata.labels?.['pod-template-hash']);
    expect(new Set(hashes).size).toBe(2);
  });

  it('rolls out a new template without exceeding maxSurge or maxUnavailable', async () => {
    // 25% of 4: maxSurge rounds up to 1, maxUnavailable rounds down to 1.
    await c.create(deployment('web', 4));
    await rolledOut('web', 4);
    c.kubelet.setFate(() => 'manual');
    const violations: string[] = [];
    let samples = 0;
    const sample = async () => {
      const pods = await c.pods('app=web');
      const ready = pods.filter((p) =>
        ((p.status as { conditions?: Array<{ type: string; status: string }> }).conditions ?? []).some(
          (x) => x.type === 'Ready' && x.status === 'True',
        ),
      );
      samples++;
      if (pods.length > 5) violations.push(`${pods.length} pods`);
      if (ready.length < 3) violations.push(`${ready.length} ready`);
      return pods;
    };
    await setImage('web', 'nginx:1.28');
    // Act as the kubelet one pod at a time, sampling the pods between every step.
    for (let step = 0; step < 500 && !(await isRolledOut('web', 4)); step++) {
      const pods = await sample();
      const pending = pods.find((p) => (p.status as { phase?: string }).phase === 'Pending');
      if (pending) await c.kubelet.setState(pending, 'ready');
      else await new Promise((r) => setTimeout(r, 10));
    }
    await rolledOut('web', 4);
    await sample();
    expect(violations).toEqual([]);
    expect(samples).toBeGreaterThan(4);
    const sets = await replicaSets('web');
    expect(sets).toHaveLength(2);
    const byRevision = Object.fromEntries(
      sets.map((rs) => [
        rs.metadata.annotations?.['deployment.kubernetes.io/revision'],
        (rs.spec as { replicas: number }).replicas,
      ]),
    );
    expect(byRevision).toEqual({ '1': 0, '2': 4 });
    const events = await c.events((await c.get('apps/v1', 'Deployment', 'web')) as KubeObject);
    const newName = sets.find((rs) => (rs.spec as { replicas: number }).replicas === 4)?.metadata.name;
    expect(events).toContain(`ScalingReplicaSet: Scaled up replica set ${newName} from 0 to 1`);
    expect(events.filter((e) => e.includes('Scaled down')).length).toBeGreaterThanOrEqual(2);
  });

  it('Recreate removes every old pod before the new ReplicaSet creates any', async () => {
    await c.create(deployment('web', 3, { strategy: { type: 'Recreate' } }));
    await rolledOut('web', 3);
    const seen: string[] = [];
    const watch = c.client.watch({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }, (event) => {
      const pod = event.object as KubeObject;
      const image = (pod.spec as { containers: Array<{ image: string }> }).containers[0]?.image ?? '';
      seen.push(`${event.type} ${image}`);
    });
    try {
      await setImage('web', 'nginx:1.28');
      await rolledOut('web', 3);
    } finally {
      watch.stop();
    }
    const firstNew = seen.findIndex((e) => e === 'ADDED nginx:1.28');
    const lastOldDelete = seen.lastIndexOf('DELETED nginx:1.27');
    expect(firstNew).toBeGreaterThan(lastOldDelete);
    expect(seen.filter((e) => e === 'DELETED nginx:1.27')).toHaveLength(3);
  });

  it('scales through the scale subresource, keeping the rollout on one ReplicaSet', async () => {
    const d = await c.create(deployment('web', 2));
    await rolledOut('web', 2);
    await c.client.updateScale(ref('web'), {
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'web' },
      spec: { replicas: 5 },
    });
    await rolledOut('web', 5);
    const [rs] = await replicaSets('web');
    expect(rs?.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(rs?.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('7');
    expect(await c.events(d)).toContain(
      `ScalingReplicaSet: Scaled up replica set ${rs?.metadata.name} from 2 to 5`,
    );
    expect((await c.client.getScale(ref('web'))).status).toEqual({ replicas: 5, selector: 'app=web' });
  });

  it('does not roll out while paused, and reports pause and resume on Progressing', async () => {
    await c.create(deployment('web', 2));
    await rolledOut('web', 2);
    await c.client.patch(ref('web'), 'merge', { spec: { paused: true } });
    await eventually(
      async () => condition(await status('web'), 'Progressing')?.reason === 'DeploymentPaused',
    );
    expect(condition(await status('web'), 'Progressing')).toMatchObject({
      status: 'Unknown',
      message: 'Deployment is paused',
    });
    await setImage('web', 'nginx:1.28');
    await eventually(async () => (await status('web')).observedGeneration === 3);
    expect(await replicaSets('web')).toHaveLength(1);
    await c.client.patch(ref('web'), 'merge', { spec: { paused: false } });
    await rolledOut('web', 2);
    expect(await replicaSets('web')).toHaveLength(2);
    const events = await c.events((await c.get('apps/v1', 'Deployment', 'web')) as KubeObject);
    expect(events.some((e) => e.includes('from 0 to 1'))).toBe(true);
  });

  it('rolls back by reusing the old ReplicaSet, which takes the next revision', async () => {
    await c.create(
      deployment('web', 2, {
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
        },
      }),
    );
    await rolledOut('web', 2);
    const [v1] = await replicaSets('web');
    await setImage('web', 'nginx:1.28');
    await rolledOut('web', 2);
    // What kubectl rollout undo sends: the old ReplicaSet's template without its hash label.
    const template = structuredClone(
      (v1?.spec as { template: { metadata: { labels: Record<string, string> } } }).template,
    );
    delete template.metadata.labels['pod-template-hash'];
    await c.client.patch(ref('web'), 'json', [{ op: 'replace', path: '/spec/template', value: template }]);
    await rolledOut('web', 2);
    const sets = await replicaSets('web');
    expect(sets).toHaveLength(2);
    const reused = sets.find((rs) => rs.metadata.uid === v1?.metadata.uid);
    expect(reused?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(reused?.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect((reused?.spec as { replicas: number }).replicas).toBe(2);
    const d = await c.get('apps/v1', 'Deployment', 'web');
    expect(d?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    const images = (await c.pods('app=web')).map(
      (p) => (p.spec as { containers: Array<{ image: string }> }).containers[0]?.image,
    );
    expect(images).toEqual(['nginx:1.27', 'nginx:1.27']);
  });

  it('keeps revisionHistoryLimit old ReplicaSets and copies change-cause to each revision', async () => {
    await c.create(deployment('web', 1, { revisionHistoryLimit: 1 }));
    await rolledOut('web', 1);
    for (const [i, image] of ['nginx:1.28', 'nginx:1.29'].entries()) {
      await c.client.patch(ref('web'), 'merge', {
        metadata: { annotations: { 'kubernetes.io/change-cause': `step ${i + 2}` } },
      });
      await setImage('web', image);
      await eventually(async () => {
        const sets = await replicaSets('web');
        return sets.some(
          (rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === String(i + 2),
        );
      });
      await rolledOut('web', 1);
    }
    const sets = await eventually(async () => {
      const s = await replicaSets('web');
      return s.length === 2 && s;
    });
    const revisions = sets.map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']).sort();
    expect(revisions).toEqual(['2', '3']);
    const causes = sets.map((rs) => rs.metadata.annotations?.['kubernetes.io/change-cause']).sort();
    expect(causes).toEqual(['step 2', 'step 3']);
  });

  it('reports ProgressDeadlineExceeded when pods never become ready in time', async () => {
    c.kubelet.setFate(() => 'running');
    await c.create(deployment('web', 2, { progressDeadlineSeconds: 60 }));
    await eventually(
      async () =>
        condition(await status('web'), 'Progressing')?.reason === 'ReplicaSetUpdated' ||
        condition(await status('web'), 'Progressing')?.reason === 'NewReplicaSetCreated',
    );
    const s = await status('web');
    expect(condition(s, 'Available')).toMatchObject({
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
      message: 'Deployment does not have minimum availability.',
    });
    c.clock.advance(61_000);
    const timedOut = await eventually(async () => {
      const p = condition(await status('web'), 'Progressing');
      return p?.reason === 'ProgressDeadlineExceeded' && p;
    });
    const [rs] = await replicaSets('web');
    expect(timedOut).toMatchObject({
      status: 'False',
      message: `ReplicaSet "${rs?.metadata.name}" has timed out progressing.`,
    });
    expect((await status('web')).unavailableReplicas).toBe(2);
  });

  it('starts a new revision when kubectl rollout restart stamps the template', async () => {
    await c.create(deployment('web', 2));
    await rolledOut('web', 2);
    await c.client.patch(ref('web'), 'strategic', {
      spec: {
        template: {
          metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' } },
        },
      },
    });
    await eventually(async () => (await replicaSets('web')).length === 2);
    await rolledOut('web', 2);
    const d = await c.get('apps/v1', 'Deployment', 'web');
    expect(d?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const pods = await c.pods('app=web');
    expect(
      pods.every(
        (p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] === '2025-01-01T00:00:00Z',
      ),
    ).toBe(true);
  });

  it('resolves a pod-template-hash collision by bumping collisionCount', async () => {
    const d = await c.create(deployment('web', 1, { paused: true }));
    const template = (d.spec as { template: unknown }).template;
    // Someone else's ReplicaSet already holds the name the template hashes to.
    const taken = `web-${computeHash(template)}`;
    await c.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: taken, namespace: 'default' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'other' } },
        template: {
          metadata: { labels: { app: 'other' } },
          spec: { containers: [{ name: 'x', image: 'busybox' }] },
        },
      },
    });
    await c.client.patch(ref('web'), 'merge', { spec: { paused: false } });
    const s = await rolledOut('web', 1);
    expect(s.collisionCount).toBe(1);
    const [rs] = await replicaSets('web');
    expect(rs?.metadata.name).toBe(`web-${computeHash(template, 1)}`);
    expect(rs?.metadata.name).not.toBe(taken);
  });

  it('shares a scale-up during a rollout between the ReplicaSets in proportion', async () => {
    await c.create(deployment('web', 10));
    await rolledOut('web', 10);
    const [old] = await replicaSets('web');
    c.kubelet.setFate(() => 'manual');
    await setImage('web', 'nginx:1.28');
    // maxSurge 3, maxUnavailable 2: the old ReplicaSet drops to 8, the new one grows to 5 (13 in all).
    const sizes = async () =>
      Object.fromEntries(
        (await replicaSets('web')).map((rs) => [
          rs.metadata.uid === old?.metadata.uid ? 'old' : 'new',
          (rs.spec as { replicas: number }).replicas,
        ]),
      );
    await eventually(
      async () =>
        JSON.stringify(await sizes()) === JSON.stringify({ old: 8, new: 5 }) ||
        JSON.stringify(await sizes()) === JSON.stringify({ new: 5, old: 8 }),
    );
    await c.client.patch(ref('web'), 'merge', { spec: { replicas: 20 } });
    // 25 pods allowed now: 12 more, shared by size against the max-replicas (13) each was sized for.
    const d = (await c.get('apps/v1', 'Deployment', 'web')) as KubeObject;
    const events = await eventually(async () => {
      const e = await c.events(d);
      return e.some((x) => x.includes(`Scaled up replica set ${old?.metadata.name} from 8 to 15`)) && e;
    });
    const newName = (await replicaSets('web')).find((rs) => rs.metadata.uid !== old?.metadata.uid)?.metadata
      .name;
    expect(events).toContain(`ScalingReplicaSet: Scaled up replica set ${newName} from 5 to 10`);
  });
});
