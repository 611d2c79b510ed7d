/**
 * What a DaemonSet does on each node (podsShouldBeOnNode) and how it replaces old pods
 * (rollingUpdate): without surge, old pods are deleted while fewer than maxUnavailable nodes
 * lack an available pod; with maxSurge, a new pod starts beside the old one, which goes once the
 * new one is available.
 */
import type { KubeObject } from '../../types.ts';
import { scaledValue } from './int-or-percent.ts';
import { isAvailable, isReady, nodeNameOf, podPhase } from './pods.ts';
import type { Placement } from './daemonset-placement.ts';
import { DAEMONSET_HASH_LABEL } from './daemonset-history.ts';

export interface NodePlan {
  create: string[];
  remove: KubeObject[];
  /** Failed pods found (a FailedDaemonPod warning each). */
  failed: Array<{ pod: KubeObject; node: string }>;
}

interface RollingUpdate {
  maxUnavailable?: unknown;
  maxSurge?: unknown;
}

function rollingUpdateOf(ds: KubeObject): RollingUpdate | undefined {
  const strategy = (ds.spec as { updateStrategy?: { type?: string; rollingUpdate?: RollingUpdate } })
    .updateStrategy;
  return strategy?.type === 'OnDelete' ? undefined : (strategy?.rollingUpdate ?? {});
}

export function allowsSurge(ds: KubeObject): boolean {
  const rolling = rollingUpdateOf(ds);
  return rolling !== undefined && scaledValue(rolling.maxSurge ?? 0, 1, true) > 0;
}

export const isUpdated = (pod: KubeObject, hash: string) =>
  pod.metadata.labels?.[DAEMONSET_HASH_LABEL] === hash;

/** podByCreationTimestampAndPhase: scheduled pods first, then the oldest. */
export function oldestFirst(a: KubeObject, b: KubeObject): number {
  const scheduledA = nodeNameOf(a) !== '';
  if (scheduledA !== (nodeNameOf(b) !== '')) return scheduledA ? -1 : 1;
  const diff =
    Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '');
  if (diff !== 0) return diff;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

export function planNode(
  ds: KubeObject,
  node: string,
  placement: Placement,
  pods: KubeObject[] | undefined,
  hash: string,
  now: number,
  plan: NodePlan,
): void {
  if (placement.shouldRun && pods === undefined) {
    plan.create.push(node);
    return;
  }
  if (!placement.shouldContinueRunning) {
    for (const pod of pods ?? []) if (pod.metadata.deletionTimestamp === undefined) plan.remove.push(pod);
    return;
  }
  const running: KubeObject[] = [];
  for (const pod of pods ?? []) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    if (podPhase(pod) === 'Failed') {
      plan.failed.push({ pod, node });
      plan.remove.push(pod);
    } else if (podPhase(pod) === 'Succeeded') plan.remove.push(pod);
    else running.push(pod);
  }
  running.sort(oldestFirst);
  if (!allowsSurge(ds)) {
    // More than one daemon pod on a node: keep the oldest.
    plan.remove.push(...running.slice(1));
    return;
  }
  if (running.length === 0) {
    if (placement.shouldRun) plan.create.push(node);
    return;
  }
  let oldestNew: KubeObject | undefined;
  let oldestOld: KubeObject | undefined;
  for (const pod of running) {
    if (isUpdated(pod, hash) && oldestNew === undefined) oldestNew = pod;
    else if (!isUpdated(pod, hash) && oldestOld === undefined) oldestOld = pod;
    else plan.remove.push(pod);
  }
  if (oldestNew !== undefined && oldestOld !== undefined) {
    const minReady = (ds.spec as { minReadySeconds?: number }).minReadySeconds ?? 0;
    if (!isReady(oldestOld) || isAvailable(oldestNew, minReady, now)) plan.remove.push(oldestOld);
  }
}

/** The pods to replace now and the nodes to surge onto (rollingUpdate). */
export function rollingUpdate(
  ds: KubeObject,
  nodeToPods: Map<string, KubeObject[]>,
  desiredNodes: string[],
  hash: string,
  now: number,
): { remove: KubeObject[]; create: string[] } {
  const rolling = rollingUpdateOf(ds);
  if (rolling === undefined) return { remove: [], create: [] };
  const desired = desiredNodes.length;
  let maxUnavailable = scaledValue(rolling.maxUnavailable ?? 1, desired, true);
  const maxSurge = scaledValue(rolling.maxSurge ?? 0, desired, true);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const minReady = (ds.spec as { minReadySeconds?: number }).minReadySeconds ?? 0;
  const available = (pod: KubeObject) => isAvailable(pod, minReady, now);
  const nodes = new Set([...nodeToPods.keys(), ...desiredNodes]);
  const remove: KubeObject[] = [];
  if (maxSurge === 0) {
    let unavailable = 0;
    const replaceNow: KubeObject[] = [];
    const candidates: KubeObject[] = [];
    for (const node of nodes) {
      const found = newAndOld(nodeToPods.get(node) ?? [], hash);
      if (found === undefined) {
        unavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((newPod === undefined) === (oldPod === undefined)) unavailable++;
      else if (newPod !== undefined) {
        if (!available(newPod)) unavailable++;
      } else if (oldPod !== undefined) {
        if (!available(oldPod)) replaceNow.push(oldPod);
        else if (unavailable < maxUnavailable) candidates.push(oldPod);
      }
    }
    const budget = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.length));
    return { remove: [...replaceNow, ...candidates.slice(0, budget)], create: [] };
  }
  let surging = 0;
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  for (const node of nodes) {
    const found = newAndOld(nodeToPods.get(node) ?? [], hash);
    if (found === undefined || found.oldPod === undefined) continue;
    const { newPod, oldPod } = found;
    if (newPod === undefined) {
      if (!available(oldPod)) allowedNew.push(node);
      else if (surging < maxSurge) candidateNew.push(node);
    } else if (!available(newPod)) surging++;
    else remove.push(oldPod);
  }
  const budget = Math.max(0, Math.min(maxSurge - surging, candidateNew.length));
  return { remove, create: [...allowedNew, ...candidateNew.slice(0, budget)] };
}

/** findUpdatedPodsOnNode; undefined when a node has several new or several old pods. */
function newAndOld(
  pods: KubeObject[],
  hash: string,
): { newPod?: KubeObject; oldPod?: KubeObject } | undefined {
  let newPod: KubeObject | undefined;
  let oldPod: KubeObject | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    if (isUpdated(pod, hash)) {
      if (newPod !== undefined) return undefined;
      newPod = pod;
    } else {
      if (oldPod !== undefined) return undefined;
      oldPod = pod;
    }
  }
  return { newPod, oldPod };
}
