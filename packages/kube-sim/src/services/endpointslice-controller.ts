/**
 * The endpointslice controller (pkg/controller/endpointslice): EndpointSlices for every Service
 * with a selector — at most 100 endpoints each, one set per distinct port list — labelled
 * `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by`, owned by the
 * Service, each endpoint with ready/serving/terminating conditions, a targetRef, node and zone.
 * Also publishes the `kubernetes` Service's slice, as the API server's endpoint reconciler does.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import { WorkQueue } from '../controllers/work-queue.ts';
import { isApiError } from '../api/errors.ts';
import { timestamp } from '../api/request-context.ts';
import { deepEqual } from '../api/strategy.ts';
import { podEndpoints, targetRef, type EndpointPort } from './pod-endpoints.ts';
import { ServicePodIndex, selectorOf } from './service-pod-index.ts';

export const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const SERVICE_NAME = 'kubernetes.io/service-name';
const MAX_ENDPOINTS = 100;
const SLICE_REF = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' };

interface DesiredSlice {
  ports: EndpointPort[];
  endpoints: Record<string, unknown>[];
}

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice';
  private context: ControllerContext | undefined;
  private index: ServicePodIndex | undefined;
  private readonly queue = new WorkQueue<string>((key) => this.syncOrRetry(key));

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    this.index = new ServicePodIndex(context.client, (key) => this.queue.add(key));
    await this.index.start();
    await this.publishKubernetesSlice();
  }

  stop(): void {
    this.queue.stop();
    this.index?.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private desired(service: KubeObject, selector: Record<string, string>): DesiredSlice[] {
    const namespace = service.metadata.namespace ?? '';
    const slices: DesiredSlice[] = [];
    const open = new Map<string, DesiredSlice>();
    for (const endpoint of podEndpoints(service, this.index?.selectedPods(namespace, selector) ?? [], true)) {
      const key = JSON.stringify(endpoint.ports);
      let slice = open.get(key);
      if (slice === undefined || slice.endpoints.length >= MAX_ENDPOINTS) {
        slice = { ports: endpoint.ports, endpoints: [] };
        open.set(key, slice);
        slices.push(slice);
      }
      const entry: Record<string, unknown> = {
        addresses: [endpoint.ip],
        conditions: {
          ready: endpoint.ready && !endpoint.terminating,
          serving: endpoint.ready,
          terminating: endpoint.terminating,
        },
        targetRef: targetRef(endpoint.pod),
      };
      if (endpoint.nodeName !== undefined) entry.nodeName = endpoint.nodeName;
      const zone = this.index?.zoneOf(endpoint.nodeName);
      if (zone !== undefined) entry.zone = zone;
      slice.endpoints.push(entry);
    }
    return slices;
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
    const { client } = this.context as ControllerContext;
    const slash = key.indexOf('/');
    const namespace = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const service = this.index?.service(key);
    const selector = service === undefined ? undefined : selectorOf(service);
    const existing = (
      await client.list(SLICE_REF, {
        namespace,
        labelSelector: `${SERVICE_NAME}=${name},${MANAGED_BY}=${CONTROLLER_NAME}`,
      })
    ).items;
    const desired = service === undefined || selector === undefined ? [] : this.desired(service, selector);
    // A Service with a selector always has at least one (possibly empty) slice.
    if (service !== undefined && selector !== undefined && desired.length === 0)
      desired.push({ ports: [], endpoints: [] });
    const unused = [...existing];
    for (const slice of desired) {
      const match = unused.findIndex((s) => deepEqual(s.ports ?? [], slice.ports));
      const current = match >= 0 ? unused.splice(match, 1)[0] : unused.shift();
      await this.write(service as KubeObject, slice, current);
    }
    for (const extra of unused) {
      try {
        await client.delete({ ...SLICE_REF, namespace, name: extra.metadata.name ?? '' });
      } catch (err) {
        if (!(isApiError(err) && err.code === 404)) throw err;
      }
    }
  }

  private async write(
    service: KubeObject,
    slice: DesiredSlice,
    current: KubeObject | undefined,
  ): Promise<void> {
    const { client, clock } = this.context as ControllerContext;
    const serviceName = service.metadata.name ?? '';
    const labels: Record<string, string> = {
      ...(service.metadata.labels ?? {}),
      [SERVICE_NAME]: serviceName,
      [MANAGED_BY]: CONTROLLER_NAME,
    };
    if (
      current !== undefined &&
      deepEqual(current.endpoints ?? [], slice.endpoints) &&
      deepEqual(current.ports ?? [], slice.ports) &&
      deepEqual(current.metadata.labels, labels)
    ) {
      return;
    }
    const annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': timestamp(clock.now()) };
    if (current === undefined) {
      await client.create({
        ...SLICE_REF,
        metadata: {
          generateName: `${serviceName}-`,
          namespace: service.metadata.namespace ?? '',
          labels,
          annotations,
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              name: serviceName,
              uid: service.metadata.uid ?? '',
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        addressType: 'IPv4',
        endpoints: slice.endpoints,
        ports: slice.ports,
      });
      return;
    }
    const updated = structuredClone(current);
    updated.metadata.labels = labels;
    updated.metadata.annotations = { ...(current.metadata.annotations ?? {}), ...annotations };
    updated.endpoints = slice.endpoints;
    updated.ports = slice.ports;
    await client.update(updated);
  }

  /** The API server's own slice for `kubernetes`, mirroring its Endpoints. */
  private async publishKubernetesSlice(): Promise<void> {
    const { client } = this.context as ControllerContext;
    const ref = { ...SLICE_REF, namespace: 'default', name: 'kubernetes' };
    const endpoints = await client.tryGet({
      apiVersion: 'v1',
      kind: 'Endpoints',
      namespace: 'default',
      name: 'kubernetes',
    });
    if (endpoints === undefined || (await client.tryGet(ref)) !== undefined) return;
    const subset = (
      (endpoints.subsets ?? []) as { addresses?: { ip: string }[]; ports?: EndpointPort[] }[]
    )[0];
    await client.create({
      ...SLICE_REF,
      metadata: { name: 'kubernetes', namespace: 'default', labels: { [SERVICE_NAME]: 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: (subset?.addresses ?? []).map((a) => ({ addresses: [a.ip], conditions: { ready: true } })),
      ports: subset?.ports ?? [],
    });
  }
}
