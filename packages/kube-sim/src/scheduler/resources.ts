/**
 * Resource arithmetic as the scheduler does it: cpu in millicores, memory and storage in bytes,
 * extended resources (nvidia.com/gpu) as integers. A pod's request is the larger of the sum of
 * its app containers (plus restartable init containers, which keep running) and the largest
 * single init container, plus the pod overhead — the "init containers' max rule".
 */
import type { KubeObject } from '../types.ts';
import { parseQuantity } from '../validation/quantity.ts';

/** Resource name → amount (cpu in millicores). */
export type ResourceList = Map<string, number>;

interface ContainerSpec {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

export interface PodSpecLike {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  overhead?: Record<string, unknown>;
}

/** Amount of `name` in scheduler units. */
export function amount(name: string, quantity: unknown): number {
  const value = parseQuantity(quantity) ?? 0;
  if (name === 'cpu') return Math.ceil(value * 1000 - 1e-9);
  return Math.ceil(value - 1e-9);
}

function requestsOf(container: ContainerSpec): ResourceList {
  const out: ResourceList = new Map();
  const requests = container.resources?.requests ?? {};
  const limits = container.resources?.limits ?? {};
  for (const name of new Set([...Object.keys(requests), ...Object.keys(limits)])) {
    // A limit without a request is also the request (the API defaults it; be safe).
    const quantity = requests[name] ?? limits[name];
    out.set(name, amount(name, quantity));
  }
  return out;
}

function addInto(target: ResourceList, add: ResourceList): void {
  for (const [name, value] of add) target.set(name, (target.get(name) ?? 0) + value);
}

function maxInto(target: ResourceList, other: ResourceList): void {
  for (const [name, value] of other) target.set(name, Math.max(target.get(name) ?? 0, value));
}

export function podRequests(pod: KubeObject): ResourceList {
  const spec = (pod.spec ?? {}) as PodSpecLike;
  const total: ResourceList = new Map();
  for (const container of spec.containers ?? []) addInto(total, requestsOf(container));
  // Restartable (sidecar) init containers run for the pod's life: they add up; a regular init
  // container runs alone, after the sidecars started before it.
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const init of spec.initContainers ?? []) {
    const own = requestsOf(init);
    if (init.restartPolicy === 'Always') {
      addInto(sidecars, own);
      addInto(total, own);
    } else {
      const during: ResourceList = new Map(sidecars);
      addInto(during, own);
      maxInto(initMax, during);
    }
  }
  maxInto(total, initMax);
  if (spec.overhead !== undefined) {
    for (const [name, quantity] of Object.entries(spec.overhead)) {
      total.set(name, (total.get(name) ?? 0) + amount(name, quantity));
    }
  }
  return total;
}

export function resourceList(record: Record<string, unknown> | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, quantity] of Object.entries(record ?? {})) out.set(name, amount(name, quantity));
  return out;
}

/** Resources the scheduler checks; hugepages and unknown prefixes are skipped like kube's ignore rules. */
export function isScheduledResource(name: string): boolean {
  return (
    name === 'cpu' ||
    name === 'memory' ||
    name === 'ephemeral-storage' ||
    (name.includes('/') && !name.startsWith('kubernetes.io/') && !name.startsWith('requests.'))
  );
}
