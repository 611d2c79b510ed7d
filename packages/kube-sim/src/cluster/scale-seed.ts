/**
 * --scale: fills a cluster with extra nodes and running pods through the normal create path
 * (admission, validation, managedFields, watch events), yielding to the event loop between
 * batches so the API stays responsive while it runs.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { KubeObject } from '../types.ts';
import { CONTROLLER_USER, newContext, timestamp } from '../api/request-context.ts';
import { SIM_VERSION } from '../apiserver/info-endpoints.ts';
import type { ClusterCore } from './cluster-core.ts';
import { namespaceObject } from './bootstrap-objects.ts';
import { nodeLease, nodeName, nodeObject } from './nodes.ts';

export interface ScaleTarget {
  nodes?: number;
  pods?: number;
  /** Pods per namespace (default 1,000). */
  podsPerNamespace?: number;
}

const BATCH = 500;

export async function seedScale(
  core: ClusterCore,
  target: ScaleTarget,
): Promise<{ nodes: number; pods: number }> {
  const api = core.api;
  const args = { ctx: newContext(CONTROLLER_USER), options: { fieldManager: 'kube-sim-scale' } };
  const nodeKind = api.kind('', 'v1', 'nodes');
  const leaseKind = api.kind('coordination.k8s.io', 'v1', 'leases');
  const existingNodes = core.store.count(nodeKind.storageKey);
  const totalNodes = Math.max(existingNodes, target.nodes ?? existingNodes);
  for (let index = existingNodes; index < totalNodes; index++) {
    const node = nodeObject({
      clusterName: core.name,
      index,
      count: totalNodes,
      kubeletVersion: SIM_VERSION.gitVersion,
      now: core.clock.now(),
    });
    const created = api.create(nodeKind, '', node, args);
    api.create(leaseKind, 'kube-node-lease', nodeLease(created, core.clock.now()), args);
    if (index % BATCH === 0) await yieldToEventLoop();
  }
  const pods = target.pods ?? 0;
  const perNamespace = target.podsPerNamespace ?? 1000;
  const podKind = api.kind('', 'v1', 'pods');
  const nsKind = api.kind('', 'v1', 'namespaces');
  const workers = Math.max(1, totalNodes - (totalNodes > 1 ? 1 : 0));
  for (let i = 0; i < pods; i++) {
    const namespace = `scale-${Math.floor(i / perNamespace)}`;
    if (i % perNamespace === 0 && core.store.get(nsKind.storageKey, '', namespace) === undefined) {
      api.create(nsKind, '', namespaceObject(namespace), args);
    }
    const node = nodeName(core.name, totalNodes > 1 ? 1 + (i % workers) : 0);
    const created = api.create(podKind, namespace, podObject(namespace, i, node), args);
    api.updateStatus(
      podKind,
      namespace,
      created.metadata.name ?? '',
      runningStatus(created, i, core.clock.now()),
      args,
    );
    if (i % BATCH === 0) await yieldToEventLoop();
  }
  return { nodes: totalNodes, pods };
}

function podObject(namespace: string, i: number, node: string): KubeObject {
  const app = `app-${i % 50}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${app}-${i}`, namespace, labels: { app, tier: i % 3 === 0 ? 'frontend' : 'backend' } },
    spec: {
      nodeName: node,
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

function runningStatus(pod: KubeObject, i: number, now: Date): KubeObject {
  const at = timestamp(now);
  const condition = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: at });
  // The status subresource takes only the status from the body: top level and metadata are the
  // body's own (the API writes to them), the rest may stay shared with the frozen pod.
  return {
    ...pod,
    metadata: { ...pod.metadata },
    status: {
      phase: 'Running',
      conditions: [
        'PodReadyToStartContainers',
        'Initialized',
        'Ready',
        'ContainersReady',
        'PodScheduled',
      ].map(condition),
      hostIP: '172.18.0.3',
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
