/** What controllers read from a pod's status: phase, readiness, availability, restarts. */
import type { KubeObject } from '../../types.ts';

interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

interface ContainerStatus {
  restartCount?: number;
  state?: { terminated?: { finishedAt?: string } };
}

interface PodStatus {
  phase?: string;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
}

export function podStatus(pod: KubeObject): PodStatus {
  return (pod.status ?? {}) as PodStatus;
}

export function podPhase(pod: KubeObject): string {
  return podStatus(pod).phase ?? '';
}

export function nodeNameOf(pod: KubeObject): string {
  return ((pod.spec ?? {}) as { nodeName?: string }).nodeName ?? '';
}

export function isTerminating(pod: KubeObject): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

/** Succeeded or Failed: the pod will not run again. */
export function isTerminal(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === 'Succeeded' || phase === 'Failed';
}

/** controller.IsPodActive: neither finished nor being deleted. */
export function isActive(pod: KubeObject): boolean {
  return !isTerminal(pod) && !isTerminating(pod);
}

function readyCondition(pod: KubeObject): PodCondition | undefined {
  return podStatus(pod).conditions?.find((c) => c.type === 'Ready');
}

export function isReady(pod: KubeObject): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When the pod last became ready (ms since the epoch), if it is ready. */
export function readySince(pod: KubeObject): number | undefined {
  const condition = readyCondition(pod);
  if (condition?.status !== 'True') return undefined;
  return condition.lastTransitionTime === undefined ? 0 : Date.parse(condition.lastTransitionTime);
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const since = readySince(pod);
  if (since === undefined) return false;
  return minReadySeconds <= 0 || since + minReadySeconds * 1000 <= now;
}

/**
 * Milliseconds until a ready-but-not-yet-available pod becomes available; undefined when the
 * pod is not ready or already available (nothing to wait for).
 */
export function untilAvailable(pod: KubeObject, minReadySeconds: number, now: number): number | undefined {
  const since = readySince(pod);
  if (since === undefined || minReadySeconds <= 0) return undefined;
  const at = since + minReadySeconds * 1000;
  return at > now ? at - now : undefined;
}

export function restartCount(pod: KubeObject): number {
  const status = podStatus(pod);
  let total = 0;
  for (const c of [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])])
    total += c.restartCount ?? 0;
  return total;
}

export function maxRestartCount(pod: KubeObject): number {
  let max = 0;
  for (const c of podStatus(pod).containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

/** When a finished pod finished: its last container exit, else its deletion or creation time. */
export function finishedAt(pod: KubeObject, fallback: number): number {
  let latest = 0;
  for (const c of podStatus(pod).containerStatuses ?? []) {
    const at = c.state?.terminated?.finishedAt;
    if (at !== undefined) latest = Math.max(latest, Date.parse(at));
  }
  if (latest > 0) return latest;
  if (pod.metadata.deletionTimestamp !== undefined) return Date.parse(pod.metadata.deletionTimestamp);
  return fallback;
}

export function creationTime(object: KubeObject): number {
  const at = object.metadata.creationTimestamp;
  return at === undefined ? 0 : Date.parse(at);
}
