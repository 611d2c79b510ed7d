import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { startTestCore, type TestCore } from '../testing/test-core.ts';
import { nodeSimulation } from '../nodes/node-side-extension.ts';

let t: TestCore;
afterEach(() => t?.stop());

function pod(
  name: string,
  extra: {
    image?: string;
    restartPolicy?: string;
    annotations?: Record<string, string>;
    initImage?: string;
  } = {},
): KubeObject {
  const spec: Record<string, unknown> = {
    containers: [{ name: 'app', image: extra.image ?? 'nginx:1.27' }],
  };
  if (extra.restartPolicy) spec.restartPolicy = extra.restartPolicy;
  if (extra.initImage) spec.initContainers = [{ name: 'setup', image: extra.initImage }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
    },
    spec,
  };
}

async function settle(): Promise<void> {
  await nodeSimulation(t.core)?.settle();
}

/** Advances the cluster clock in steps, letting the node side react after each. */
async function advance(ms: number, step = 500): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    t.clock.advance(Math.min(step, ms - done));
    await settle();
  }
}

async function get(name: string): Promise<KubeObject> {
  return t.core.client.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name });
}

async function events(name: string): Promise<string[]> {
  const { items } = await t.core.client.list({ apiVersion: 'v1', kind: 'Event' }, { namespace: 'default' });
  return items
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.reason as string}: ${e.message as string}`);
}

type Status = {
  phase: string;
  podIP?: string;
  conditions: { type: string; status: string; reason?: string }[];
  containerStatuses: {
    state: Record<string, { reason?: string; exitCode?: number }>;
    restartCount: number;
    ready: boolean;
    lastState: Record<string, unknown>;
  }[];
};
const statusOf = (p: KubeObject) => p.status as Status;

describe('kubelet pod lifecycle', () => {
  it('takes a pod from ContainerCreating to Running with the events in order', async () => {
    t = await startTestCore({ nodes: 2 });
    await t.core.client.create(pod('web'));
    await settle();
    let s = statusOf(await get('web'));
    expect(s.phase).toBe('Pending');
    expect(s.containerStatuses[0]?.state.waiting?.reason).toBe('ContainerCreating');
    await advance(2000);
    s = statusOf(await get('web'));
    expect(s.phase).toBe('Running');
    expect(s.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(s.conditions.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(await events('web')).toEqual([
      'Scheduled: Successfully assigned default/web to test-worker',
      'Pulling: Pulling image "nginx:1.27"',
      expect.stringMatching(
        /^Pulled: Successfully pulled image "nginx:1\.27" in 1s \(1s including waiting\)\. Image size: \d+ bytes\.$/,
      ),
      'Created: Created container: app',
      'Started: Started container app',
    ]);
  });

  it('crash-loops a crash image with a growing restart count and back-off', async () => {
    t = await startTestCore({ nodes: 1 });
    await t.core.client.create(pod('crashy', { image: 'example/crash-app:1.0' }));
    await advance(10_000);
    let s = statusOf(await get('crashy'));
    expect(s.containerStatuses[0]?.restartCount).toBe(1);
    await advance(8_000);
    s = statusOf(await get('crashy'));
    expect(s.containerStatuses[0]?.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(s.containerStatuses[0]?.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(s.phase).toBe('Running');
    await advance(60_000, 1000);
    s = statusOf(await get('crashy'));
    expect(s.containerStatuses[0]?.restartCount).toBeGreaterThanOrEqual(3);
    expect(await events('crashy')).toContain(
      `BackOff: Back-off restarting failed container app in pod crashy_default(${(await get('crashy')).metadata.uid})`,
    );
  });

  it('never starts an image that cannot be pulled', async () => {
    t = await startTestCore({ nodes: 1 });
    await t.core.client.create(pod('ghost', { image: 'nginx:missing' }));
    await advance(2000);
    let s = statusOf(await get('ghost'));
    expect(s.containerStatuses[0]?.state.waiting?.reason).toBe('ErrImagePull');
    await advance(1000);
    s = statusOf(await get('ghost'));
    expect(s.containerStatuses[0]?.state.waiting?.reason).toBe('ImagePullBackOff');
    await advance(12_000);
    s = statusOf(await get('ghost'));
    expect(s.phase).toBe('Pending');
    const seen = await events('ghost');
    expect(seen).toContain(
      'Failed: Failed to pull image "nginx:missing": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:missing": failed to resolve reference "docker.io/library/nginx:missing": docker.io/library/nginx:missing: not found',
    );
    expect(seen).toContain('Failed: Error: ImagePullBackOff');
  });

  it('completes Job-style pods: Succeeded, or Failed for fail images', async () => {
    t = await startTestCore({ nodes: 1 });
    await t.core.client.create(
      pod('job-ok', { restartPolicy: 'Never', annotations: { 'sim.atrium.dev/run-seconds': '5' } }),
    );
    await t.core.client.create(pod('job-bad', { restartPolicy: 'Never', image: 'busybox-fail:1' }));
    await advance(8000);
    const ok = statusOf(await get('job-ok'));
    expect(ok.phase).toBe('Succeeded');
    expect(ok.containerStatuses[0]?.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(ok.conditions.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'PodCompleted',
    });
    expect(statusOf(await get('job-bad')).phase).toBe('Failed');
  });

  it('runs init containers before the app containers', async () => {
    t = await startTestCore({ nodes: 1 });
    await t.core.client.create(pod('inits', { initImage: 'busybox:1.36' }));
    await advance(1500);
    let s = statusOf(await get('inits'));
    expect(s.phase).toBe('Pending');
    expect(s.conditions.find((c) => c.type === 'Initialized')?.status).toBe('False');
    await advance(4000);
    s = statusOf(await get('inits'));
    expect(s.phase).toBe('Running');
    const init = (await get('inits')).status as {
      initContainerStatuses: { state: { terminated?: { reason: string } } }[];
    };
    expect(init.initContainerStatuses[0]?.state.terminated?.reason).toBe('Completed');
  });

  it('deletes gracefully: Killing event, then the pod is gone', async () => {
    t = await startTestCore({ nodes: 1 });
    await t.core.client.create(pod('bye'));
    await advance(2000);
    await t.core.client.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'bye' });
    await settle();
    const terminating = await t.core.client.tryGet({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'default',
      name: 'bye',
    });
    expect(terminating?.metadata.deletionTimestamp).toBeDefined();
    await advance(1000);
    expect(
      await t.core.client.tryGet({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'bye' }),
    ).toBeUndefined();
    expect(await events('bye')).toContain('Killing: Stopping container app');
  });
});
