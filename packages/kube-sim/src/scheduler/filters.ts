/**
 * The default profile's filter plugins, in the real order (NodeUnschedulable, TaintToleration,
 * NodeAffinity, NodeResourcesFit), each answering with the reason strings and status code
 * kube-scheduler 1.33 reports. A node stops at the first plugin that rejects it.
 */
import type { KubeObject } from '../types.ts';
import type { ResourceList } from './resources.ts';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface NodeInfo {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
  allocatable: ResourceList;
  /** Sum of the requests of the pods on the node. */
  requested: ResourceList;
  /** cpu/memory with the scheduler's non-zero defaults (100m, 200Mi), for scoring. */
  nonZeroCpu: number;
  nonZeroMemory: number;
  podCount: number;
}

/** Unschedulable can be fixed by preemption; Unresolvable cannot. */
export type FilterCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface FilterFailure {
  code: FilterCode;
  reasons: string[];
}

export interface PodSchedulingView {
  tolerations: Toleration[];
  nodeSelector: Record<string, string>;
  requiredTerms: NodeSelectorTerm[] | undefined;
  requests: ResourceList;
}

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

export function schedulingView(pod: KubeObject, requests: ResourceList): PodSchedulingView {
  const spec = (pod.spec ?? {}) as {
    tolerations?: Toleration[];
    nodeSelector?: Record<string, string>;
    affinity?: {
      nodeAffinity?: {
        requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
      };
    };
  };
  return {
    tolerations: spec.tolerations ?? [],
    nodeSelector: spec.nodeSelector ?? {},
    requiredTerms:
      spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    requests,
  };
}

export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return operator === 'Equal' && (toleration.value ?? '') === (taint.value ?? '');
}

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

function requirementMatches(requirement: Requirement, value: string | undefined): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      const have = Number.parseInt(value, 10);
      const want = Number.parseInt(values[0] ?? '', 10);
      if (Number.isNaN(have) || Number.isNaN(want)) return false;
      return requirement.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

function termMatches(term: NodeSelectorTerm, node: NodeInfo): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  for (const requirement of expressions) {
    if (!requirementMatches(requirement, node.labels[requirement.key])) return false;
  }
  for (const requirement of fields) {
    const value = requirement.key === 'metadata.name' ? node.name : undefined;
    if (!requirementMatches(requirement, value)) return false;
  }
  return true;
}

export function matchesNodeSelectorAndAffinity(pod: PodSchedulingView, node: NodeInfo): boolean {
  for (const [key, value] of Object.entries(pod.nodeSelector)) {
    if (node.labels[key] !== value) return false;
  }
  if (pod.requiredTerms === undefined) return true;
  return pod.requiredTerms.some((term) => termMatches(term, node));
}

/** undefined when the node passes every filter. */
export function filterNode(pod: PodSchedulingView, node: NodeInfo): FilterFailure | undefined {
  if (node.unschedulable && !pod.tolerations.some((t) => tolerates(t, UNSCHEDULABLE_TAINT))) {
    return { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] };
  }
  for (const taint of node.taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (pod.tolerations.some((t) => tolerates(t, taint))) continue;
    return {
      code: 'UnschedulableAndUnresolvable',
      reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
    };
  }
  if (!matchesNodeSelectorAndAffinity(pod, node)) {
    return {
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match Pod's node affinity/selector"],
    };
  }
  const reasons = insufficientResources(pod.requests, node);
  if (reasons.length > 0) return { code: 'Unschedulable', reasons };
  return undefined;
}

/** NodeResourcesFit: pods count first, then cpu, memory, ephemeral-storage, extended resources. */
export function insufficientResources(requests: ResourceList, node: NodeInfo): string[] {
  const reasons: string[] = [];
  const allowedPods = node.allocatable.get('pods') ?? 0;
  if (node.podCount + 1 > allowedPods) reasons.push('Too many pods');
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const want = requests.get(name) ?? 0;
    if (want > 0 && want > (node.allocatable.get(name) ?? 0) - (node.requested.get(name) ?? 0)) {
      reasons.push(`Insufficient ${name}`);
    }
  }
  for (const [name, want] of requests) {
    if (!name.includes('/') || name.startsWith('kubernetes.io/') || want === 0) continue;
    if (want > (node.allocatable.get(name) ?? 0) - (node.requested.get(name) ?? 0)) {
      reasons.push(`Insufficient ${name}`);
    }
  }
  return reasons;
}

const DEFAULT_MILLI_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

export function nonZeroCpu(requests: ResourceList): number {
  return requests.get('cpu') || DEFAULT_MILLI_CPU;
}

export function nonZeroMemory(requests: ResourceList): number {
  return requests.get('memory') || DEFAULT_MEMORY;
}

/** NodeResourcesFit's LeastAllocated score (0–100) over cpu and memory. */
export function leastAllocatedScore(requests: ResourceList, node: NodeInfo): number {
  const score = (capacity: number, used: number): number =>
    capacity <= 0 || used > capacity ? 0 : ((capacity - used) * 100) / capacity;
  const cpu = score(node.allocatable.get('cpu') ?? 0, node.nonZeroCpu + nonZeroCpu(requests));
  const memory = score(node.allocatable.get('memory') ?? 0, node.nonZeroMemory + nonZeroMemory(requests));
  return (cpu + memory) / 2;
}
