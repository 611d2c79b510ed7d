/**
 * A stand-in kubelet and scheduler for the workload controllers' unit tests: it binds pending
 * pods to a node (honouring a DaemonSet pod's `matchFields metadata.name` pin) through the
 * binding subresource and reports their status through the status subresource, as the real
 * components do. What each pod becomes is up to the test: ready, running but not ready,
 * pending, succeeded or failed — or left alone until the test decides.
 */
import type { KubeObject } from '../../../types.ts';
import type { ClusterCore } from '../../../cluster/cluster-core.ts';
import { timestamp } from '../../../api/request-context.ts';
import { isApiError } from '../../../api/errors.ts';
import type { InternalClient } from '../../../client/internal-client.ts';
import { Informer } from '../../../client/informer.ts';
import { WorkQueue } from '../../work-queue.ts';
import { objectKey } from '../indexed-cache.ts';

export type PodFate = 'ready' | 'running' | 'pending' | 'succeeded' | 'failed' | 'manual';

interface Container {
  name: string;
  image?: string;
}

export class TestKubelet {
  private readonly core: ClusterCore;
  private readonly client: InternalClient;
  private readonly informer: Informer;
  private readonly queue = new WorkQueue<string>((key) => this.handle(key));
  private fate: (pod: KubeObject) => PodFate;
  private nextNode = 0;
  private podIp = 2;

  constructor(core: ClusterCore, fate: (pod: KubeObject) => PodFate = () => 'ready') {
    this.core = core;
    this.client = core.client.withIdentity({ fieldManager: 'kubelet' });
    this.fate = fate;
    this.informer = new Informer(this.client, { apiVersion: 'v1', kind: 'Pod' });
    this.informer.on({
      add: (pod) => this.queue.add(objectKey(pod)),
      update: (pod) => this.queue.add(objectKey(pod)),
    });
  }

  async start(): Promise<void> {
    await this.informer.start();
  }

  stop(): void {
    this.informer.stop();
    this.queue.stop();
  }

  /** Changes what pods become from now on (pods already handled keep their state). */
  setFate(fate: (pod: KubeObject) => PodFate): void {
    this.fate = fate;
    for (const pod of this.informer.list()) this.queue.add(objectKey(pod));
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Binds the pod if needed and puts it into a state now, whatever its fate says. */
  async setState(pod: KubeObject, state: Exclude<PodFate, 'manual' | 'pending'>): Promise<KubeObject> {
    let current = await this.client.get({ apiVersion: 'v1', kind: 'Pod', ...refOf(pod) });
    if (!(current.spec as { nodeName?: string }).nodeName) {
      await this.bind(current);
      current = await this.client.get({ apiVersion: 'v1', kind: 'Pod', ...refOf(pod) });
    }
    return this.client.updateStatus({ ...structuredClone(current), status: this.statusFor(current, state) });
  }

  private async handle(key: string): Promise<void> {
    const [namespace = '', name = ''] = key.split('/');
    const pod = this.informer.get(namespace, name);
    if (pod === undefined || pod.metadata.deletionTimestamp !== undefined) return;
    const fate = this.fate(pod);
    try {
      const node = (pod.spec as { nodeName?: string }).nodeName;
      if (!node) {
        if (fate !== 'manual') await this.bind(pod);
        return;
      }
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      if (phase !== 'Pending' || fate === 'pending' || fate === 'manual') return;
      await this.setState(pod, fate);
    } catch (err) {
      if (isApiError(err) && (err.code === 404 || err.code === 409)) return;
      throw err;
    }
  }

  private async bind(pod: KubeObject): Promise<void> {
    const target = pinnedNode(pod) ?? (await this.pickNode());
    if (target === undefined) return;
    await this.client.createSubresource({ apiVersion: 'v1', kind: 'Pod', ...refOf(pod) }, 'binding', {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
      target: { apiVersion: 'v1', kind: 'Node', name: target },
    });
  }

  private async pickNode(): Promise<string | undefined> {
    const { items } = await this.client.list({ apiVersion: 'v1', kind: 'Node' });
    if (items.length === 0) return undefined;
    return items[this.nextNode++ % items.length]?.metadata.name;
  }

  private statusFor(pod: KubeObject, state: Exclude<PodFate, 'manual' | 'pending'>): Record<string, unknown> {
    const now = timestamp(this.core.clock.now());
    const previous = (pod.status ?? {}) as Record<string, unknown>;
    const containers = ((pod.spec as { containers?: Container[] }).containers ?? []) as Container[];
    const running = state === 'ready' || state === 'running';
    const ready = state === 'ready';
    const condition = (type: string, status: boolean, reason?: string) => {
      const c: Record<string, unknown> = {
        type,
        status: status ? 'True' : 'False',
        lastProbeTime: null,
        lastTransitionTime: now,
      };
      if (reason !== undefined && !status) c.reason = reason;
      return c;
    };
    const notReadyReason = running ? 'ContainersNotReady' : 'PodCompleted';
    const state_ = running
      ? { running: { startedAt: now } }
      : {
          terminated: {
            exitCode: state === 'succeeded' ? 0 : 1,
            reason: state === 'succeeded' ? 'Completed' : 'Error',
            startedAt: now,
            finishedAt: now,
          },
        };
    return {
      ...previous,
      phase: running ? 'Running' : state === 'succeeded' ? 'Succeeded' : 'Failed',
      conditions: [
        condition('PodReadyToStartContainers', running, 'PodCompleted'),
        condition('Initialized', true),
        condition('Ready', ready, notReadyReason),
        condition('ContainersReady', ready, notReadyReason),
        condition('PodScheduled', true),
      ],
      hostIP: '172.18.0.2',
      podIP: (previous.podIP as string | undefined) ?? `10.244.0.${this.podIp++ % 250}`,
      startTime: (previous.startTime as string | undefined) ?? now,
      containerStatuses: containers.map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: '',
        containerID: `containerd://${c.name}`,
        ready,
        started: running,
        restartCount: 0,
        state: state_,
      })),
    };
  }
}

function refOf(pod: KubeObject): { namespace: string; name: string } {
  return { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' };
}

/** The node a DaemonSet pod is pinned to through `matchFields: metadata.name In [node]`. */
function pinnedNode(pod: KubeObject): string | undefined {
  const terms = (
    pod.spec as {
      affinity?: {
        nodeAffinity?: {
          requiredDuringSchedulingIgnoredDuringExecution?: {
            nodeSelectorTerms?: Array<{
              matchFields?: Array<{ key: string; operator: string; values?: string[] }>;
            }>;
          };
        };
      };
    }
  ).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const term of terms ?? []) {
    const field = term.matchFields?.find((f) => f.key === 'metadata.name' && f.operator === 'In');
    if (field?.values?.[0] !== undefined) return field.values[0];
  }
  return undefined;
}
