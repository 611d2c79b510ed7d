import { parseQuantity, roundMilli } from './quantity.ts';

/** The subset of Node and Pod objects the resource arithmetic reads. */
export interface NodeObject {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    creationTimestamp?: string;
    annotations?: Record<string, string>;
  };
  spec?: { unschedulable?: boolean; taints?: Taint[] };
  status?: {
    allocatable?: Record<string, string>;
    capacity?: Record<string, string>;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    nodeInfo?: {
      kubeletVersion?: string;
      osImage?: string;
      containerRuntimeVersion?: string;
      architecture?: string;
    };
    addresses?: { type: string; address: string }[];
  };
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

interface ContainerResources {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  restartPolicy?: string;
}

export interface PodObject {
  metadata: {
    name: string;
    namespace: string;
    uid?: string;
    annotations?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; controller?: boolean }[];
    creationTimestamp?: string;
    deletionTimestamp?: string;
  };
  spec?: {
    nodeName?: string;
    containers?: ContainerResources[];
    initContainers?: ContainerResources[];
    overhead?: Record<string, string>;
    volumes?: { name: string; emptyDir?: object }[];
  };
  status?: { phase?: string };
}

export interface Resources {
  cpu: number;
  memory: number;
}

function request(container: ContainerResources, resource: string): number {
  // A limit without a request defaults the request to the limit.
  const requests = container.resources?.requests ?? {};
  return parseQuantity(requests[resource] ?? container.resources?.limits?.[resource]);
}

/**
 * What the scheduler reserves for a pod: the larger of its containers' sum and its biggest
 * init container (sidecars, restartPolicy Always, add to both), plus the pod overhead.
 */
export function podRequest(pod: PodObject, resource: 'cpu' | 'memory'): number {
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  const sidecars = inits.filter((c) => c.restartPolicy === 'Always');
  const sidecarSum = sidecars.reduce((sum, c) => sum + request(c, resource), 0);
  const regular = containers.reduce((sum, c) => sum + request(c, resource), 0) + sidecarSum;
  let init = 0;
  let sidecarsSoFar = 0;
  for (const c of inits) {
    if (c.restartPolicy === 'Always') sidecarsSoFar += request(c, resource);
    else init = Math.max(init, request(c, resource) + sidecarsSoFar);
  }
  return Math.max(regular, init) + parseQuantity(pod.spec?.overhead?.[resource]);
}

/** Pods that hold resources on their node: scheduled and not finished. */
export function holdsResources(pod: PodObject): boolean {
  const phase = pod.status?.phase;
  return Boolean(pod.spec?.nodeName) && phase !== 'Succeeded' && phase !== 'Failed';
}

export function sumRequests(pods: readonly PodObject[]): Resources {
  let cpu = 0;
  let memory = 0;
  for (const pod of pods) {
    if (!holdsResources(pod)) continue;
    cpu += podRequest(pod, 'cpu');
    memory += podRequest(pod, 'memory');
  }
  return { cpu: roundMilli(cpu), memory: Math.round(memory) };
}

export function nodeAllocatable(node: NodeObject): Resources & { pods: number } {
  const allocatable = node.status?.allocatable ?? node.status?.capacity ?? {};
  return {
    cpu: roundMilli(parseQuantity(allocatable['cpu'])),
    memory: Math.round(parseQuantity(allocatable['memory'])),
    pods: parseQuantity(allocatable['pods']),
  };
}
