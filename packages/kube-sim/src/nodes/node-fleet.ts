/**
 * What the node agents know about each node: its address, pod CIDR, the images pulled onto it,
 * and whether its kubelet is alive (a fault can stop it). Fed by a Node informer; shared by the
 * heartbeat controller, the kubelet and the pod IO handler.
 */
import type { KubeObject } from '../types.ts';
import { imageSize, normalizeImage } from '../kubelet/images.ts';

export interface NodeAgent {
  name: string;
  hostIP: string;
  podCIDR: string;
  /** normalized image → size; the order images were pulled in. */
  images: Map<string, number>;
  /** The kubelet runs (heartbeats, posts status). False while a fault holds it down. */
  up: boolean;
  /** Images changed since the last node status post. */
  imagesDirty: boolean;
}

type Listener = (agent: NodeAgent, change: 'added' | 'up' | 'down' | 'removed') => void;

export class NodeFleet {
  private readonly agents = new Map<string, NodeAgent>();
  private readonly listeners = new Set<Listener>();
  /** Nodes held down before they appeared (a fault set at start-up). */
  private readonly heldDown = new Set<string>();

  get(name: string): NodeAgent | undefined {
    return this.agents.get(name);
  }

  all(): NodeAgent[] {
    return [...this.agents.values()];
  }

  get size(): number {
    return this.agents.size;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  upsert(node: KubeObject): NodeAgent {
    const name = node.metadata.name ?? '';
    const status = (node.status ?? {}) as {
      addresses?: { type: string; address: string }[];
      images?: { names?: string[]; sizeBytes?: number }[];
    };
    const spec = (node.spec ?? {}) as { podCIDR?: string };
    const hostIP = status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    const existing = this.agents.get(name);
    if (existing !== undefined) {
      existing.hostIP = hostIP || existing.hostIP;
      existing.podCIDR = spec.podCIDR ?? existing.podCIDR;
      return existing;
    }
    const images = new Map<string, number>();
    for (const image of status.images ?? []) {
      const named = image.names?.find((n) => !n.includes('@'));
      if (named !== undefined) images.set(named, image.sizeBytes ?? 0);
    }
    const agent: NodeAgent = {
      name,
      hostIP,
      podCIDR: spec.podCIDR ?? '',
      images,
      up: !this.heldDown.has(name),
      imagesDirty: false,
    };
    this.agents.set(name, agent);
    this.emit(agent, 'added');
    return agent;
  }

  remove(name: string): void {
    const agent = this.agents.get(name);
    if (agent === undefined) return;
    this.agents.delete(name);
    this.emit(agent, 'removed');
  }

  /** Stops (false) or restarts (true) a node's kubelet. */
  setUp(name: string, up: boolean): void {
    if (up) this.heldDown.delete(name);
    else this.heldDown.add(name);
    const agent = this.agents.get(name);
    if (agent === undefined || agent.up === up) return;
    agent.up = up;
    this.emit(agent, up ? 'up' : 'down');
  }

  isUp(name: string): boolean {
    return this.agents.get(name)?.up === true;
  }

  hasImage(name: string, image: string): boolean {
    return this.agents.get(name)?.images.has(normalizeImage(image)) === true;
  }

  addImage(name: string, image: string): void {
    const agent = this.agents.get(name);
    const normalized = normalizeImage(image);
    if (agent === undefined || agent.images.has(normalized)) return;
    agent.images.set(normalized, imageSize(image));
    agent.imagesDirty = true;
  }

  private emit(agent: NodeAgent, change: 'added' | 'up' | 'down' | 'removed'): void {
    for (const listener of this.listeners) listener(agent, change);
  }
}
