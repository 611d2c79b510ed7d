/**
 * Where a DaemonSet runs (nodeShouldRunDaemonPod): nodes whose labels satisfy the template's
 * nodeSelector and required node affinity, and whose NoSchedule/NoExecute taints the pod
 * tolerates — counting the tolerations the controller adds to every daemon pod (not-ready,
 * unreachable, pressure and unschedulable: cordoned nodes still run daemons). A pod already on a
 * node that gains an untolerated NoSchedule taint may stay; an untolerated NoExecute evicts it.
 */
import type { KubeObject } from '../../types.ts';
import { templateOf } from './pod-control.ts';

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

interface SelectorTerm {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: SelectorTerm[] };
    [other: string]: unknown;
  };
  [other: string]: unknown;
}

interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  hostNetwork?: boolean;
}

/** util.AddOrUpdateDaemonPodTolerations. */
export function daemonTolerations(spec: PodSpec): Toleration[] {
  const added: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork === true) {
    added.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  }
  const tolerations = [...(spec.tolerations ?? [])];
  for (const toleration of added) {
    const same = tolerations.findIndex((t) => t.key === toleration.key && t.effect === toleration.effect);
    if (same >= 0) tolerations[same] = toleration;
    else tolerations.push(toleration);
  }
  return tolerations;
}

function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return operator === 'Equal' && (toleration.value ?? '') === (taint.value ?? '');
}

function untolerated(taints: Taint[], tolerations: Toleration[], effects: string[]): boolean {
  return taints.some(
    (taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)),
  );
}

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
      const n = Number(value);
      const bound = Number(values[0]);
      if (value === undefined || !Number.isInteger(n)) return false;
      return requirement.operator === 'Gt' ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

/** A term matches when all its requirements do; an empty term matches nothing. */
function termMatches(term: SelectorTerm, node: KubeObject): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  return (
    expressions.every((r) => requirementMatches(r, labels[r.key])) &&
    fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, node.metadata.name))
  );
}

function fitsNodeAffinity(spec: PodSpec, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) if (labels[key] !== value) return false;
  const terms =
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms === undefined) return true;
  return terms.some((term) => termMatches(term, node));
}

export interface Placement {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

export function placementOn(ds: KubeObject, node: KubeObject): Placement {
  const spec = (templateOf(ds).spec ?? {}) as PodSpec;
  if (spec.nodeName && spec.nodeName !== node.metadata.name)
    return { shouldRun: false, shouldContinueRunning: false };
  if (!fitsNodeAffinity(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[];
  const tolerations = daemonTolerations(spec);
  if (untolerated(taints, tolerations, ['NoSchedule', 'NoExecute'])) {
    return { shouldRun: false, shouldContinueRunning: !untolerated(taints, tolerations, ['NoExecute']) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: pins the pod to one node by name. */
export function pinToNode(affinity: Affinity | undefined, node: string): Affinity {
  const required = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
  };
  const result: Affinity = structuredClone(affinity ?? {});
  result.nodeAffinity = { ...result.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required };
  return result;
}

/** The node a daemon pod runs on, or is pinned to while it waits for the scheduler. */
export function targetNode(pod: KubeObject): string | undefined {
  const spec = (pod.spec ?? {}) as PodSpec;
  if (spec.nodeName) return spec.nodeName;
  for (const term of spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms ?? []) {
    const field = term.matchFields?.find((f) => f.key === 'metadata.name' && f.operator === 'In');
    if (field?.values?.length === 1) return field.values[0];
  }
  return undefined;
}
