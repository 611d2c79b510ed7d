/**
 * The kubelets of every simulated node, as one controller: a PodWorker per pod bound to a node
 * whose kubelet is up, status posts batched per moment of cluster time (a pod whose containers
 * all start together gets one write), events as `kubelet` from the node, and graceful deletion
 * finished with a grace-0 delete once the terminal status is posted.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import type { InternalClient } from '../client/internal-client.ts';
import type { EventRecorder } from '../client/event-recorder.ts';
import { Informer } from '../client/informer.ts';
import { isApiError } from '../api/errors.ts';
import { ClusterTimers } from '../nodes/cluster-timers.ts';
import type { NodeFleet } from '../nodes/node-fleet.ts';
import { DEFAULT_KUBELET_SETTINGS, type KubeletSettings } from './kubelet-settings.ts';
import type { PodHost } from './pod-host.ts';
import { PodWorker } from './pod-worker.ts';
import { renderStatus } from './pod-status.ts';
import { adoptRunningPod } from './adopt.ts';
import { PodIPAllocator } from './pod-ips.ts';

const POD_REF = { apiVersion: 'v1', kind: 'Pod' };

export class Kubelet implements Controller, PodHost {
  readonly name = 'kubelet';
  readonly settings: KubeletSettings;
  readonly fleet: NodeFleet;
  timers!: ClusterTimers;
  private client!: InternalClient;
  private context!: ControllerContext;
  private pods: Informer | undefined;
  private readonly workers = new Map<string, PodWorker>();
  /** Pods bound to a node whose kubelet is down or not yet known. */
  private readonly parked = new Map<string, KubeObject>();
  private readonly dirty = new Set<PodWorker>();
  private readonly toRemove = new Set<PodWorker>();
  private readonly recorders = new Map<string, EventRecorder>();
  private readonly ips = new PodIPAllocator();
  private flushScheduled = false;
  private flushing: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(fleet: NodeFleet, settings: Partial<KubeletSettings> = {}) {
    this.fleet = fleet;
    this.settings = { ...DEFAULT_KUBELET_SETTINGS, ...settings };
  }

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    this.client = context.client.withIdentity({ fieldManager: 'kubelet' });
    this.timers = new ClusterTimers(context.clock);
    this.unsubscribe = this.fleet.onChange((agent, change) => {
      if (change === 'added' || change === 'up') this.unpark(agent.name);
      if (change === 'up') this.flushLater();
    });
    this.pods = new Informer(context.client, POD_REF);
    this.pods.on({
      add: (pod) => this.onPod(pod),
      update: (pod) => this.onPod(pod),
      delete: (pod) => this.onPodDeleted(pod),
    });
    await this.pods.start();
  }

  stop(): void {
    this.pods?.stop();
    this.unsubscribe?.();
    for (const worker of this.workers.values()) worker.dispose();
    this.workers.clear();
    this.timers?.stop();
  }

  /** The worker running a pod, for pod IO. */
  worker(namespace: string, name: string): PodWorker | undefined {
    return this.workers.get(`${namespace}/${name}`);
  }

  /** Resolves once every status change so far is posted. */
  async idle(): Promise<void> {
    while (this.flushScheduled || this.flushing !== undefined) {
      await (this.flushing ?? new Promise((resolve) => setImmediate(resolve)));
    }
  }

  now(): Date {
    return this.context.clock.now();
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.after(ms, resolve));
  }

  hostIP(nodeName: string): string {
    return this.fleet.get(nodeName)?.hostIP ?? '';
  }

  allocateIP(nodeName: string, podKey: string): string {
    return this.ips.allocate(nodeName, this.fleet.get(nodeName)?.podCIDR ?? '', podKey);
  }

  reserveIP(nodeName: string, podKey: string, ip: string): void {
    this.ips.reserve(nodeName, podKey, ip);
  }

  releaseIP(nodeName: string, podKey: string): void {
    this.ips.release(nodeName, podKey);
  }

  nodeHasImage(nodeName: string, image: string): boolean {
    return this.fleet.hasImage(nodeName, image);
  }

  addNodeImage(nodeName: string, image: string): void {
    this.fleet.addImage(nodeName, image);
  }

  event(
    worker: PodWorker,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    fieldPath?: string,
  ): void {
    const node = worker.identity.nodeName;
    if (!this.settings.events || !this.fleet.isUp(node)) return;
    let recorder = this.recorders.get(node);
    if (recorder === undefined) {
      recorder = this.context.eventRecorder({ component: 'kubelet', host: node });
      this.recorders.set(node, recorder);
    }
    void recorder.event(worker.pod, type, reason, message, fieldPath);
  }

  markDirty(worker: PodWorker): void {
    this.dirty.add(worker);
    this.flushLater();
  }

  removeWhenPosted(worker: PodWorker): void {
    this.toRemove.add(worker);
    this.markDirty(worker);
  }

  private onPod(pod: KubeObject): void {
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    if (!nodeName) return;
    const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    let worker = this.workers.get(key);
    if (worker !== undefined && worker.identity.uid !== pod.metadata.uid) {
      this.retire(worker);
      worker = undefined;
    }
    if (!this.fleet.isUp(nodeName)) {
      if (worker !== undefined) worker.pod = pod;
      else this.parked.set(key, pod);
      return;
    }
    if (worker === undefined) {
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') {
        // Nothing runs for a finished pod; a deletion only has to be completed.
        if (pod.metadata.deletionTimestamp !== undefined) void this.removePod(pod);
        return;
      }
      worker = new PodWorker(pod, this);
      this.workers.set(key, worker);
      // Watch events lag the store: adopt what is stored now (a pod written as Running).
      const stored = this.storedPod(pod) ?? pod;
      if (!adoptRunningPod(worker, stored, this)) worker.begin();
    }
    worker.pod = pod;
    if (pod.metadata.deletionTimestamp !== undefined) {
      if (worker.completed && !worker.terminating) {
        worker.terminating = true;
        this.removeWhenPosted(worker);
      } else {
        worker.kill(pod.metadata.deletionGracePeriodSeconds ?? 30);
      }
    }
  }

  private storedPod(pod: KubeObject): KubeObject | undefined {
    const kind = this.context.api.kind('', 'v1', 'pods');
    const stored = this.context.api.deps.store.get(
      kind.storageKey,
      pod.metadata.namespace ?? '',
      pod.metadata.name ?? '',
    );
    return stored?.metadata.uid === pod.metadata.uid ? stored : undefined;
  }

  private onPodDeleted(pod: KubeObject): void {
    const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    this.parked.delete(key);
    const worker = this.workers.get(key);
    if (worker !== undefined && worker.identity.uid === pod.metadata.uid) this.retire(worker);
  }

  private retire(worker: PodWorker): void {
    worker.dispose();
    this.workers.delete(worker.key);
    this.dirty.delete(worker);
    this.toRemove.delete(worker);
  }

  private unpark(nodeName: string): void {
    for (const [key, pod] of this.parked) {
      if ((pod.spec as { nodeName?: string }).nodeName !== nodeName) continue;
      this.parked.delete(key);
      this.onPod(this.pods?.get(pod.metadata.namespace ?? '', pod.metadata.name ?? '') ?? pod);
    }
  }

  private flushLater(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const previous = this.flushing ?? Promise.resolve();
      const run = previous.then(() => this.flush());
      this.flushing = run;
      void run.finally(() => {
        if (this.flushing === run) this.flushing = undefined;
      });
    });
  }

  private async flush(): Promise<void> {
    const batch = [...this.dirty];
    this.dirty.clear();
    let written = 0;
    for (const worker of batch) {
      if (!this.workers.has(worker.key)) continue;
      if (!this.fleet.isUp(worker.identity.nodeName)) {
        this.dirty.add(worker); // posted when the kubelet comes back
        continue;
      }
      await this.post(worker);
      if (++written % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async post(worker: PodWorker): Promise<void> {
    const ref = { ...POD_REF, namespace: worker.identity.namespace, name: worker.identity.name };
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.client.tryGet(ref);
      if (current === undefined || current.metadata.uid !== worker.identity.uid) return;
      const stored = (current.status ?? {}) as Record<string, unknown>;
      const status = renderStatus(worker, stored, this.now());
      try {
        if (JSON.stringify(status) !== JSON.stringify(stored))
          await this.client.updateStatus({ ...current, status });
        break;
      } catch (err) {
        if (!isApiError(err) || err.status.code !== 409) {
          if (!isApiError(err) || err.status.code !== 404)
            console.error(`kube-sim: kubelet status of ${worker.key}`, err);
          return;
        }
      }
    }
    if (this.toRemove.delete(worker)) await this.removePod(worker.pod);
  }

  private async removePod(pod: KubeObject): Promise<void> {
    try {
      await this.client.delete(
        { ...POD_REF, namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' },
        { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid ?? '' } },
      );
    } catch (err) {
      if (!isApiError(err)) throw err;
    }
  }
}
