/**
 * For tests while no kubelet simulation runs: acts as the scheduler and kubelet through the
 * API — binds a pod to a node (pods/binding) and reports it Running (and Ready or not)
 * through the status subresource, the way a kubelet would.
 */
import type { KubeObject } from '../../types.ts';
import type { InternalClient } from '../../client/internal-client.ts';
import { timestamp } from '../../api/request-context.ts';

export interface RunOptions {
  node: string;
  ready?: boolean;
  podIP?: string;
  hostIP?: string;
  /** Container start time (default: the pod's creation time). */
  startedAt?: Date;
  restartCount?: number;
}

let nextIp = 2;

export function podSpecWith(
  name: string,
  containers: Record<string, unknown>[],
  labels: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers, ...extra },
  };
}

/** Binds (if needed) and marks the pod Running; returns the stored pod. */
export async function runPod(
  client: InternalClient,
  namespace: string,
  name: string,
  options: RunOptions,
): Promise<KubeObject> {
  const ref = { apiVersion: 'v1', kind: 'Pod', namespace, name };
  let pod = await client.get(ref);
  if (!(pod.spec as { nodeName?: string }).nodeName) {
    await client.createSubresource(ref, 'binding', {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name, namespace },
      target: { apiVersion: 'v1', kind: 'Node', name: options.node },
    });
    pod = await client.get(ref);
  }
  const started = timestamp(options.startedAt ?? new Date(pod.metadata.creationTimestamp ?? Date.now()));
  const ready = options.ready ?? true;
  const condition = (type: string, status: boolean) => ({
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: started,
  });
  const containers = ((pod.spec as { containers?: { name: string; image: string }[] }).containers ?? []).map(
    (c, i) => ({
      name: c.name,
      image: c.image,
      imageID: `${c.image}@sha256:${'0'.repeat(64)}`,
      containerID: `containerd://${(nextIp * 100 + i).toString(16).padStart(64, '0')}`,
      ready,
      started: true,
      restartCount: options.restartCount ?? 0,
      state: { running: { startedAt: started } },
      lastState: {},
    }),
  );
  const podIP = options.podIP ?? `10.244.0.${nextIp++}`;
  const updated = structuredClone(pod);
  updated.status = {
    ...(pod.status as Record<string, unknown>),
    phase: 'Running',
    hostIP: options.hostIP ?? '172.18.0.2',
    hostIPs: [{ ip: options.hostIP ?? '172.18.0.2' }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: started,
    conditions: [
      condition('PodReadyToStartContainers', true),
      condition('Initialized', true),
      condition('Ready', ready),
      condition('ContainersReady', ready),
      condition('PodScheduled', true),
    ],
    containerStatuses: containers,
  };
  return client.updateStatus(updated);
}

/** Sets a running pod's readiness (what a failing or recovering readiness probe does). */
export async function setReady(
  client: InternalClient,
  namespace: string,
  name: string,
  ready: boolean,
): Promise<KubeObject> {
  const pod = structuredClone(await client.get({ apiVersion: 'v1', kind: 'Pod', namespace, name }));
  const status = pod.status as {
    conditions?: { type: string; status: string }[];
    containerStatuses?: { ready: boolean }[];
  };
  for (const c of status.conditions ?? [])
    if (c.type === 'Ready' || c.type === 'ContainersReady') c.status = ready ? 'True' : 'False';
  for (const c of status.containerStatuses ?? []) c.ready = ready;
  return client.updateStatus(pod);
}

/** Marks a pod Succeeded or Failed (its containers terminated). */
export async function finishPod(
  client: InternalClient,
  namespace: string,
  name: string,
  phase: 'Succeeded' | 'Failed',
): Promise<KubeObject> {
  const pod = structuredClone(await client.get({ apiVersion: 'v1', kind: 'Pod', namespace, name }));
  pod.status = { ...(pod.status as Record<string, unknown>), phase };
  return client.updateStatus(pod);
}
