/**
 * drain with the real kubectl: evictions honour a PodDisruptionBudget. (cordon and uncordon:
 * conformance-kubectl.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../src/testing/test-core.ts';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';

let k: KubectlSession;
beforeAll(async () => {
  k = await startKubectlSession({ nodes: 3 });
  await k.run(['create', 'namespace', 'drain']);
}, 60_000);
afterAll(() => k.close());

const pod = (name: string, labels: string, extra = ''): string => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: drain, labels: {${labels}}${extra}}
spec:
  nodeName: sim-worker-node
  terminationGracePeriodSeconds: 5
  containers:
  - {name: app, image: nginx:1.27}
`;

async function exists(name: string): Promise<boolean> {
  return (await k.run(['-n', 'drain', 'get', 'pod', name])).code === 0;
}

async function allowDisruptions(count: number): Promise<void> {
  const r = await k.run([
    '-n',
    'drain',
    'patch',
    'pdb',
    'guard',
    '--subresource=status',
    '--type=merge',
    '-p',
    JSON.stringify({
      status: {
        observedGeneration: 1,
        disruptionsAllowed: count,
        currentHealthy: 2,
        desiredHealthy: 1,
        expectedPods: 2,
      },
    }),
  ]);
  expect(r.code, r.stderr).toBe(0);
}

describe('kubectl drain', () => {
  it('drains a node: evicts through the PDB, waits for graceful deletion, leaves DaemonSet pods', async () => {
    const node = 'kubectl-test-worker';
    const ds = await k.run(['apply', '-f', '-'], {
      input: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: drain}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: busybox:1.36}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: guard, namespace: drain}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: guarded}}
`,
    });
    expect(ds.code, ds.stderr).toBe(0);
    // The DaemonSet controller runs the daemon pod on every worker, this node included.
    const agentPod = await eventually(
      async () =>
        (
          await k.run([
            '-n',
            'drain',
            'get',
            'pods',
            '-l',
            'app=agent',
            '--field-selector',
            `spec.nodeName=${node}`,
            '-o',
            'jsonpath={.items[0].metadata.name}',
          ])
        ).stdout || undefined,
      30_000,
      'the DaemonSet pod on the node',
    );
    const manifests = [pod('guarded-1', 'app: guarded'), pod('guarded-2', 'app: guarded')]
      .join('---\n')
      .replaceAll('sim-worker-node', node);
    const created = await k.run(['apply', '-f', '-'], { input: manifests });
    expect(created.code, created.stderr).toBe(0);
    const ready = await k.run([
      '-n',
      'drain',
      'wait',
      '--for=condition=Ready',
      'pod/guarded-1',
      'pod/guarded-2',
      '--timeout=30s',
    ]);
    expect(ready.code, ready.stderr).toBe(0);
    await allowDisruptions(1);

    const drain = k.spawn(['drain', node, '--ignore-daemonsets', '--force', '--timeout=90s']);
    await eventually(
      () => drain.output().includes("Cannot evict pod as it would violate the pod's disruption budget."),
      30_000,
      'the PDB to block the second eviction',
    );
    expect(drain.output()).toContain(`node/${node} cordoned`);
    // kubectl lists its warnings in map order: match the DaemonSet one wherever it is.
    expect(drain.output()).toMatch(
      new RegExp(`Warning: .*ignoring DaemonSet-managed Pods: drain/${agentPod}`),
    );
    // One pod was evicted and went away through graceful deletion; the budget holds the other.
    await eventually(
      async () => (await exists('guarded-1')) !== (await exists('guarded-2')),
      30_000,
      'one eviction',
    );

    await allowDisruptions(1);
    await eventually(() => drain.output().includes(`node/${node} drained`), 40_000, 'the drain to finish');
    expect(await exists('guarded-1')).toBe(false);
    expect(await exists('guarded-2')).toBe(false);
    expect(await exists(agentPod)).toBe(true);
    const events = await k.run([
      '-n',
      'drain',
      'get',
      'events',
      '--field-selector',
      'reason=Killing',
      '-o',
      'jsonpath={.items[*].message}',
    ]);
    expect(events.stdout).toContain('Stopping container app');
    expect((await k.run(['get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}'])).stdout).toBe('true');
  }, 120_000);
});
