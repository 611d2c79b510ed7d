/**
 * The scheduler's view of the cluster: one NodeInfo per node with the summed requests of the
 * pods assigned to it, kept up to date incrementally from pod and node events (and from the
 * scheduler's own bindings, "assumed" before the watch confirms them). No decision scans pods.
 */
import type { KubeObject } from '../types.ts';
import type { NodeInfo, Taint } from './filters.ts';
import { nonZeroCpu, nonZeroMemory } from './filters.ts';
import { podRequests, resourceList, type ResourceList } from './resources.ts';

interface Accounted {
  node: string;
  uid: string;
  requests: ResourceList;
}

export function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

function isTerminal(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  /** Node names in a stable order, for the round-robin start of each search. */
  private order: string[] = [];
  private readonly accounted = new Map<string, Accounted>();
  /** Pods seen before their node: accounted once the node appears. */
  private readonly orphans = new Map<string, Accounted>();
  private readonly requestCache = new Map<string, { uid: string; requests: ResourceList }>();

  get nodeCount(): number {
    return this.order.length;
  }

  nodeAt(index: number): NodeInfo {
    return this.nodes.get(this.order[index] as string) as NodeInfo;
  }

  node(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  /** The requests of a pod, computed once per pod incarnation. */
  requestsOf(pod: KubeObject): ResourceList {
    const key = podKey(pod);
    const uid = pod.metadata.uid ?? '';
    const cached = this.requestCache.get(key);
    if (cached !== undefined && cached.uid === uid) return cached.requests;
    const requests = podRequests(pod);
    this.requestCache.set(key, { uid, requests });
    return requests;
  }

  forget(pod: KubeObject): void {
    this.requestCache.delete(podKey(pod));
  }

  /** Adds or replaces a node; returns true when something the filters look at changed. */
  upsertNode(node: KubeObject): boolean {
    const name = node.metadata.name ?? '';
    const spec = (node.spec ?? {}) as { taints?: Taint[]; unschedulable?: boolean };
    const status = (node.status ?? {}) as { allocatable?: Record<string, unknown> };
    const previous = this.nodes.get(name);
    const info: NodeInfo = {
      name,
      labels: node.metadata.labels ?? {},
      taints: spec.taints ?? [],
      unschedulable: spec.unschedulable === true,
      allocatable: resourceList(status.allocatable),
      requested: previous?.requested ?? new Map(),
      nonZeroCpu: previous?.nonZeroCpu ?? 0,
      nonZeroMemory: previous?.nonZeroMemory ?? 0,
      podCount: previous?.podCount ?? 0,
    };
    this.nodes.set(name, info);
    if (previous === undefined) {
      this.order.push(name);
      for (const [key, entry] of this.orphans) {
        if (entry.node !== name) continue;
        this.orphans.delete(key);
        this.accounted.set(key, entry);
        this.apply(info, entry.requests, 1);
      }
      return true;
    }
    return schedulingSignature(previous) !== schedulingSignature(info);
  }

  removeNode(name: string): void {
    if (!this.nodes.delete(name)) return;
    this.order = this.order.filter((n) => n !== name);
    for (const [key, entry] of this.accounted) {
      if (entry.node !== name) continue;
      this.accounted.delete(key);
      this.orphans.set(key, entry);
    }
  }

  /**
   * Brings a pod's accounting in line with its state: counted on its node while assigned and
   * not terminal. Returns true when resources were released.
   */
  syncPod(pod: KubeObject): boolean {
    const key = podKey(pod);
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const current = this.accounted.get(key) ?? this.orphans.get(key);
    const wanted = nodeName !== undefined && nodeName !== '' && !isTerminal(pod);
    if (current !== undefined && (!wanted || current.node !== nodeName || current.uid !== pod.metadata.uid)) {
      this.release(key);
      if (!wanted) return true;
    } else if (current !== undefined) {
      return false;
    }
    if (!wanted) return false;
    this.assume(pod, nodeName);
    return false;
  }

  /** Counts a pod on a node (after binding it, before the watch says so). */
  assume(pod: KubeObject, nodeName: string): void {
    const key = podKey(pod);
    if (this.accounted.has(key) || this.orphans.has(key)) return;
    const entry: Accounted = { node: nodeName, uid: pod.metadata.uid ?? '', requests: this.requestsOf(pod) };
    const info = this.nodes.get(nodeName);
    if (info === undefined) {
      this.orphans.set(key, entry);
      return;
    }
    this.accounted.set(key, entry);
    this.apply(info, entry.requests, 1);
  }

  /** Forgets a deleted pod; returns true when it held resources. */
  release(key: string): boolean {
    const entry = this.accounted.get(key);
    if (entry === undefined) return this.orphans.delete(key);
    this.accounted.delete(key);
    const info = this.nodes.get(entry.node);
    if (info !== undefined) this.apply(info, entry.requests, -1);
    return true;
  }

  private apply(info: NodeInfo, requests: ResourceList, sign: 1 | -1): void {
    for (const [name, value] of requests)
      info.requested.set(name, (info.requested.get(name) ?? 0) + sign * value);
    info.nonZeroCpu += sign * nonZeroCpu(requests);
    info.nonZeroMemory += sign * nonZeroMemory(requests);
    info.podCount += sign;
  }
}

function schedulingSignature(info: NodeInfo): string {
  return JSON.stringify([
    info.labels,
    info.taints.map((t) => [t.key, t.value, t.effect]),
    info.unschedulable,
    [...info.allocatable],
  ]);
}
