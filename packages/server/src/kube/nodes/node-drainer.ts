import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../core/errors/app-error.ts';
import type { ClusterConnection } from '../connections/cluster-connections.ts';
import { isSuccess, statusMessage, type KubeStatus } from '../connections/kube-request.ts';
import type { DrainProgress } from './drain-tracker.ts';
import { nodeApi } from './node-api.ts';
import type { PodObject } from './resources.ts';

export interface DrainSettings {
  /** Pods not evicted and gone by then are reported as failed. */
  timeoutMs: number;
  /** Wait between evictions a disruption budget refused (429). */
  retryIntervalMs: number;
  /** Wait between checks that an evicted pod is gone. */
  pollIntervalMs: number;
  gracePeriodSeconds?: number;
}

const podId = (pod: PodObject) => `${pod.metadata.namespace}/${pod.metadata.name}`;

/** Why a drain leaves a pod where it is (like kubectl drain --ignore-daemonsets), or null. */
export function skipReason(pod: PodObject): string | null {
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) {
    return 'mirror pod: the kubelet runs it from a static manifest';
  }
  const controller = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (controller?.kind === 'DaemonSet')
    return `managed by DaemonSet ${controller.name}: it would be recreated on the node`;
  return null;
}

export interface DrainBlocker {
  pod: string;
  /** The drain option that would let it go. */
  option: 'force' | 'deleteEmptyDirData';
}

/**
 * Pods a drain must not evict unless told to, as `kubectl drain` decides: nothing recreates a
 * pod no controller manages (`force`), and an emptyDir's data goes with its pod
 * (`deleteEmptyDirData`). Finished pods and the ones a drain skips anyway never block.
 */
export function drainBlockers(
  pods: PodObject[],
  options: { force?: boolean; deleteEmptyDirData?: boolean },
): DrainBlocker[] {
  const blockers: DrainBlocker[] = [];
  for (const pod of pods) {
    const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (finished || skipReason(pod)) continue;
    const managed = pod.metadata.ownerReferences?.some((o) => o.controller) === true;
    if (!managed && !options.force) blockers.push({ pod: podId(pod), option: 'force' });
    else if (!options.deleteEmptyDirData && pod.spec?.volumes?.some((v) => v.emptyDir)) {
      blockers.push({ pod: podId(pod), option: 'deleteEmptyDirData' });
    }
  }
  return blockers;
}

function refusal(body: unknown): string {
  const causes = ((body as KubeStatus | undefined)?.details?.causes ?? [])
    .map((c) => c.message)
    .filter(Boolean);
  return [statusMessage(body), ...causes].join(' ');
}

type EvictionOutcome = { kind: 'evicted' } | { kind: 'gone' } | { kind: 'failed'; reason: string };

/** Asks for the eviction until the disruption budget allows it or time runs out. */
async function evict(
  connection: ClusterConnection,
  pod: PodObject,
  settings: DrainSettings,
  deadline: number,
  signal: AbortSignal,
): Promise<EvictionOutcome> {
  let lastRefusal: string;
  for (;;) {
    try {
      const response = await nodeApi.evictPod(connection, pod, settings.gracePeriodSeconds, signal);
      if (isSuccess(response)) return { kind: 'evicted' };
      if (response.status === 404) return { kind: 'gone' };
      if (response.status !== 429) return { kind: 'failed', reason: refusal(response.body) };
      lastRefusal = refusal(response.body);
    } catch (error) {
      // The cluster being briefly unreachable is worth waiting out, like a budget.
      if (!(error instanceof AppError)) throw error;
      lastRefusal = error.message;
    }
    if (performance.now() + settings.retryIntervalMs > deadline) {
      return { kind: 'failed', reason: `not evicted within ${settings.timeoutMs / 1000} s: ${lastRefusal}` };
    }
    await sleep(settings.retryIntervalMs, undefined, { signal });
  }
}

/** Waits until the evicted pod (this uid) is gone. */
async function waitGone(
  connection: ClusterConnection,
  pod: PodObject,
  settings: DrainSettings,
  deadline: number,
  signal: AbortSignal,
): Promise<boolean> {
  for (;;) {
    try {
      const current = await nodeApi.getPod(connection, pod.metadata.namespace, pod.metadata.name, signal);
      if (!current || current.metadata.uid !== pod.metadata.uid) return true;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
    if (performance.now() + settings.pollIntervalMs > deadline) return false;
    await sleep(settings.pollIntervalMs, undefined, { signal });
  }
}

async function drainPod(
  connection: ClusterConnection,
  pod: PodObject,
  progress: DrainProgress,
  settings: DrainSettings,
  deadline: number,
) {
  const id = podId(pod);
  const outcome = await evict(connection, pod, settings, deadline, progress.signal);
  if (outcome.kind === 'failed') return progress.failed(id, outcome.reason);
  if (outcome.kind === 'gone' || (await waitGone(connection, pod, settings, deadline, progress.signal))) {
    return progress.evicted(id);
  }
  progress.failed(id, `evicted, but still terminating after ${settings.timeoutMs / 1000} s`);
}

/**
 * Evicts every pod of a (cordoned) node through the eviction API, so PodDisruptionBudgets
 * are honoured, and waits for each to go; DaemonSet and mirror pods stay.
 */
export async function drainNode(
  connection: ClusterConnection,
  nodeName: string,
  progress: DrainProgress,
  settings: DrainSettings,
): Promise<void> {
  const deadline = performance.now() + settings.timeoutMs;
  const toEvict: PodObject[] = [];
  for (const pod of await nodeApi.listPods(connection, nodeName)) {
    const reason = skipReason(pod);
    if (reason) progress.skipped(podId(pod), reason);
    else toEvict.push(pod);
  }
  progress.pending(toEvict.map(podId));
  await Promise.all(toEvict.map((pod) => drainPod(connection, pod, progress, settings, deadline)));
}
