/** kubectl autoscale / get hpa / describe hpa on a cluster whose clock the test drives. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';
import { metricsExtension } from '../src/metrics/extension.ts';
import { autoscalingExtension } from '../src/autoscaling/extension.ts';
import { TestClock } from '../src/cluster/test-clock.ts';
import { eventually } from '../src/testing/test-core.ts';
import { runPod } from '../src/metrics/testing/kubelet-stand-in.ts';

let k: KubectlSession;
const clock = new TestClock('2025-06-01T08:00:00Z');

beforeAll(async () => {
  k = await startKubectlSession({ extensions: [metricsExtension, autoscalingExtension], nodes: 2, clock });
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: nginx, image: nginx, resources: {requests: {cpu: 200m}, limits: {cpu: 200m}}}
`;
  expect((await k.run(['apply', '-f', '-'], { input: deployment })).code).toBe(0);
  for (const name of ['web-a', 'web-b']) {
    await k.cluster.client.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'default',
        labels: { app: 'web' },
        annotations: { 'sim.atrium.dev/load': '0.8' },
      },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx',
            resources: { requests: { cpu: '200m' }, limits: { cpu: '200m' } },
          },
        ],
      },
    });
    await runPod(k.cluster.client, 'default', name, { node: 'kubectl-test-worker', startedAt: clock.now() });
  }
  clock.advance(300_000);
});
afterAll(() => k.close());

describe('kubectl and the HPA', () => {
  it('autoscale scales the deployment and get/describe show targets, conditions and events', async () => {
    const created = await k.run(['autoscale', 'deployment', 'web', '--cpu-percent=50', '--min=1', '--max=5']);
    expect(created.stdout).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    // 160m of 200m = 80 % against 50 %: ceil(1.6 × 2) = 4.
    await eventually(
      async () => (await k.run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout === '4',
      20_000,
      'scaled to 4',
    );
    const table = await eventually(
      async () => {
        const out = (await k.run(['get', 'hpa', 'web'])).stdout;
        return /cpu: 80%\/50%/.test(out) ? out : undefined;
      },
      20_000,
      'hpa table',
    );
    // REPLICAS is what the HPA saw when it scaled; the next sync, 15 s on, sees the 4.
    expect(table).toMatch(/^web\s+Deployment\/web\s+cpu: 80%\/50%\s+1\s+5\s+2\s+\S+$/m);
    clock.advance(15_000);
    // (15 s later the wobble has moved usage to 0.16 × (1 + 0.1 sin(2π·315/600)) ≈ 157.5m per pod,
    // 158m each in whole millicores as the metrics client reads them: 316m / 400m = 79 %.)
    await eventually(
      async () =>
        /^web\s+Deployment\/web\s+cpu: 79%\/50%\s+1\s+5\s+4\s+\S+$/m.test(
          (await k.run(['get', 'hpa', 'web'])).stdout,
        ),
      20_000,
      'REPLICAS 4',
    );
    const described = (await k.run(['describe', 'hpa', 'web'])).stdout;
    expect(described).toMatch(/resource cpu on pods\s+\(as a percentage of request\):\s+79% \(158m\) \/ 50%/);
    expect(described).toMatch(
      /AbleToScale\s+True\s+ReadyForNewScale\s+recommended size matches current size/,
    );
    expect(described).toMatch(/Deployment pods:\s+4 current \/ 4 desired/);
    expect(described).toMatch(
      /Normal\s+SuccessfulRescale\s+\S+\s+horizontal-pod-autoscaler\s+New size: 4; reason: cpu resource utilization \(percentage of request\) above target/,
    );
  });
});
