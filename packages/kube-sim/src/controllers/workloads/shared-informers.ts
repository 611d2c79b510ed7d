/**
 * One informer per kind, shared by every workload controller of a cluster (as
 * kube-controller-manager shares its informer factory): 30,000 pods are cached and indexed
 * once, not once per controller. Started on first use, stopped when the last user stops.
 */
import type { InternalClient, KindRef } from '../../client/internal-client.ts';
import { Informer } from '../../client/informer.ts';
import { IndexedCache } from './indexed-cache.ts';

export const WORKLOAD_KINDS = {
  pods: { apiVersion: 'v1', kind: 'Pod' },
  nodes: { apiVersion: 'v1', kind: 'Node' },
  replicaSets: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  deployments: { apiVersion: 'apps/v1', kind: 'Deployment' },
  statefulSets: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  daemonSets: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  controllerRevisions: { apiVersion: 'apps/v1', kind: 'ControllerRevision' },
  jobs: { apiVersion: 'batch/v1', kind: 'Job' },
  cronJobs: { apiVersion: 'batch/v1', kind: 'CronJob' },
} as const satisfies Record<string, KindRef>;

export type WorkloadKind = keyof typeof WORKLOAD_KINDS;

export class SharedInformers {
  private client: InternalClient | undefined;
  private readonly caches = new Map<WorkloadKind, IndexedCache>();
  private readonly starting = new Map<WorkloadKind, Promise<void>>();
  private users = 0;

  /** Called by each controller's start(); the first caller's client is used. */
  acquire(client: InternalClient): void {
    this.client ??= client;
    this.users++;
  }

  release(): void {
    this.users--;
    if (this.users > 0) return;
    for (const cache of this.caches.values()) cache.informer.stop();
    this.caches.clear();
    this.starting.clear();
    this.client = undefined;
  }

  /** The cache of a kind; handlers may be added before `sync`. */
  cache(kind: WorkloadKind): IndexedCache {
    let cache = this.caches.get(kind);
    if (cache === undefined) {
      if (this.client === undefined) throw new Error('shared informers used before acquire()');
      cache = new IndexedCache(new Informer(this.client, WORKLOAD_KINDS[kind]));
      this.caches.set(kind, cache);
    }
    return cache;
  }

  /** Starts the informers of these kinds (once) and resolves when their caches are filled. */
  async sync(kinds: WorkloadKind[]): Promise<void> {
    await Promise.all(
      kinds.map((kind) => {
        let started = this.starting.get(kind);
        if (started === undefined) {
          started = this.cache(kind).informer.start();
          this.starting.set(kind, started);
        }
        return started;
      }),
    );
  }
}
