/**
 * The view the endpoint controllers share: Services and the pods of their namespaces (indexed
 * by namespace, so a sync reads only its own namespace even with 30,000 pods), node zones, and
 * which Services a pod change concerns.
 */
import type { KubeObject } from '../types.ts';
import type { InternalClient } from '../client/internal-client.ts';
import { Informer } from '../client/informer.ts';

export type ServiceKey = string;

export function selectorOf(service: KubeObject): Record<string, string> | undefined {
  const spec = (service.spec ?? {}) as { selector?: Record<string, string>; type?: string };
  if (spec.type === 'ExternalName' || spec.selector === undefined || Object.keys(spec.selector).length === 0)
    return undefined;
  return spec.selector;
}

export function selects(selector: Record<string, string>, pod: KubeObject): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export class ServicePodIndex {
  private readonly services: Informer;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly podsByNamespace = new Map<string, Map<string, KubeObject>>();
  private readonly servicesByNamespace = new Map<string, Map<string, KubeObject>>();

  constructor(client: InternalClient, onService: (key: ServiceKey) => void) {
    this.services = new Informer(client, { apiVersion: 'v1', kind: 'Service' });
    this.pods = new Informer(client, { apiVersion: 'v1', kind: 'Pod' });
    this.nodes = new Informer(client, { apiVersion: 'v1', kind: 'Node' });
    const keyOf = (o: KubeObject): ServiceKey => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
    this.services.on({
      add: (s) => {
        this.put(this.servicesByNamespace, s);
        onService(keyOf(s));
      },
      update: (s) => {
        this.put(this.servicesByNamespace, s);
        onService(keyOf(s));
      },
      delete: (s) => {
        this.drop(this.servicesByNamespace, s);
        onService(keyOf(s));
      },
    });
    const podChanged = (pod: KubeObject, old?: KubeObject): void => {
      for (const service of this.servicesByNamespace.get(pod.metadata.namespace ?? '')?.values() ?? []) {
        const selector = selectorOf(service);
        if (selector === undefined) continue;
        if (selects(selector, pod) || (old !== undefined && selects(selector, old)))
          onService(keyOf(service));
      }
    };
    this.pods.on({
      add: (pod) => {
        this.put(this.podsByNamespace, pod);
        podChanged(pod);
      },
      update: (pod, old) => {
        this.put(this.podsByNamespace, pod);
        podChanged(pod, old);
      },
      delete: (pod) => {
        this.drop(this.podsByNamespace, pod);
        podChanged(pod);
      },
    });
  }

  async start(): Promise<void> {
    await this.nodes.start();
    await this.pods.start();
    await this.services.start();
  }

  stop(): void {
    this.services.stop();
    this.pods.stop();
    this.nodes.stop();
  }

  service(key: ServiceKey): KubeObject | undefined {
    const slash = key.indexOf('/');
    return this.servicesByNamespace.get(key.slice(0, slash))?.get(key.slice(slash + 1));
  }

  /** Pods of the namespace the selector matches. */
  selectedPods(namespace: string, selector: Record<string, string>): KubeObject[] {
    return [...(this.podsByNamespace.get(namespace)?.values() ?? [])].filter((pod) => selects(selector, pod));
  }

  zoneOf(nodeName: string | undefined): string | undefined {
    if (nodeName === undefined) return undefined;
    return this.nodes.get('', nodeName)?.metadata.labels?.['topology.kubernetes.io/zone'];
  }

  private put(index: Map<string, Map<string, KubeObject>>, object: KubeObject): void {
    const namespace = object.metadata.namespace ?? '';
    let byName = index.get(namespace);
    if (byName === undefined) {
      byName = new Map();
      index.set(namespace, byName);
    }
    byName.set(object.metadata.name ?? '', object);
  }

  private drop(index: Map<string, Map<string, KubeObject>>, object: KubeObject): void {
    const namespace = object.metadata.namespace ?? '';
    const byName = index.get(namespace);
    byName?.delete(object.metadata.name ?? '');
    if (byName?.size === 0) index.delete(namespace);
  }
}
