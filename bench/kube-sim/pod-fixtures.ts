/**
 * The pods the micro-benchmark writes: shaped like the scale seed's (one container with
 * resources, labels) and the two status updates a kubelet makes (containers creating, then
 * Running and Ready), so the per-write cost is the one the settling cluster pays.
 */
import type { KubeObject } from '../../packages/kube-sim/src/index.ts';

export function benchPod(namespace: string, i: number): KubeObject {
  const app = `app-${i % 50}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${app}-${i}`, namespace, labels: { app, tier: i % 3 === 0 ? 'frontend' : 'backend' } },
    spec: {
      nodeName: 'micro-control-plane',
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

const condition = (type: string, status: string, at: string) => ({
  type,
  status,
  lastProbeTime: null,
  lastTransitionTime: at,
});

/** The kubelet's first status: scheduled, containers being created. */
export function creatingStatus(pod: KubeObject, at: string): KubeObject {
  return {
    ...pod,
    status: {
      phase: 'Pending',
      conditions: [
        condition('PodReadyToStartContainers', 'False', at),
        condition('Initialized', 'True', at),
        condition('Ready', 'False', at),
        condition('ContainersReady', 'False', at),
        condition('PodScheduled', 'True', at),
      ],
      hostIP: '172.18.0.2',
      startTime: at,
      qosClass: 'Burstable',
      containerStatuses: [
        {
          name: 'main',
          ready: false,
          restartCount: 0,
          started: false,
          image: 'registry.k8s.io/pause:3.10',
          imageID: '',
          state: { waiting: { reason: 'ContainerCreating' } },
          lastState: {},
        },
      ],
    },
  };
}

/** The kubelet's second status: Running and Ready. */
export function runningStatus(pod: KubeObject, i: number, at: string): KubeObject {
  return {
    ...pod,
    status: {
      phase: 'Running',
      conditions: [
        'PodReadyToStartContainers',
        'Initialized',
        'Ready',
        'ContainersReady',
        'PodScheduled',
      ].map((type) => condition(type, 'True', at)),
      hostIP: '172.18.0.2',
      podIP: `10.244.${Math.floor(i / 250) % 256}.${(i % 250) + 2}`,
      startTime: at,
      qosClass: 'Burstable',
      containerStatuses: [
        {
          name: 'main',
          ready: true,
          restartCount: 0,
          started: true,
          image: 'registry.k8s.io/pause:3.10',
          imageID:
            'registry.k8s.io/pause@sha256:0000000000000000000000000000000000000000000000000000000000000000',
          containerID: `containerd://${i.toString(16).padStart(64, '0')}`,
          state: { running: { startedAt: at } },
          lastState: {},
        },
      ],
    },
  };
}
