/**
 * The node lifecycle controller: watches node Leases; a node whose lease is older than the grace
 * period gets every condition set to Unknown ("Kubelet stopped posting node status."), the
 * node.kubernetes.io/unreachable NoSchedule and NoExecute taints, and its pods marked not
 * ready. Pods are then evicted by the NoExecute taint once their toleration runs out (300 s
 * by default; at once without one). When the kubelet reports Ready again the taints go.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import type { InternalClient } from '../client/internal-client.ts';
import type { EventRecorder } from '../client/event-recorder.ts';
import { Informer } from '../client/informer.ts';
import { isApiError } from '../api/errors.ts';
import { timestamp } from '../api/request-context.ts';
import { ClusterTimers, type TimerHandle } from './cluster-timers.ts';
import { tolerates, type Taint, type Toleration } from '../scheduler/filters.ts';

export interface LifecycleSettings {
  /** node-monitor-period */
  monitorMs: number;
  /** node-monitor-grace-period (50 s since Kubernetes 1.32) */
  gracePeriodMs: number;
}

const UNREACHABLE = 'node.kubernetes.io/unreachable';

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private readonly settings: LifecycleSettings;
  private client!: InternalClient;
  private timers!: ClusterTimers;
  private recorder!: EventRecorder;
  private nodes: Informer | undefined;
  private leases: Informer | undefined;
  private monitor: TimerHandle | undefined;
  /** Pending taint evictions per node. */
  private readonly evictions = new Map<string, TimerHandle[]>();
  private pass: Promise<void> = Promise.resolve();

  constructor(settings: Partial<LifecycleSettings> = {}) {
    this.settings = { monitorMs: 5_000, gracePeriodMs: 50_000, ...settings };
  }

  async start(context: ControllerContext): Promise<void> {
    this.client = context.client.withIdentity({ fieldManager: 'kube-controller-manager' });
    this.timers = new ClusterTimers(context.clock);
    this.recorder = context.eventRecorder({ component: 'node-controller' });
    this.nodes = new Informer(context.client, { apiVersion: 'v1', kind: 'Node' });
    this.nodes.on({ update: (node) => this.onNodeUpdate(node) });
    this.leases = new Informer(
      context.client,
      { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' },
      {
        namespace: 'kube-node-lease',
      },
    );
    await this.nodes.start();
    await this.leases.start();
    this.monitor = this.timers.every(this.settings.monitorMs, () => {
      this.pass = this.pass
        .then(() => this.checkAll())
        .catch((err: unknown) => console.error('kube-sim: node lifecycle', err));
    });
  }

  stop(): void {
    this.monitor?.cancel();
    for (const handles of this.evictions.values()) for (const h of handles) h.cancel();
    this.nodes?.stop();
    this.leases?.stop();
    this.timers?.stop();
  }

  async idle(): Promise<void> {
    await this.pass;
  }

  private async checkAll(): Promise<void> {
    const now = this.timers.now();
    for (const node of this.nodes?.list() ?? []) {
      const name = node.metadata.name ?? '';
      const lease = this.leases?.get('kube-node-lease', name);
      const renew = (lease?.spec as { renewTime?: string } | undefined)?.renewTime;
      if (renew === undefined) continue;
      if (now - new Date(renew).getTime() <= this.settings.gracePeriodMs) continue;
      const ready = conditionsOf(node).find((c) => c.type === 'Ready');
      if (ready?.status === 'Unknown' && hasTaint(node, UNREACHABLE)) continue;
      await this.markUnreachable(node);
    }
  }

  private async markUnreachable(node: KubeObject): Promise<void> {
    const name = node.metadata.name ?? '';
    const now = timestamp(this.timers.clock.now());
    const status = structuredClone((node.status ?? {}) as { conditions?: Record<string, unknown>[] });
    for (const condition of status.conditions ?? []) {
      if (condition.status === 'Unknown') continue;
      condition.status = 'Unknown';
      condition.reason = 'NodeStatusUnknown';
      condition.message = 'Kubelet stopped posting node status.';
      condition.lastTransitionTime = now;
    }
    try {
      const updated = await this.client.updateStatus({ ...node, status } as KubeObject);
      const spec = structuredClone((updated.spec ?? {}) as { taints?: Taint[] });
      const taints = (spec.taints ?? []).filter((t) => t.key !== UNREACHABLE);
      taints.push(
        { key: UNREACHABLE, effect: 'NoSchedule' },
        { key: UNREACHABLE, effect: 'NoExecute', timeAdded: now },
      );
      spec.taints = taints;
      await this.client.update({ ...updated, spec });
    } catch (err) {
      if (isApiError(err)) return;
      throw err;
    }
    void this.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    await this.markPodsNotReady(name);
  }

  private async markPodsNotReady(nodeName: string): Promise<void> {
    const { items } = await this.client.list(
      { apiVersion: 'v1', kind: 'Pod' },
      { fieldSelector: `spec.nodeName=${nodeName}` },
    );
    const handles: TimerHandle[] = [];
    for (const pod of items) {
      const status = structuredClone(
        (pod.status ?? {}) as { phase?: string; conditions?: Record<string, unknown>[] },
      );
      if (status.phase === 'Succeeded' || status.phase === 'Failed') continue;
      const ready = status.conditions?.find((c) => c.type === 'Ready');
      if (ready !== undefined && ready.status !== 'False') {
        ready.status = 'False';
        ready.lastTransitionTime = timestamp(this.timers.clock.now());
        delete ready.reason;
        delete ready.message;
        try {
          await this.client.updateStatus({ ...pod, status } as KubeObject);
        } catch (err) {
          if (!isApiError(err)) throw err;
        }
      }
      const seconds = tolerationSeconds(pod);
      if (seconds !== Infinity)
        handles.push(this.timers.after(seconds * 1000, () => void this.evict(pod, nodeName)));
    }
    this.evictions.set(nodeName, handles);
  }

  private async evict(pod: KubeObject, nodeName: string): Promise<void> {
    const node = this.nodes?.get('', nodeName);
    if (node === undefined || !hasTaint(node, UNREACHABLE)) return;
    const ref = {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
    };
    void this.recorder.event(
      pod,
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${ref.namespace}/${ref.name}`,
    );
    try {
      await this.client.delete(ref, { preconditions: { uid: pod.metadata.uid ?? '' } });
    } catch (err) {
      if (!isApiError(err)) throw err;
    }
  }

  private onNodeUpdate(node: KubeObject): void {
    const ready = conditionsOf(node).find((c) => c.type === 'Ready');
    if (ready?.status !== 'True' || !hasTaint(node, UNREACHABLE)) return;
    const name = node.metadata.name ?? '';
    for (const handle of this.evictions.get(name) ?? []) handle.cancel();
    this.evictions.delete(name);
    this.pass = this.pass.then(async () => {
      const current = await this.client.tryGet({ apiVersion: 'v1', kind: 'Node', name });
      if (current === undefined || !hasTaint(current, UNREACHABLE)) return;
      const spec = structuredClone((current.spec ?? {}) as { taints?: Taint[] });
      spec.taints = (spec.taints ?? []).filter((t) => t.key !== UNREACHABLE);
      if (spec.taints.length === 0) delete spec.taints;
      try {
        await this.client.update({ ...current, spec });
        void this.recorder.event(current, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`);
      } catch (err) {
        if (!isApiError(err)) throw err;
      }
    });
  }
}

function conditionsOf(node: KubeObject): { type: string; status: string }[] {
  return (node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
}

function hasTaint(node: KubeObject, key: string): boolean {
  return ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).some((t) => t.key === key);
}

/** How long a pod stays on an unreachable node: its shortest matching toleration. */
function tolerationSeconds(pod: KubeObject): number {
  const taint: Taint = { key: UNREACHABLE, effect: 'NoExecute' };
  const matching = ((pod.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? []).filter((t) =>
    tolerates(t, taint),
  );
  if (matching.length === 0) return 0;
  return Math.min(...matching.map((t) => t.tolerationSeconds ?? Infinity));
}
