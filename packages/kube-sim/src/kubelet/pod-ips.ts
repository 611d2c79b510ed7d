/** Pod IPs from each node's pod CIDR (10.244.N.0/24 → .2 … .254), reused after a pod goes. */

export class PodIPAllocator {
  private readonly byNode = new Map<
    string,
    { used: Set<number>; byPod: Map<string, number>; next: number }
  >();

  allocate(nodeName: string, podCIDR: string, podKey: string): string {
    const base = /^(\d+\.\d+\.\d+)\.0\/24$/.exec(podCIDR)?.[1] ?? '10.244.0';
    let node = this.byNode.get(nodeName);
    if (node === undefined) {
      node = { used: new Set(), byPod: new Map(), next: 2 };
      this.byNode.set(nodeName, node);
    }
    const existing = node.byPod.get(podKey);
    if (existing !== undefined) return `${base}.${existing}`;
    // Round-robin like host-local IPAM, so a fresh pod rarely gets the IP that just went away.
    for (let tries = 0; tries < 253; tries++) {
      const host = node.next;
      node.next = node.next >= 254 ? 2 : node.next + 1;
      if (node.used.has(host)) continue;
      node.used.add(host);
      node.byPod.set(podKey, host);
      return `${base}.${host}`;
    }
    return `${base}.254`;
  }

  release(nodeName: string, podKey: string): void {
    const node = this.byNode.get(nodeName);
    const host = node?.byPod.get(podKey);
    if (node === undefined || host === undefined) return;
    node.byPod.delete(podKey);
    node.used.delete(host);
  }

  /** Marks an IP a running pod already has (adopted after a restart of the simulation). */
  reserve(nodeName: string, podKey: string, ip: string): void {
    const host = Number(ip.split('.').pop());
    let node = this.byNode.get(nodeName);
    if (node === undefined) {
      node = { used: new Set(), byPod: new Map(), next: 2 };
      this.byNode.set(nodeName, node);
    }
    if (!Number.isInteger(host)) return;
    node.used.add(host);
    node.byPod.set(podKey, host);
  }
}
