/**
 * Which cluster IPs (10.96.0.0/12) and node ports (30000–32767) are taken, kept in step with the
 * stored Services through a store subscription — like kube-apiserver's allocators, which live
 * beside the Service storage. An IP or port is taken only once a Service holding it is
 * committed, so a refused or dry-run create never leaks one.
 */
import type { KubeObject } from '../types.ts';
import type { ObjectStore } from '../store/object-store.ts';

export const SERVICE_CIDR = '10.96.0.0/12';
const CIDR_BASE = ipToNumber('10.96.0.0');
const CIDR_SIZE = 2 ** 20;
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export function ipToNumber(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return NaN;
  return (
    (((parts[0] as number) << 24) >>> 0) +
    ((parts[1] as number) << 16) +
    ((parts[2] as number) << 8) +
    (parts[3] as number)
  );
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The IPs and node ports a Service holds. */
export function heldBy(service: KubeObject): { ips: string[]; ports: number[] } {
  const spec = (service.spec ?? {}) as {
    clusterIPs?: string[];
    clusterIP?: string;
    ports?: { nodePort?: number }[];
  };
  const ips = (spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])).filter(
    (ip) => ip !== 'None' && ip !== '',
  );
  const ports = (spec.ports ?? [])
    .map((p) => p.nodePort)
    .filter((p): p is number => typeof p === 'number' && p > 0);
  return { ips, ports };
}

export class ServiceAllocations {
  private readonly ips = new Map<string, string>();
  private readonly ports = new Map<number, string>();
  private readonly held = new Map<string, { ips: string[]; ports: number[] }>();
  private nextIp = 10;
  private nextPort = 0;
  private unsubscribe: (() => void) | undefined;

  /** Follows the Services already stored and every later change. */
  attach(store: ObjectStore, storageKey: string): void {
    for (const service of store.list(storageKey)) this.record(keyOf(service), service);
    this.unsubscribe = store.subscribe({
      storageKey,
      deliver: (event) =>
        this.record(`${event.namespace}/${event.name}`, event.type === 'DELETED' ? undefined : event.object),
    });
  }

  detach(): void {
    this.unsubscribe?.();
  }

  ipOwner(ip: string): string | undefined {
    return this.ips.get(ip);
  }

  portOwner(port: number): string | undefined {
    return this.ports.get(port);
  }

  inRange(ip: string): boolean {
    const n = ipToNumber(ip);
    return n >= CIDR_BASE && n < CIDR_BASE + CIDR_SIZE;
  }

  /** The next free IP after the last one handed out (skipping the network address and .1). */
  freeIp(taken: Set<string>): string | undefined {
    for (let i = 0; i < CIDR_SIZE - 2; i++) {
      const offset = 2 + ((this.nextIp - 2 + i) % (CIDR_SIZE - 2));
      const ip = numberToIp(CIDR_BASE + offset);
      if (!this.ips.has(ip) && !taken.has(ip)) {
        this.nextIp = offset + 1;
        return ip;
      }
    }
    return undefined;
  }

  /** A free node port, spread pseudo-randomly over the range like the real allocator. */
  freePort(taken: Set<number>): number | undefined {
    const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    for (let i = 0; i < size; i++) {
      this.nextPort = (this.nextPort + 7919) % size;
      const port = NODE_PORT_MIN + this.nextPort;
      if (!this.ports.has(port) && !taken.has(port)) return port;
    }
    return undefined;
  }

  private record(key: string, service: KubeObject | undefined): void {
    const before = this.held.get(key);
    for (const ip of before?.ips ?? []) if (this.ips.get(ip) === key) this.ips.delete(ip);
    for (const port of before?.ports ?? []) if (this.ports.get(port) === key) this.ports.delete(port);
    if (service === undefined) {
      this.held.delete(key);
      return;
    }
    const now = heldBy(service);
    this.held.set(key, now);
    for (const ip of now.ips) this.ips.set(ip, key);
    for (const port of now.ports) this.ports.set(port, key);
  }
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}
