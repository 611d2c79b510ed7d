import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { eventually, startTestCore, type TestCore } from '../testing/test-core.ts';
import { metricsExtension } from '../metrics/extension.ts';
import { runPod } from '../metrics/testing/kubelet-stand-in.ts';
import { autoscalingExtension } from './extension.ts';
import type { HpaController } from './hpa-controller.ts';

let t: TestCore;
afterEach(async () => t?.stop());

const hpaRef = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  namespace: 'default',
  name: 'web',
};
const deploymentRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };

async function startPod(name: string, load: string, cpuRequest = '500m'): Promise<void> {
  await t.core.client.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels: { app: 'web' },
      annotations: { 'sim.atrium.dev/load': load },
    },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          resources: { requests: { cpu: cpuRequest }, limits: { cpu: cpuRequest } },
        },
      ],
    },
  });
  await runPod(t.core.client, 'default', name, { node: 'test-worker', startedAt: t.clock.now() });
}

async function setup(): Promise<HpaController> {
  t = await startTestCore({ extensions: [metricsExtension, autoscalingExtension], nodes: 2 });
  await t.core.client.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      },
    },
  });
  return t.core.controllers.get('horizontal-pod-autoscaler') as HpaController;
}

async function createHpa(): Promise<void> {
  await t.core.client.create({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 4,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
      ],
    },
  });
}

async function replicas(): Promise<number> {
  return ((await t.core.client.get(deploymentRef)).spec as { replicas: number }).replicas;
}

async function hpaStatus(): Promise<{
  conditions: { type: string; status: string; reason: string; message: string }[];
  currentMetrics: unknown[];
  desiredReplicas: number;
  currentReplicas: number;
  lastScaleTime?: string;
}> {
  return (await t.core.client.get(hpaRef)).status as never;
}

async function tick(controller: HpaController): Promise<void> {
  t.clock.advance(15_000);
  await controller.idle();
  await new Promise((r) => setTimeout(r, 5));
  await controller.idle();
}

describe('HorizontalPodAutoscaler', () => {
  it('scales up on utilization above target, then down only after the stabilization window', async () => {
    const controller = await setup();
    await startPod('web-1', '0.9');
    await startPod('web-2', '0.9');
    // Five minutes on, the pods are past their CPU initialization period and the wobble is 1.
    t.clock.advance(300_000);
    await createHpa();
    // 450m of 500m requested = 90 % against a 50 % target: ceil(1.8 × 2) = 4.
    await eventually(async () => (await replicas()) === 4, 20_000, 'scale to 4');
    const events = await eventually(async () => {
      const list = (await t.core.client.list({ apiVersion: 'v1', kind: 'Event' }, { namespace: 'default' }))
        .items;
      return list.some((e) => e.reason === 'SuccessfulRescale') ? list : undefined;
    });
    expect(events.find((e) => e.reason === 'SuccessfulRescale')?.message).toBe(
      'New size: 4; reason: cpu resource utilization (percentage of request) above target',
    );
    const up = await eventually(async () => {
      const s = await hpaStatus();
      return s.desiredReplicas === 4 ? s : undefined;
    });
    expect(up.currentMetrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 90, averageValue: '450m' } },
      },
    ]);
    expect(up.lastScaleTime).toBe('2025-01-01T00:05:00Z');
    expect(up.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['AbleToScale', 'True', 'SucceededRescale'],
      ['ScalingActive', 'True', 'ValidMetricFound'],
      ['ScalingLimited', 'False', 'DesiredWithinRange'],
    ]);
    expect(up.conditions[1]?.message).toBe(
      'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
    );

    // The new replicas come up (as a ReplicaSet and kubelet would make them) and load drops.
    await startPod('web-3', '0.1');
    await startPod('web-4', '0.1');
    for (const name of ['web-1', 'web-2']) {
      await t.core.client.patch({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name }, 'merge', {
        metadata: { annotations: { 'sim.atrium.dev/load': '0.1' } },
      });
    }
    for (let elapsed = 15; elapsed < 300; elapsed += 15) {
      await tick(controller);
      expect(await replicas(), `at +${elapsed}s`).toBe(4);
    }
    const held = await hpaStatus();
    expect(held.conditions[0]).toMatchObject({
      type: 'AbleToScale',
      status: 'True',
      reason: 'ScaleDownStabilized',
      message:
        'recent recommendations were higher than current one, applying the highest recent recommendation',
    });
    expect(held.desiredReplicas).toBe(4);
    // Five minutes after the scale-up, the window no longer holds the higher recommendation.
    await tick(controller);
    expect(await replicas()).toBe(1);
    const list = (await t.core.client.list({ apiVersion: 'v1', kind: 'Event' }, { namespace: 'default' }))
      .items;
    expect(list.filter((e) => e.reason === 'SuccessfulRescale').map((e) => e.message)).toEqual([
      'New size: 4; reason: cpu resource utilization (percentage of request) above target',
      'New size: 1; reason: All metrics below target',
    ]);
  });

  it('reports ScalingActive False when pods lack a cpu request', async () => {
    await setup();
    await t.core.client.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    } as KubeObject);
    await runPod(t.core.client, 'default', 'web-1', { node: 'test-worker', startedAt: t.clock.now() });
    t.clock.advance(300_000);
    await createHpa();
    const status = await eventually(async () => {
      const s = await hpaStatus();
      return s?.conditions?.some((c) => c.type === 'ScalingActive') ? s : undefined;
    });
    expect(status.conditions.find((c) => c.type === 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'FailedGetResourceMetric',
      message:
        'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container nginx of Pod web-1',
    });
  });
});
