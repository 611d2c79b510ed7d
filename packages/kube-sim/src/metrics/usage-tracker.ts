/**
 * Follows running pods and nodes and answers "how much is used right now" and "how much has
 * been used so far" from the usage model. Counters are kept per running container instance and
 * per pod (network); when an instance ends (deletion, a terminal phase, a restart) or its load
 * changes, what it accumulated is settled — into the node's totals when it ends — so every
 * counter the Prometheus endpoint shows only ever grows, like cAdvisor's and node-exporter's.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import { Informer } from '../client/informer.ts';
import { toNumber, tryParseQuantity } from '../admission/quantity.ts';
import {
  DEFAULT_CPU_CORES,
  DEFAULT_MEMORY_BYTES,
  FS_READ_BYTES_PER_S,
  FS_WRITE_BYTES_PER_S,
  RX_BYTES_PER_S,
  TX_BYTES_PER_S,
  cpuCores,
  integrate,
  loadOf,
  memoryBytes,
  wobble,
  wobbleIntegral,
} from './usage-model.ts';

export interface ContainerState {
  name: string;
  image: string;
  containerID: string;
  startedMs: number;
  cpuBase: number;
  memBase: number;
  load: number;
  segmentStartMs: number;
  /** Counters up to segmentStartMs. */
  cpuSeconds: number;
  fsReads: number;
  fsWrites: number;
}

export interface PodState {
  pod: KubeObject;
  node: string;
  load: number;
  startedMs: number;
  segmentStartMs: number;
  rxBytes: number;
  txBytes: number;
  containers: Map<string, ContainerState>;
}

export interface NodeCounters {
  cpuSeconds: number;
  rxBytes: number;
  txBytes: number;
}

/** Node overhead: kubelet, container runtime, system daemons. */
export const NODE_SYSTEM_CPU_CORES = 0.1;
export const NODE_SYSTEM_MEMORY_BYTES = 512 * 2 ** 20;
export const NODE_RX_BYTES_PER_S = 2_000;
export const NODE_TX_BYTES_PER_S = 1_000;

interface ContainerSpec {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

interface ContainerStatus {
  name: string;
  image?: string;
  containerID?: string;
  state?: { running?: { startedAt?: string } };
}

function quantityOf(resources: ContainerSpec['resources'], name: string): number | undefined {
  const q = tryParseQuantity(resources?.limits?.[name]) ?? tryParseQuantity(resources?.requests?.[name]);
  return q === undefined ? undefined : toNumber(q);
}

const ms = (text: string | undefined): number | undefined =>
  text === undefined ? undefined : Date.parse(text);

export class UsageTracker implements Controller {
  readonly name = 'metrics-usage-tracker';
  private context: ControllerContext | undefined;
  private pods: Informer | undefined;
  private nodes: Informer | undefined;
  private readonly running = new Map<string, PodState>();
  /** node name → uids of its running pods, so a node's usage reads only its own pods. */
  private readonly byNode = new Map<string, Set<string>>();
  private readonly retired = new Map<string, NodeCounters>();

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    this.nodes = new Informer(context.client, { apiVersion: 'v1', kind: 'Node' });
    this.pods = new Informer(context.client, { apiVersion: 'v1', kind: 'Pod' });
    this.pods.on({
      add: (pod) => this.observe(pod),
      update: (pod) => this.observe(pod),
      delete: (pod) => this.end(pod.metadata.uid ?? ''),
    });
    await this.nodes.start();
    await this.pods.start();
  }

  stop(): void {
    this.pods?.stop();
    this.nodes?.stop();
  }

  nowMs(): number {
    return (this.context?.clock.now() ?? new Date()).getTime();
  }

  nodeList(): KubeObject[] {
    return this.nodes?.list() ?? [];
  }

  node(name: string): KubeObject | undefined {
    return this.nodes?.get('', name);
  }

  runningPods(): Iterable<PodState> {
    return this.running.values();
  }

  /** Deployments, quotas… for the kube-state series are read from the API by the caller. */
  get client(): ControllerContext['client'] | undefined {
    return this.context?.client;
  }

  private observe(pod: KubeObject): void {
    const uid = pod.metadata.uid ?? '';
    const status = (pod.status ?? {}) as {
      phase?: string;
      startTime?: string;
      containerStatuses?: ContainerStatus[];
    };
    const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    if (status.phase !== 'Running' || node === undefined || pod.metadata.deletionTimestamp !== undefined) {
      this.end(uid);
      return;
    }
    const now = this.nowMs();
    const load = loadOf(pod.metadata.annotations);
    const podStart = ms(status.startTime) ?? ms(pod.metadata.creationTimestamp) ?? now;
    let state = this.running.get(uid);
    if (state === undefined) {
      state = {
        pod,
        node,
        load,
        startedMs: podStart,
        segmentStartMs: podStart,
        rxBytes: 0,
        txBytes: 0,
        containers: new Map(),
      };
      this.running.set(uid, state);
      let onNode = this.byNode.get(node);
      if (onNode === undefined) {
        onNode = new Set();
        this.byNode.set(node, onNode);
      }
      onNode.add(uid);
    } else if (state.load !== load) {
      const { rx, tx } = this.podNetwork(state, now);
      Object.assign(state, { rxBytes: rx, txBytes: tx, segmentStartMs: now, load });
    }
    state.pod = pod;
    const specs = new Map(
      ((pod.spec as { containers?: ContainerSpec[] }).containers ?? []).map((c) => [c.name, c]),
    );
    const statuses =
      status.containerStatuses ??
      [...specs.values()].map((c) => ({
        name: c.name,
        image: c.image,
        containerID: `${uid}/${c.name}`,
        state: { running: { startedAt: status.startTime } },
      }));
    const seen = new Set<string>();
    for (const cs of statuses) {
      const startedAt = ms(cs.state?.running?.startedAt);
      if (startedAt === undefined) continue;
      seen.add(cs.name);
      const spec = specs.get(cs.name);
      const containerID = cs.containerID ?? `${uid}/${cs.name}`;
      const existing = state.containers.get(cs.name);
      if (
        existing !== undefined &&
        existing.containerID === containerID &&
        existing.startedMs === startedAt
      ) {
        if (existing.load !== load) this.settleContainer(existing, now, load);
        continue;
      }
      if (existing !== undefined) this.retireContainer(state.node, existing, now);
      state.containers.set(cs.name, {
        name: cs.name,
        image: cs.image ?? spec?.image ?? '',
        containerID,
        startedMs: startedAt,
        cpuBase: quantityOf(spec?.resources, 'cpu') ?? DEFAULT_CPU_CORES,
        memBase: quantityOf(spec?.resources, 'memory') ?? DEFAULT_MEMORY_BYTES,
        load,
        segmentStartMs: startedAt,
        cpuSeconds: 0,
        fsReads: 0,
        fsWrites: 0,
      });
    }
    for (const [name, container] of state.containers) {
      if (!seen.has(name)) {
        this.retireContainer(state.node, container, now);
        state.containers.delete(name);
      }
    }
  }

  /** A pod stopped running: what it used stays in its node's totals. */
  private end(uid: string): void {
    const state = this.running.get(uid);
    if (state === undefined) return;
    const now = this.nowMs();
    for (const container of state.containers.values()) this.retireContainer(state.node, container, now);
    const { rx, tx } = this.podNetwork(state, now);
    const counters = this.retiredOf(state.node);
    counters.rxBytes += rx;
    counters.txBytes += tx;
    this.running.delete(uid);
    this.byNode.get(state.node)?.delete(uid);
  }

  /** The running pods on a node. */
  podsOn(node: string): PodState[] {
    const uids = this.byNode.get(node) ?? new Set<string>();
    return [...uids].map((uid) => this.running.get(uid)).filter((s): s is PodState => s !== undefined);
  }

  private retiredOf(node: string): NodeCounters {
    let counters = this.retired.get(node);
    if (counters === undefined) {
      counters = { cpuSeconds: 0, rxBytes: 0, txBytes: 0 };
      this.retired.set(node, counters);
    }
    return counters;
  }

  private retireContainer(node: string, container: ContainerState, now: number): void {
    this.retiredOf(node).cpuSeconds += this.containerCounters(container, now).cpuSeconds;
  }

  private settleContainer(container: ContainerState, now: number, load: number): void {
    const counters = this.containerCounters(container, now);
    Object.assign(container, { ...counters, segmentStartMs: now, load });
  }

  // ---- what is used ----

  containerUsage(container: ContainerState, now: number): { cpuCores: number; memoryBytes: number } {
    const elapsed = Math.max(0, (now - container.startedMs) / 1000);
    return {
      cpuCores: cpuCores(container.load, container.cpuBase, elapsed),
      memoryBytes: memoryBytes(container.load, container.memBase, elapsed),
    };
  }

  containerCounters(
    container: ContainerState,
    now: number,
  ): { cpuSeconds: number; fsReads: number; fsWrites: number } {
    const from = Math.max(0, (container.segmentStartMs - container.startedMs) / 1000);
    const to = Math.max(from, (now - container.startedMs) / 1000);
    return {
      cpuSeconds: container.cpuSeconds + integrate(container.cpuBase, container.load, from, to, true),
      fsReads: container.fsReads + integrate(FS_READ_BYTES_PER_S, container.load, from, to, false),
      fsWrites: container.fsWrites + integrate(FS_WRITE_BYTES_PER_S, container.load, from, to, false),
    };
  }

  podNetwork(state: PodState, now: number): { rx: number; tx: number } {
    const from = Math.max(0, (state.segmentStartMs - state.startedMs) / 1000);
    const to = Math.max(from, (now - state.startedMs) / 1000);
    return {
      rx: state.rxBytes + integrate(RX_BYTES_PER_S, state.load, from, to, true),
      tx: state.txBytes + integrate(TX_BYTES_PER_S, state.load, from, to, true),
    };
  }

  private nodeElapsed(node: KubeObject, now: number): number {
    return Math.max(0, (now - (ms(node.metadata.creationTimestamp) ?? now)) / 1000);
  }

  /** Usage right now on a node: its running containers plus the node's own overhead. */
  nodeUsage(node: KubeObject, now: number): { cpuCores: number; memoryBytes: number } {
    let cpu = NODE_SYSTEM_CPU_CORES * wobble(this.nodeElapsed(node, now));
    let memory = NODE_SYSTEM_MEMORY_BYTES;
    for (const state of this.podsOn(node.metadata.name ?? '')) {
      for (const container of state.containers.values()) {
        const usage = this.containerUsage(container, now);
        cpu += usage.cpuCores;
        memory += usage.memoryBytes;
      }
    }
    return { cpuCores: cpu, memoryBytes: memory };
  }

  /** Counters since the node started: busy CPU seconds and network bytes. */
  nodeCounters(node: KubeObject, now: number): NodeCounters & { uptimeSeconds: number } {
    const name = node.metadata.name ?? '';
    const uptime = this.nodeElapsed(node, now);
    const retired = this.retired.get(name) ?? { cpuSeconds: 0, rxBytes: 0, txBytes: 0 };
    const totals = {
      cpuSeconds: retired.cpuSeconds + NODE_SYSTEM_CPU_CORES * wobbleIntegral(uptime),
      rxBytes: retired.rxBytes + NODE_RX_BYTES_PER_S * uptime,
      txBytes: retired.txBytes + NODE_TX_BYTES_PER_S * uptime,
      uptimeSeconds: uptime,
    };
    for (const state of this.podsOn(name)) {
      for (const container of state.containers.values())
        totals.cpuSeconds += this.containerCounters(container, now).cpuSeconds;
      const network = this.podNetwork(state, now);
      totals.rxBytes += network.rx;
      totals.txBytes += network.tx;
    }
    return totals;
  }
}
