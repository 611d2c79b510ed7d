import { toIsoTime } from '../../core/clock.ts';
import type { NodeUsage } from './node-api.ts';
import {
  holdsResources,
  nodeAllocatable,
  podRequest,
  sumRequests,
  type NodeObject,
  type PodObject,
} from './resources.ts';
import type { NodeSummary, PodRow } from './schemas.ts';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** Roles as kubectl shows them: node-role.kubernetes.io/<role> labels, or kubernetes.io/role. */
export function nodeRoles(node: NodeObject): string[] {
  const labels = node.metadata.labels ?? {};
  const roles = Object.keys(labels)
    .filter((key) => key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length)
    .map((key) => key.slice(ROLE_PREFIX.length));
  const legacy = labels['kubernetes.io/role'];
  if (legacy && !roles.includes(legacy)) roles.push(legacy);
  return roles.sort();
}

export function nodeStatus(node: NodeObject): NodeSummary['status'] {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return 'Ready';
  return ready?.status === 'False' ? 'NotReady' : 'Unknown';
}

function isoOrNull(value: string | undefined): string | null {
  if (!value) return null;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : toIsoTime(millis);
}

/** One row of the node list: state, version, and allocatable vs requested vs used. */
export function summarizeNode(
  node: NodeObject,
  podsOnNode: readonly PodObject[],
  usage: NodeUsage | null,
): NodeSummary {
  const info = node.status?.nodeInfo ?? {};
  const active = podsOnNode.filter(holdsResources);
  return {
    name: node.metadata.name,
    roles: nodeRoles(node),
    status: nodeStatus(node),
    schedulable: node.spec?.unschedulable !== true,
    version: info.kubeletVersion ?? '',
    internalIP: node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
    osImage: info.osImage ?? '',
    containerRuntime: info.containerRuntimeVersion ?? '',
    architecture: info.architecture ?? '',
    createdAt: isoOrNull(node.metadata.creationTimestamp),
    labels: node.metadata.labels ?? {},
    taints: (node.spec?.taints ?? []).map((t) => ({ key: t.key, value: t.value ?? '', effect: t.effect })),
    allocatable: nodeAllocatable(node),
    requested: { ...sumRequests(active), pods: active.length },
    usage,
  };
}

/** Pods grouped by the node they run on. */
export function podsByNode(pods: readonly PodObject[]): Map<string, PodObject[]> {
  const byNode = new Map<string, PodObject[]>();
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    if (!node) continue;
    const list = byNode.get(node) ?? [];
    list.push(pod);
    byNode.set(node, list);
  }
  return byNode;
}

export function podRow(pod: PodObject): PodRow {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  return {
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    phase: pod.status?.phase ?? 'Unknown',
    terminating: Boolean(pod.metadata.deletionTimestamp),
    requests: { cpu: podRequest(pod, 'cpu'), memory: podRequest(pod, 'memory') },
    owner: owner ? { kind: owner.kind, name: owner.name } : null,
    createdAt: isoOrNull(pod.metadata.creationTimestamp),
  };
}
