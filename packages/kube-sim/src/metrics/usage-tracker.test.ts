import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestCore, type TestCore } from '../testing/test-core.ts';
import { metricsExtension } from './extension.ts';
import { runPod } from './testing/kubelet-stand-in.ts';
import { wobbleIntegral } from './usage-model.ts';

let t: TestCore;
afterEach(async () => t?.stop());

const podMetricsRef = { apiVersion: 'metrics.k8s.io/v1beta1', kind: 'PodMetrics' };

describe('simulated usage and the metrics API', () => {
  it('reports usage from the load formula and keeps counters growing across load changes', async () => {
    t = await startTestCore({ extensions: [metricsExtension], nodes: 2 });
    const client = t.core.client;
    await client.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'api', namespace: 'default', annotations: { 'sim.atrium.dev/load': '0.5' } },
      spec: {
        containers: [{ name: 'app', image: 'api:1', resources: { limits: { cpu: '1', memory: '256Mi' } } }],
      },
    });
    await runPod(client, 'default', 'api', { node: 'test-worker', startedAt: t.clock.now() });
    // 300 s in, the 10-minute wobble is back at 1: cpu = 0.5 × 1 core, memory = 0.5 × 256Mi.
    t.clock.advance(300_000);
    const metrics = await eventually(async () => {
      const list = await client.list(podMetricsRef, { namespace: 'default' });
      return list.items.length === 1 ? list.items[0] : undefined;
    });
    expect(metrics.containers).toEqual([{ name: 'app', usage: { cpu: '500m', memory: '128Mi' } }]);
    expect(metrics.window).toBe('15s');
    const node = await client.list({ apiVersion: 'metrics.k8s.io/v1beta1', kind: 'NodeMetrics' });
    const worker = node.items.find((n) => n.metadata.name === 'test-worker');
    // + the node's own 0.1 core and 512Mi.
    expect(worker?.usage).toEqual({ cpu: '600m', memory: '640Mi' });
    // A load change settles the counter; it keeps growing from where it was.
    const tracker = t.core.controllers.get(
      'metrics-usage-tracker',
    ) as import('./usage-tracker.ts').UsageTracker;
    const state = [...tracker.runningPods()][0];
    const container = state?.containers.get('app');
    if (state === undefined || container === undefined) throw new Error('not tracked');
    const before = tracker.containerCounters(container, t.clock.now().getTime()).cpuSeconds;
    expect(before).toBeCloseTo(0.5 * wobbleIntegral(300), 6);
    await client.patch({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'api' }, 'merge', {
      metadata: { annotations: { 'sim.atrium.dev/load': '0.1' } },
    });
    await eventually(() => container.load === 0.1);
    t.clock.advance(300_000);
    const after = tracker.containerCounters(container, t.clock.now().getTime()).cpuSeconds;
    expect(after).toBeCloseTo(before + 0.1 * (wobbleIntegral(600) - wobbleIntegral(300)), 6);
    const usage = await client.list(podMetricsRef, { namespace: 'default' });
    expect(usage.items[0]?.containers).toEqual([{ name: 'app', usage: { cpu: '100m', memory: '26212Ki' } }]); // 0.1 × 256Mi, in whole 4 KiB pages
  });
});
