/**
 * A load-balancer provider for LoadBalancer Services, as a cloud controller (or MetalLB on a
 * kind cluster) would run: shortly after a Service becomes type LoadBalancer it gets an
 * address from the pool in status.loadBalancer.ingress (until then kubectl shows <pending>),
 * with EnsuringLoadBalancer/EnsuredLoadBalancer events; a Service leaving the type gives its
 * address back.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import { WorkQueue } from '../controllers/work-queue.ts';
import { Informer } from '../client/informer.ts';
import type { EventRecorder } from '../client/event-recorder.ts';
import { ClusterTimers } from '../nodes/cluster-timers.ts';
import { isApiError } from '../api/errors.ts';
import { ipToNumber, numberToIp } from './service-allocations.ts';

/** Like MetalLB's usual range on kind's docker network. */
export const LOAD_BALANCER_POOL = { first: '172.18.255.200', last: '172.18.255.250' };
/** Cluster time a provider takes to set up a load balancer. */
export const PROVISIONING_DELAY_MS = 2_000;

function ingressIp(service: KubeObject): string | undefined {
  const status = (service.status ?? {}) as { loadBalancer?: { ingress?: { ip?: string }[] } };
  return status.loadBalancer?.ingress?.[0]?.ip;
}

function isLoadBalancer(service: KubeObject): boolean {
  return (service.spec as { type?: string } | undefined)?.type === 'LoadBalancer';
}

export class LoadBalancerController implements Controller {
  readonly name = 'service-lb-controller';
  private context: ControllerContext | undefined;
  private services: Informer | undefined;
  private timers: ClusterTimers | undefined;
  private events: EventRecorder | undefined;
  private readonly pending = new Set<string>();
  private readonly queue = new WorkQueue<string>((key) => this.sync(key));

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    this.timers = new ClusterTimers(context.clock);
    this.events = context.eventRecorder({ component: 'service-controller' });
    const services = new Informer(context.client, { apiVersion: 'v1', kind: 'Service' });
    this.services = services;
    const changed = (service: KubeObject): void => {
      const key = `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
      const wants = isLoadBalancer(service);
      const has = ingressIp(service) !== undefined;
      if (wants && !has && !this.pending.has(key)) {
        this.pending.add(key);
        void this.events?.event(service, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
        this.timers?.after(PROVISIONING_DELAY_MS, () => this.queue.add(key));
      } else if (!wants && has) {
        this.queue.add(key);
      }
    };
    services.on({ add: changed, update: changed });
    await services.start();
  }

  stop(): void {
    this.queue.stop();
    this.timers?.stop();
    this.services?.stop();
  }

  private freeIp(): string | undefined {
    const used = new Set((this.services?.list() ?? []).map(ingressIp).filter((ip) => ip !== undefined));
    for (let n = ipToNumber(LOAD_BALANCER_POOL.first); n <= ipToNumber(LOAD_BALANCER_POOL.last); n++) {
      const ip = numberToIp(n);
      if (!used.has(ip)) return ip;
    }
    return undefined;
  }

  private async sync(key: string): Promise<void> {
    const { client } = this.context as ControllerContext;
    this.pending.delete(key);
    const slash = key.indexOf('/');
    const service = await client.tryGet({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: key.slice(0, slash),
      name: key.slice(slash + 1),
    });
    if (service === undefined) return;
    const updated = structuredClone(service);
    if (isLoadBalancer(service)) {
      if (ingressIp(service) !== undefined) return;
      const ip = this.freeIp();
      if (ip === undefined) {
        void this.events?.event(
          service,
          'Warning',
          'SyncLoadBalancerFailed',
          'Error syncing load balancer: failed to ensure load balancer: no available IPs in the address pool',
        );
        return;
      }
      updated.status = { ...(service.status as object), loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
    } else {
      updated.status = { ...(service.status as object), loadBalancer: {} };
    }
    try {
      await client.updateStatus(updated);
    } catch (err) {
      if (isApiError(err) && err.code === 409) {
        this.queue.add(key);
        return;
      }
      throw err;
    }
    if (isLoadBalancer(service))
      void this.events?.event(service, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
    else void this.events?.event(service, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
  }
}
