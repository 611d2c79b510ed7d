/**
 * The node side's seed: nodes as `--scale` registers them, then pods created Pending through
 * the API, which the scheduler binds and the kubelet starts (binding plus the kubelet's status
 * updates: the ~150,000 writes of a 30,000-pod cluster coming up).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { seedScale, type ClusterCore, type KubeObject } from '../../packages/kube-sim/src/index.ts';
import { namespaceObject } from '../../packages/kube-sim/src/cluster/bootstrap-objects.ts';
import { CONTROLLER_USER, newContext } from '../../packages/kube-sim/src/api/request-context.ts';

const PODS_PER_NAMESPACE = 1000;
const YIELD_EVERY = 500;

export interface PendingSeed {
  nodes: number;
  pods: number;
  namespaces: number;
}

export async function seedPendingPods(
  core: ClusterCore,
  target: { nodes: number; pods: number },
): Promise<PendingSeed> {
  const { nodes } = await seedScale(core, { nodes: target.nodes });
  const api = core.api;
  const args = { ctx: newContext(CONTROLLER_USER), options: { fieldManager: 'bench' } };
  const podKind = api.kind('', 'v1', 'pods');
  const namespaceKind = api.kind('', 'v1', 'namespaces');
  let namespaces = 0;
  for (let i = 0; i < target.pods; i++) {
    const namespace = `bench-${Math.floor(i / PODS_PER_NAMESPACE)}`;
    if (i % PODS_PER_NAMESPACE === 0) {
      api.create(namespaceKind, '', namespaceObject(namespace), args);
      namespaces++;
    }
    api.create(podKind, namespace, pendingPod(namespace, i), args);
    if (i % YIELD_EVERY === 0) await yieldToEventLoop();
  }
  return { nodes, pods: target.pods, namespaces };
}

function pendingPod(namespace: string, i: number): KubeObject {
  const app = `app-${i % 50}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${app}-${i}`, namespace, labels: { app } },
    spec: {
      containers: [
        {
          name: 'main',
          image: 'registry.k8s.io/pause:3.10',
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
        },
      ],
    },
  };
}
