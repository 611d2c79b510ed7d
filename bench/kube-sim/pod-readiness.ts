/**
 * Detects a settled cluster by watching pods (no sleeping or polling): settled once at least
 * `target` pods exist and every pod is Running with Ready=True. Works whether the seed writes
 * the final status itself or a scheduler and kubelet bring the pods up.
 */
import type { InternalClient, KubeObject } from '../../packages/kube-sim/src/index.ts';

export interface PodReadiness {
  /** Resolves with the time (performance.now()) at which the cluster settled. */
  settled: Promise<number>;
  counts(): { pods: number; ready: number };
  stop(): void;
}

export function isRunningAndReady(pod: KubeObject): boolean {
  const status = pod.status as
    { phase?: string; conditions?: Array<{ type?: string; status?: string }> } | undefined;
  if (status?.phase !== 'Running') return false;
  return (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function watchPodReadiness(client: InternalClient, target: number): PodReadiness {
  const ready = new Map<string, boolean>();
  let readyCount = 0;
  let resolve: (at: number) => void = () => {};
  const settled = new Promise<number>((r) => {
    resolve = r;
  });
  const set = (key: string, value: boolean | undefined): void => {
    const before = ready.get(key);
    if (before === true) readyCount--;
    if (value === undefined) ready.delete(key);
    else ready.set(key, value);
    if (value === true) readyCount++;
  };
  const watch = client.watch({ apiVersion: 'v1', kind: 'Pod' }, {}, (event) => {
    if (event.type === 'BOOKMARK' || event.type === 'ERROR') return;
    const pod = event.object as KubeObject;
    const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    set(key, event.type === 'DELETED' ? undefined : isRunningAndReady(pod));
    if (ready.size >= target && readyCount === ready.size) resolve(performance.now());
  });
  if (target === 0) resolve(performance.now());
  return {
    settled,
    counts: () => ({ pods: ready.size, ready: readyCount }),
    stop: () => watch.stop(),
  };
}
