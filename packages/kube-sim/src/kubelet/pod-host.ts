/** What a PodWorker needs from the kubelet that runs it. */
import type { ClusterTimers } from '../nodes/cluster-timers.ts';
import type { KubeletSettings } from './kubelet-settings.ts';
import type { PodWorker } from './pod-worker.ts';

export interface PodHost {
  readonly settings: KubeletSettings;
  readonly timers: ClusterTimers;
  now(): Date;
  sleep(ms: number): Promise<void>;
  hostIP(nodeName: string): string;
  allocateIP(nodeName: string, podKey: string): string;
  releaseIP(nodeName: string, podKey: string): void;
  nodeHasImage(nodeName: string, image: string): boolean;
  addNodeImage(nodeName: string, image: string): void;
  event(
    worker: PodWorker,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    fieldPath?: string,
  ): void;
  /** The pod's status changed: post it (batched with whatever else changed now). */
  markDirty(worker: PodWorker): void;
  /** Deletes the pod (grace period 0) once its final status is posted. */
  removeWhenPosted(worker: PodWorker): void;
}
