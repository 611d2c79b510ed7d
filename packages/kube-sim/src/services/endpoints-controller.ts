/**
 * The endpoints controller (pkg/controller/endpoint): keeps one Endpoints object per Service
 * with a selector, listing the selected pods' IPs — ready pods under `addresses`, the others
 * under `notReadyAddresses` (all under addresses with publishNotReadyAddresses) — with their
 * node, a targetRef, and the service ports resolved against each pod (named ports by name).
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import { WorkQueue } from '../controllers/work-queue.ts';
import { isApiError } from '../api/errors.ts';
import { timestamp } from '../api/request-context.ts';
import { deepEqual } from '../api/strategy.ts';
import { podEndpoints, targetRef, type EndpointPort } from './pod-endpoints.ts';
import { ServicePodIndex, selectorOf } from './service-pod-index.ts';

interface Subset {
  addresses?: Record<string, unknown>[];
  notReadyAddresses?: Record<string, unknown>[];
  ports: EndpointPort[];
}

export function endpointSubsets(service: KubeObject, pods: KubeObject[]): Subset[] {
  const publishNotReady =
    (service.spec as { publishNotReadyAddresses?: boolean }).publishNotReadyAddresses === true;
  const byPorts = new Map<string, Subset>();
  for (const endpoint of podEndpoints(service, pods, publishNotReady)) {
    if (endpoint.ports.length === 0 && ((service.spec as { ports?: unknown[] }).ports ?? []).length > 0)
      continue;
    const key = JSON.stringify(endpoint.ports);
    let subset = byPorts.get(key);
    if (subset === undefined) {
      subset = { ports: endpoint.ports };
      byPorts.set(key, subset);
    }
    const address: Record<string, unknown> = { ip: endpoint.ip };
    if (endpoint.nodeName !== undefined) address.nodeName = endpoint.nodeName;
    address.targetRef = targetRef(endpoint.pod);
    if (endpoint.ready || publishNotReady) (subset.addresses ??= []).push(address);
    else (subset.notReadyAddresses ??= []).push(address);
  }
  return [...byPorts.values()].map((s) => ({
    ...(s.addresses === undefined ? {} : { addresses: s.addresses }),
    ...(s.notReadyAddresses === undefined ? {} : { notReadyAddresses: s.notReadyAddresses }),
    ports: s.ports,
  }));
}

export class EndpointsController implements Controller {
  readonly name = 'endpoint';
  private context: ControllerContext | undefined;
  private index: ServicePodIndex | undefined;
  private readonly queue = new WorkQueue<string>((key) => this.syncOrRetry(key));

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    this.index = new ServicePodIndex(context.client, (key) => this.queue.add(key));
    await this.index.start();
  }

  stop(): void {
    this.queue.stop();
    this.index?.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** A conflict means our view was stale: the informer brings the newer object, then retry. */
  private async syncOrRetry(key: string): Promise<void> {
    try {
      await this.sync(key);
    } catch (err) {
      if (!(isApiError(err) && (err.code === 409 || err.code === 404))) throw err;
      setTimeout(() => this.queue.add(key), 10).unref();
    }
  }

  private async sync(key: string): Promise<void> {
    const { client, clock } = this.context as ControllerContext;
    const slash = key.indexOf('/');
    const ref = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      namespace: key.slice(0, slash),
      name: key.slice(slash + 1),
    };
    const service = this.index?.service(key);
    const selector = service === undefined ? undefined : selectorOf(service);
    const existing = await client.tryGet(ref);
    if (service === undefined || selector === undefined) {
      // Endpoints of selector-less Services belong to whoever wrote them.
      if (service === undefined && existing !== undefined) await this.ignoreNotFound(client.delete(ref));
      return;
    }
    const subsets = endpointSubsets(service, this.index?.selectedPods(ref.namespace, selector) ?? []);
    const labels = { ...(service.metadata.labels ?? {}) };
    if (
      existing !== undefined &&
      deepEqual(existing.subsets ?? [], subsets) &&
      deepEqual(existing.metadata.labels ?? {}, labels)
    )
      return;
    const annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': timestamp(clock.now()) };
    if (existing === undefined) {
      await client.create({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: ref.name, namespace: ref.namespace, labels, annotations },
        ...(subsets.length > 0 ? { subsets } : {}),
      });
      return;
    }
    const updated = structuredClone(existing);
    updated.metadata.labels = labels;
    updated.metadata.annotations = { ...(existing.metadata.annotations ?? {}), ...annotations };
    if (subsets.length > 0) updated.subsets = subsets;
    else delete updated.subsets;
    await client.update(updated);
  }

  private async ignoreNotFound(promise: Promise<unknown>): Promise<void> {
    try {
      await promise;
    } catch (err) {
      if (!(isApiError(err) && err.code === 404)) throw err;
    }
  }
}
