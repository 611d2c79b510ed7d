/**
 * What an ingress controller (ingress-nginx behind the LoadBalancer pool) reports: every
 * Ingress of a known IngressClass — named, or the default class when it names none — gets the
 * controller's address in status.loadBalancer.ingress, so `kubectl get ingress` shows an
 * ADDRESS. Ingresses of an unknown class are left alone, as no controller would serve them.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import { WorkQueue } from '../controllers/work-queue.ts';
import { Informer } from '../client/informer.ts';
import { isApiError } from '../api/errors.ts';
import { deepEqual } from '../api/strategy.ts';

/** The address ingress traffic enters through (the first address below the LoadBalancer pool). */
export const INGRESS_ADDRESS = '172.18.255.199';
const DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class';

export class IngressStatusController implements Controller {
  readonly name = 'ingress-status';
  private context: ControllerContext | undefined;
  private ingresses: Informer | undefined;
  private classes: Informer | undefined;
  private readonly queue = new WorkQueue<string>((key) => this.syncOrRetry(key));

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    this.ingresses = new Informer(context.client, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' });
    this.classes = new Informer(context.client, { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass' });
    const enqueue = (ingress: KubeObject): void =>
      this.queue.add(`${ingress.metadata.namespace ?? ''}/${ingress.metadata.name ?? ''}`);
    const everything = (): void => {
      for (const ingress of this.ingresses?.list() ?? []) enqueue(ingress);
    };
    this.ingresses.on({ add: enqueue, update: enqueue });
    this.classes.on({ add: everything, update: everything, delete: everything });
    await this.classes.start();
    await this.ingresses.start();
  }

  stop(): void {
    this.queue.stop();
    this.ingresses?.stop();
    this.classes?.stop();
  }

  private served(ingress: KubeObject): boolean {
    const className =
      (ingress.spec as { ingressClassName?: string } | undefined)?.ingressClassName ??
      ingress.metadata.annotations?.['kubernetes.io/ingress.class'];
    const classes = this.classes?.list() ?? [];
    if (className === undefined)
      return classes.some((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true');
    return classes.some((c) => c.metadata.name === className);
  }

  private async syncOrRetry(key: string): Promise<void> {
    try {
      await this.sync(key);
    } catch (err) {
      if (!(isApiError(err) && (err.code === 409 || err.code === 404))) throw err;
      setTimeout(() => this.queue.add(key), 10).unref();
    }
  }

  private async sync(key: string): Promise<void> {
    const slash = key.indexOf('/');
    const ingress = this.ingresses?.get(key.slice(0, slash), key.slice(slash + 1));
    if (ingress === undefined) return;
    const loadBalancer = this.served(ingress) ? { ingress: [{ ip: INGRESS_ADDRESS }] } : {};
    const status = (ingress.status ?? {}) as { loadBalancer?: unknown };
    if (deepEqual(status.loadBalancer ?? {}, loadBalancer)) return;
    const updated = structuredClone(ingress);
    updated.status = { ...status, loadBalancer };
    await (this.context as ControllerContext).client.updateStatus(updated);
  }
}
