/**
 * Pods that already run when the kubelet first sees them (written with a Running status, e.g.
 * by `--scale` seeding): the kubelet takes over their containers as they are instead of
 * starting them again, the way a restarted kubelet finds its containers in the runtime.
 */
import type { KubeObject } from '../types.ts';
import type { PodWorker } from './pod-worker.ts';

interface StatusContainer {
  name: string;
  ready?: boolean;
  restartCount?: number;
  containerID?: string;
  state?: { running?: { startedAt?: string } };
}

export function adoptRunningPod(
  worker: PodWorker,
  pod: KubeObject,
  ips: { reserveIP(nodeName: string, podKey: string, ip: string): void },
): boolean {
  const status = (pod.status ?? {}) as {
    phase?: string;
    podIP?: string;
    hostIP?: string;
    startTime?: string;
    containerStatuses?: StatusContainer[];
  };
  const statuses = status.containerStatuses ?? [];
  if (status.phase !== 'Running' || statuses.length !== worker.app.length || worker.init.length > 0)
    return false;
  if (!statuses.every((s) => s.state?.running?.startedAt !== undefined && s.containerID !== undefined))
    return false;
  for (const c of worker.app) {
    const s = statuses.find((x) => x.name === c.name);
    if (s === undefined) return false;
    c.state = {
      kind: 'running',
      startedAt: new Date(s.state?.running?.startedAt ?? 0),
      containerID: s.containerID ?? '',
    };
    c.restartCount = s.restartCount ?? 0;
    c.ready = s.ready === true;
    c.started = true;
  }
  worker.phase = 'Running';
  worker.sandboxReady = true;
  worker.podIP = status.podIP ?? '';
  worker.identity.podIP = worker.podIP;
  if (status.hostIP) worker.hostIP = status.hostIP;
  if (status.startTime !== undefined) worker.startTime = new Date(status.startTime);
  if (worker.podIP !== '') ips.reserveIP(worker.identity.nodeName, worker.key, worker.podIP);
  return true;
}
