/**
 * What every kubelet does for its Node: renew its Lease in kube-node-lease every 10 s and post
 * the node status (condition heartbeats) every 40 s, plus whenever something it reports changed
 * (new images, coming back after a fault). All nodes are handled in one batched pass per tick;
 * a node whose kubelet is down (fault) goes quiet, and the lifecycle controller notices.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import type { InternalClient } from '../client/internal-client.ts';
import { Informer } from '../client/informer.ts';
import { isApiError } from '../api/errors.ts';
import { microTimestamp, timestamp } from '../api/request-context.ts';
import { ClusterTimers, type TimerHandle } from './cluster-timers.ts';
import type { NodeAgent, NodeFleet } from './node-fleet.ts';
import { imageId } from '../kubelet/images.ts';

export interface HeartbeatSettings {
  leaseRenewMs: number;
  nodeStatusMs: number;
}

export const DEFAULT_HEARTBEAT: HeartbeatSettings = { leaseRenewMs: 10_000, nodeStatusMs: 40_000 };

const HEALTHY: Record<string, { status: string; reason: string; message: string }> = {
  MemoryPressure: {
    status: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
  },
  DiskPressure: {
    status: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
  },
  PIDPressure: {
    status: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
  },
  Ready: { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
};

/** The kubelet reports at most 50 images, largest first. */
const MAX_IMAGES = 50;

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

export class NodeHeartbeat implements Controller {
  readonly name = 'node-heartbeat';
  private readonly fleet: NodeFleet;
  private readonly settings: HeartbeatSettings;
  private client!: InternalClient;
  private timers!: ClusterTimers;
  private nodes: Informer | undefined;
  private readonly handles: TimerHandle[] = [];
  private unsubscribe: (() => void) | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(fleet: NodeFleet, settings: Partial<HeartbeatSettings> = {}) {
    this.fleet = fleet;
    this.settings = { ...DEFAULT_HEARTBEAT, ...settings };
  }

  async start(context: ControllerContext): Promise<void> {
    this.client = context.client.withIdentity({ fieldManager: 'kubelet' });
    this.timers = new ClusterTimers(context.clock);
    this.nodes = new Informer(context.client, { apiVersion: 'v1', kind: 'Node' });
    this.nodes.on({
      add: (node) => this.fleet.upsert(node),
      update: (node) => this.fleet.upsert(node),
      delete: (node) => this.fleet.remove(node.metadata.name ?? ''),
    });
    await this.nodes.start();
    this.unsubscribe = this.fleet.onChange((agent, change) => {
      if (change === 'up') this.enqueue(() => this.beat([agent], { lease: true, status: true }));
    });
    this.handles.push(
      this.timers.every(this.settings.leaseRenewMs, () =>
        this.enqueue(() => this.beat(this.fleet.all(), { lease: true, status: false })),
      ),
      this.timers.every(this.settings.nodeStatusMs, () =>
        this.enqueue(() => this.beat(this.fleet.all(), { lease: false, status: true })),
      ),
    );
  }

  stop(): void {
    for (const handle of this.handles) handle.cancel();
    this.unsubscribe?.();
    this.nodes?.stop();
    this.timers?.stop();
  }

  /** Resolves when the passes started so far are done. */
  async idle(): Promise<void> {
    await this.running;
  }

  private enqueue(pass: () => Promise<void>): void {
    this.running = this.running
      .then(pass)
      .catch((err: unknown) => console.error('kube-sim: node heartbeat', err));
  }

  private async beat(agents: NodeAgent[], what: { lease: boolean; status: boolean }): Promise<void> {
    let done = 0;
    for (const agent of agents) {
      if (!agent.up) continue;
      if (what.lease) await this.renewLease(agent);
      if (what.status || agent.imagesDirty) await this.postStatus(agent);
      if (++done % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async renewLease(agent: NodeAgent): Promise<void> {
    const ref = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      namespace: 'kube-node-lease',
      name: agent.name,
    };
    const lease = await this.client.tryGet(ref);
    if (lease === undefined) return;
    const spec = { ...((lease.spec ?? {}) as Record<string, unknown>) };
    spec.renewTime = microTimestamp(this.timers.clock.now());
    spec.holderIdentity = agent.name;
    try {
      await this.client.update({ ...lease, spec });
    } catch (err) {
      if (!isApiError(err)) throw err;
    }
  }

  private async postStatus(agent: NodeAgent): Promise<void> {
    const node = await this.client.tryGet({ apiVersion: 'v1', kind: 'Node', name: agent.name });
    if (node === undefined) return;
    const now = timestamp(this.timers.clock.now());
    const status = structuredClone((node.status ?? {}) as { conditions?: Condition[]; images?: unknown[] });
    const conditions = status.conditions ?? [];
    for (const [type, healthy] of Object.entries(HEALTHY)) {
      const existing = conditions.find((c) => c.type === type);
      const flipped = existing === undefined || existing.status !== healthy.status;
      const next: Condition = {
        type,
        status: healthy.status,
        lastHeartbeatTime: now,
        lastTransitionTime: flipped ? now : existing.lastTransitionTime,
        reason: healthy.reason,
        message: healthy.message,
      };
      if (existing === undefined) conditions.push(next);
      else Object.assign(existing, next);
    }
    status.conditions = conditions;
    if (agent.imagesDirty || status.images === undefined) {
      status.images = [...agent.images]
        .sort((a, b) => b[1] - a[1])
        .slice(0, MAX_IMAGES)
        .map(([name, sizeBytes]) => ({ names: imageNames(name), sizeBytes }));
      agent.imagesDirty = false;
    }
    try {
      await this.client.updateStatus({ ...node, status } as KubeObject);
    } catch (err) {
      if (!isApiError(err)) throw err;
      agent.imagesDirty = true;
    }
  }
}

/** node.status.images[].names: the digest reference, then the tag. */
function imageNames(normalized: string): string[] {
  return [imageId(normalized), normalized];
}
