/**
 * default-scheduler: binds pending pods (no spec.nodeName, schedulerName default-scheduler, no
 * scheduling gates) through pods/binding. Each decision filters nodes starting where the last
 * search stopped and stops once it has found as many feasible nodes as kube-scheduler's
 * percentageOfNodesToScore rule asks for, then picks the least allocated. Pods that fit nowhere
 * get PodScheduled=False/Unschedulable and a FailedScheduling event, and are retried when a
 * node changes in a way the filters see or an assigned pod goes away.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import type { InternalClient } from '../client/internal-client.ts';
import type { EventRecorder } from '../client/event-recorder.ts';
import { Informer } from '../client/informer.ts';
import { isApiError } from '../api/errors.ts';
import { timestamp } from '../api/request-context.ts';
import { ClusterTimers, type TimerHandle } from '../nodes/cluster-timers.ts';
import {
  filterNode,
  leastAllocatedScore,
  schedulingView,
  type FilterFailure,
  type NodeInfo,
} from './filters.ts';
import { fitErrorMessage, NO_NODES_MESSAGE } from './fit-error.ts';
import { podKey, SchedulerCache } from './scheduler-cache.ts';

export const SCHEDULER_NAME = 'default-scheduler';

export interface SchedulerOptions {
  /** Pods decided before yielding to the event loop (default 200). */
  batchSize?: number;
  /** Cluster time after which every unschedulable pod is retried anyway (default 5 min). */
  unschedulableFlushMs?: number;
}

const MIN_FEASIBLE_NODES = 100;
const MIN_FEASIBLE_PERCENTAGE = 5;

/** kube-scheduler's adaptive percentageOfNodesToScore. */
export function numFeasibleNodesToFind(allNodes: number): number {
  if (allNodes < MIN_FEASIBLE_NODES) return allNodes;
  const percentage = Math.max(MIN_FEASIBLE_PERCENTAGE, 50 - Math.floor(allNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES, Math.floor((allNodes * percentage) / 100));
}

function isPending(pod: KubeObject): boolean {
  const spec = (pod.spec ?? {}) as { nodeName?: string; schedulerName?: string; schedulingGates?: unknown[] };
  if (spec.nodeName) return false;
  if ((spec.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME) return false;
  if ((spec.schedulingGates ?? []).length > 0) return false;
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return pod.metadata.deletionTimestamp === undefined;
}

export class Scheduler implements Controller {
  readonly name = SCHEDULER_NAME;
  readonly cache = new SchedulerCache();
  private readonly options: Required<SchedulerOptions>;
  private client!: InternalClient;
  private recorder!: EventRecorder;
  private timers!: ClusterTimers;
  private pods: Informer | undefined;
  private nodes: Informer | undefined;
  private readonly active = new Map<string, KubeObject>();
  private readonly unschedulable = new Map<string, KubeObject>();
  private nextStartNodeIndex = 0;
  private scheduled = false;
  private draining: Promise<void> | undefined;
  private flush: TimerHandle | undefined;
  private stopped = false;

  constructor(options: SchedulerOptions = {}) {
    this.options = { batchSize: 200, unschedulableFlushMs: 300_000, ...options };
  }

  async start(context: ControllerContext): Promise<void> {
    this.stopped = false;
    this.client = context.client.withIdentity({ fieldManager: SCHEDULER_NAME });
    this.recorder = context.eventRecorder({ component: SCHEDULER_NAME });
    this.timers = new ClusterTimers(context.clock);
    this.nodes = new Informer(context.client, { apiVersion: 'v1', kind: 'Node' });
    this.nodes.on({
      add: (node) => this.onNode(node),
      update: (node) => this.onNode(node),
      delete: (node) => this.cache.removeNode(node.metadata.name ?? ''),
    });
    this.pods = new Informer(context.client, { apiVersion: 'v1', kind: 'Pod' });
    this.pods.on({
      add: (pod) => this.onPod(pod),
      update: (pod, old) => this.onPod(pod, old),
      delete: (pod) => this.onPodDeleted(pod),
    });
    await this.nodes.start();
    await this.pods.start();
    this.flush = this.timers.every(this.options.unschedulableFlushMs, () => this.retryUnschedulable());
  }

  stop(): void {
    this.stopped = true;
    this.pods?.stop();
    this.nodes?.stop();
    this.flush?.cancel();
    this.timers?.stop();
    this.active.clear();
    this.unschedulable.clear();
  }

  /** Resolves when no pod waits for a decision (pods that fit nowhere wait for a change). */
  async idle(): Promise<void> {
    while (this.active.size > 0 || this.draining !== undefined || this.scheduled) {
      await (this.draining ?? new Promise((resolve) => setImmediate(resolve)));
    }
  }

  get pendingCount(): { active: number; unschedulable: number } {
    return { active: this.active.size, unschedulable: this.unschedulable.size };
  }

  private onNode(node: KubeObject): void {
    if (this.cache.upsertNode(node)) this.retryUnschedulable();
  }

  private onPod(pod: KubeObject, old?: KubeObject): void {
    const key = podKey(pod);
    if (this.cache.syncPod(pod)) this.retryUnschedulable();
    if (!isPending(pod)) {
      this.active.delete(key);
      this.unschedulable.delete(key);
      return;
    }
    if (this.unschedulable.has(key)) {
      // Our own status write comes back as an update: only a new spec is worth another try.
      if (old === undefined || JSON.stringify(old.spec) === JSON.stringify(pod.spec)) {
        this.unschedulable.set(key, pod);
        return;
      }
      this.unschedulable.delete(key);
      this.cache.forget(pod);
    }
    this.active.set(key, pod);
    this.kick();
  }

  private onPodDeleted(pod: KubeObject): void {
    const key = podKey(pod);
    this.active.delete(key);
    this.unschedulable.delete(key);
    this.cache.forget(pod);
    if (this.cache.release(key)) this.retryUnschedulable();
  }

  private retryUnschedulable(): void {
    if (this.unschedulable.size === 0) return;
    for (const [key, pod] of this.unschedulable) this.active.set(key, pod);
    this.unschedulable.clear();
    this.kick();
  }

  private kick(): void {
    if (this.scheduled || this.draining !== undefined || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
        if (this.active.size > 0) this.kick();
      });
    });
  }

  private async drain(): Promise<void> {
    let decided = 0;
    for (const [key, pod] of this.active) {
      if (this.stopped) return;
      this.active.delete(key);
      try {
        await this.scheduleOne(key, pod);
      } catch (err) {
        console.error(`kube-sim: scheduling ${key} failed`, err);
      }
      if (++decided % this.options.batchSize === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async scheduleOne(key: string, pod: KubeObject): Promise<void> {
    const view = schedulingView(pod, this.cache.requestsOf(pod));
    const total = this.cache.nodeCount;
    const wanted = numFeasibleNodesToFind(total);
    const failures: FilterFailure[] = [];
    let best: NodeInfo | undefined;
    let bestScore = -1;
    let found = 0;
    let processed = 0;
    for (; processed < total && found < wanted; processed++) {
      const node = this.cache.nodeAt((this.nextStartNodeIndex + processed) % total);
      const failure = filterNode(view, node);
      if (failure !== undefined) {
        failures.push(failure);
        continue;
      }
      found++;
      const score = leastAllocatedScore(view.requests, node);
      if (score > bestScore) {
        best = node;
        bestScore = score;
      }
    }
    if (total > 0) this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % total;
    if (best === undefined) {
      const preemptionPolicy = (pod.spec as { preemptionPolicy?: string } | undefined)?.preemptionPolicy;
      const message = total === 0 ? NO_NODES_MESSAGE : fitErrorMessage(total, failures, { preemptionPolicy });
      this.unschedulable.set(key, pod);
      await this.reportUnschedulable(pod, message);
      return;
    }
    await this.bind(pod, best.name);
  }

  private async bind(pod: KubeObject, nodeName: string): Promise<void> {
    const namespace = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    try {
      await this.client.createSubresource({ apiVersion: 'v1', kind: 'Pod', namespace, name }, 'binding', {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, namespace, uid: pod.metadata.uid },
        target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
      });
    } catch (err) {
      // Gone, already bound or being deleted: the watch brings the truth.
      if (isApiError(err)) return;
      throw err;
    }
    this.cache.assume(pod, nodeName);
    void this.recorder.event(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${namespace}/${name} to ${nodeName}`,
    );
  }

  private async reportUnschedulable(pod: KubeObject, message: string): Promise<void> {
    void this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
    const ref = {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.client.tryGet(ref);
      if (current === undefined || !isPending(current) || current.metadata.uid !== pod.metadata.uid) return;
      const status = structuredClone(
        (current.status ?? {}) as { conditions?: Record<string, unknown>[]; phase?: string },
      );
      const conditions = status.conditions ?? [];
      const existing = conditions.find((c) => c.type === 'PodScheduled');
      if (existing?.status === 'False' && existing.reason === 'Unschedulable' && existing.message === message)
        return;
      const condition = {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime:
          existing?.status === 'False' ? existing.lastTransitionTime : timestamp(this.timers.clock.now()),
        reason: 'Unschedulable',
        message,
      };
      status.conditions = [...conditions.filter((c) => c.type !== 'PodScheduled'), condition];
      status.phase ??= 'Pending';
      try {
        await this.client.updateStatus({ ...current, status });
        return;
      } catch (err) {
        if (!isApiError(err) || err.status.code !== 409) return;
      }
    }
  }
}
