/**
 * A burst of changes to a watch of all pods: HTTPS watchers (client-node) are opened at the
 * list's resourceVersion, then `burst` label patches go through the API (in-process client,
 * the same pipeline as HTTP); timed until every watcher has received every change.
 */
import * as k8s from '@kubernetes/client-node';
import type { Cluster, KubeObject } from '../../packages/kube-sim/src/index.ts';
import { yieldToEventLoop } from './measure.ts';

export interface WatchBurstResult {
  changes: number;
  watchers: number;
  /** From the first patch until the last watcher has the last change. */
  ms: number;
  /** The patches alone (server-side write time, including fan-out to the watch streams). */
  patchMs: number;
  eventsPerSecond: number;
}

const LABEL = 'bench.atrium.dev/burst';
const YIELD_EVERY = 100;

export async function watchBurst(
  cluster: Cluster,
  kc: k8s.KubeConfig,
  resourceVersion: string,
  changes: number,
  watchers: number,
  timeoutMs = 300_000,
): Promise<WatchBurstResult> {
  const pods = (await cluster.client.list({ apiVersion: 'v1', kind: 'Pod' })).items;
  if (pods.length === 0) throw new Error('watch burst: no pods to patch');
  const seen = Array.from({ length: watchers }, () => new Set<string>());
  let complete = 0;
  let finish: () => void = () => {};
  let fail: (err: Error) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const aborts: AbortController[] = [];
  for (const [index, received] of seen.entries()) {
    const watch = new k8s.Watch(kc);
    const abort = await watch.watch(
      '/api/v1/pods',
      { resourceVersion, allowWatchBookmarks: false },
      (type: string, object: KubeObject) => {
        const value = object.metadata?.labels?.[LABEL];
        if (type !== 'MODIFIED' || value === undefined || received.has(value)) return;
        received.add(value);
        if (received.size === changes && ++complete === watchers) finish();
      },
      (err: unknown) => {
        if (received.size < changes) fail(new Error(`watcher ${index} ended early: ${String(err)}`));
      },
    );
    aborts.push(abort);
  }
  const timer = setTimeout(() => fail(new Error('watch burst timed out')), timeoutMs);
  const start = performance.now();
  for (let i = 0; i < changes; i++) {
    const pod = pods[i % pods.length] as KubeObject;
    await cluster.client.patch(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        namespace: pod.metadata.namespace ?? '',
        name: pod.metadata.name ?? '',
      },
      'merge',
      { metadata: { labels: { [LABEL]: String(i) } } },
      { fieldManager: 'bench-burst' },
    );
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
  }
  const patchMs = performance.now() - start;
  try {
    await done;
  } finally {
    clearTimeout(timer);
    for (const abort of aborts) abort.abort();
  }
  const ms = performance.now() - start;
  return { changes, watchers, ms, patchMs, eventsPerSecond: Math.round((changes * watchers * 1000) / ms) };
}
