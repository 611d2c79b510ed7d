/**
 * Namespaces: every active namespace gets the `default` ServiceAccount and the
 * `kube-root-ca.crt` ConfigMap (the serviceaccount and root-ca-cert-publisher controllers); a
 * namespace being deleted has all its content deleted, and once nothing is left its
 * `kubernetes` finalizer is removed through namespaces/finalize, which completes the deletion.
 */
import type { KubeObject } from '../types.ts';
import type { ChangeEvent } from '../store/watch-history.ts';
import { isApiError } from '../api/errors.ts';
import { defaultListOptions } from '../api/list-options.ts';
import { CONTROLLER_USER, newContext } from '../api/request-context.ts';
import type { ResourceApi } from '../api/resource-api.ts';
import type { WriteArgs } from '../api/writes.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { WorkQueue } from './work-queue.ts';

const NAMESPACES = '/namespaces';
const KUBERNETES_FINALIZER = 'kubernetes';

export class NamespaceController implements Controller {
  readonly name = 'namespace';
  private readonly caPem: string;
  private api: ResourceApi | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly queue = new WorkQueue<string>((name) => this.sync(name));

  constructor(caPem: string) {
    this.caPem = caPem;
  }

  start(context: ControllerContext): void {
    this.api = context.api;
    const { store } = context.api.deps;
    for (const ns of store.list(NAMESPACES)) this.queue.add(ns.metadata.name ?? '');
    this.unsubscribe = store.subscribe({ storageKey: '*', deliver: (event) => this.observe(event) });
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private observe(event: ChangeEvent): void {
    if (event.storageKey === NAMESPACES) {
      if (event.type !== 'DELETED') this.queue.add(event.name);
      return;
    }
    // Content of a terminating namespace changed: maybe it is empty now.
    if (event.namespace === '' || event.type === 'ADDED') return;
    const ns = this.requireApi().deps.store.get(NAMESPACES, '', event.namespace);
    if (ns?.metadata.deletionTimestamp !== undefined) this.queue.add(event.namespace);
    else if (
      event.type === 'DELETED' &&
      (event.storageKey === '/serviceaccounts' || event.storageKey === '/configmaps')
    ) {
      this.queue.add(event.namespace);
    }
  }

  private sync(name: string): void {
    const api = this.requireApi();
    const ns = api.deps.store.get(NAMESPACES, '', name);
    if (ns === undefined) return;
    if (ns.metadata.deletionTimestamp === undefined) this.ensureDefaults(name);
    else this.finalize(ns);
  }

  private ensureDefaults(namespace: string): void {
    const api = this.requireApi();
    const sa = api.kind('', 'v1', 'serviceaccounts');
    if (api.deps.store.get(sa.storageKey, namespace, 'default') === undefined) {
      this.tolerate(() =>
        api.create(
          sa,
          namespace,
          { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } },
          this.args('serviceaccount-controller'),
        ),
      );
    }
    const cm = api.kind('', 'v1', 'configmaps');
    const existing = api.deps.store.get(cm.storageKey, namespace, 'kube-root-ca.crt');
    if (existing === undefined) {
      const configMap: KubeObject = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'kube-root-ca.crt',
          namespace,
          annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION },
        },
        data: { 'ca.crt': this.caPem },
      };
      this.tolerate(() => api.create(cm, namespace, configMap, this.args('root-ca-cert-publisher')));
    }
  }

  /** Deletes the namespace's content; removes the finalizer once it is all gone. */
  private finalize(ns: KubeObject): void {
    const api = this.requireApi();
    const namespace = ns.metadata.name ?? '';
    const finalizers = ((ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []) as string[];
    if (!finalizers.includes(KUBERNETES_FINALIZER)) return;
    let remaining = 0;
    const seen = new Set<string>();
    for (const kind of api.deps.registry.all()) {
      if (!kind.namespaced || !kind.persisted || seen.has(kind.storageKey)) continue;
      seen.add(kind.storageKey);
      if (api.deps.store.count(kind.storageKey, namespace) === 0) continue;
      this.tolerate(() =>
        api.deleteCollection(
          kind,
          namespace,
          defaultListOptions(),
          { propagationPolicy: 'Background' },
          this.args('namespace-controller'),
        ),
      );
      remaining += api.deps.store.count(kind.storageKey, namespace);
    }
    if (remaining > 0) return;
    const finalizeHandler = api.subresource(api.kind('', 'v1', 'namespaces'), 'finalize');
    const body = {
      ...ns,
      spec: {
        ...((ns.spec as object | undefined) ?? {}),
        finalizers: finalizers.filter((f) => f !== KUBERNETES_FINALIZER),
      },
    };
    this.tolerate(() =>
      finalizeHandler?.update?.(
        api.kind('', 'v1', 'namespaces'),
        '',
        namespace,
        body,
        this.args('namespace-controller'),
      ),
    );
  }

  private args(manager: string): WriteArgs {
    return { ctx: newContext(CONTROLLER_USER), options: { fieldManager: manager } };
  }

  private tolerate(write: () => unknown): void {
    try {
      write();
    } catch (err) {
      if (isApiError(err) && [403, 404, 405, 409].includes(err.code)) return;
      throw err;
    }
  }

  private requireApi(): ResourceApi {
    if (this.api === undefined) throw new Error('namespace controller is not started');
    return this.api;
  }
}

const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';
