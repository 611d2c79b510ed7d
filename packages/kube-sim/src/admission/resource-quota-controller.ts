/**
 * The resource quota controller (pkg/controller/resourcequota): fills status.hard from
 * spec.hard and recomputes status.used from the objects in the namespace when a quota is
 * created or edited, when admission charged it (to undo a charge whose write then failed),
 * and when tracked objects go away or stop counting (deleted, terminal pods, resized claims).
 * A sync reads the quota, lists the objects and writes the status in one synchronous step, so
 * it never races the admission plugin's charges.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import { WorkQueue } from '../controllers/work-queue.ts';
import { Informer } from '../client/informer.ts';
import { defaultListOptions } from '../api/list-options.ts';
import { isApiError } from '../api/errors.ts';
import { CONTROLLER_USER, newContext } from '../api/request-context.ts';
import { deepEqual } from '../api/strategy.ts';
import { podIsTerminal } from './pod-resources.ts';
import { trackedGroupResources } from './quota-evaluators.ts';
import { calculateUsage, hardOf } from './quota-usage.ts';
import { fromResourceList } from './resource-list.ts';

const QUOTA_REF = { apiVersion: 'v1', kind: 'ResourceQuota' };

export class ResourceQuotaController implements Controller {
  readonly name = 'resourcequota';
  private context: ControllerContext | undefined;
  private quotas: Informer | undefined;
  /** Informers on the kinds quotas count, keyed by group/resource (`pods`, `deployments.apps`). */
  private readonly watched = new Map<string, Informer>();
  private readonly queue = new WorkQueue<string>((key) => this.sync(key));

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    const quotas = new Informer(context.client, QUOTA_REF);
    this.quotas = quotas;
    quotas.on({
      add: (quota) => this.quotaChanged(quota),
      update: (quota) => this.quotaChanged(quota),
      // Other quotas may count resourcequotas objects.
      delete: (quota) => this.objectChanged('resourcequotas', quota.metadata.namespace ?? ''),
    });
    await quotas.start();
  }

  stop(): void {
    this.queue.stop();
    this.quotas?.stop();
    for (const informer of this.watched.values()) informer.stop();
    this.watched.clear();
  }

  /** Resolves when every pending sync is done (tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private quotaChanged(quota: KubeObject): void {
    for (const groupResource of trackedGroupResources(hardOf(quota).keys())) this.watch(groupResource);
    this.queue.add(`${quota.metadata.namespace ?? ''}/${quota.metadata.name ?? ''}`);
  }

  /** Starts following a kind the first time a quota counts it. */
  private watch(groupResource: string): void {
    const context = this.context;
    if (context === undefined || this.watched.has(groupResource) || groupResource === 'resourcequotas')
      return;
    const dot = groupResource.indexOf('.');
    const [resource, group] =
      dot < 0 ? [groupResource, ''] : [groupResource.slice(0, dot), groupResource.slice(dot + 1)];
    const kind = context.api.deps.registry.preferred(group, resource);
    if (kind === undefined || !kind.verbs.includes('watch')) return;
    const apiVersion = group === '' ? kind.version : `${group}/${kind.version}`;
    const informer = new Informer(context.client, { apiVersion, kind: kind.kind });
    this.watched.set(groupResource, informer);
    const changed = (object: KubeObject): void =>
      this.objectChanged(groupResource, object.metadata.namespace ?? '');
    informer.on({
      delete: changed,
      update: (object, old) => {
        if (this.usageMayHaveChanged(groupResource, object, old)) changed(object);
      },
    });
    void informer.start().catch((err: unknown) => console.error('kube-sim: quota informer failed', err));
  }

  private usageMayHaveChanged(groupResource: string, object: KubeObject, old: KubeObject): boolean {
    if (groupResource === 'pods') {
      const now = this.context?.clock.now() ?? new Date();
      return podIsTerminal(object, now) !== podIsTerminal(old, now);
    }
    if (groupResource === 'services' || groupResource === 'persistentvolumeclaims') {
      return !deepEqual(object.spec, old.spec) || !deepEqual(object.status, old.status);
    }
    return false;
  }

  private objectChanged(groupResource: string, namespace: string): void {
    for (const quota of this.quotas?.list(namespace) ?? []) {
      if (trackedGroupResources(hardOf(quota).keys()).has(groupResource)) {
        this.queue.add(`${namespace}/${quota.metadata.name ?? ''}`);
      }
    }
  }

  private sync(key: string): void {
    const context = this.context;
    if (context === undefined) return;
    const slash = key.indexOf('/');
    const [namespace, name] = [key.slice(0, slash), key.slice(slash + 1)];
    const api = context.api;
    const quotaKind = api.kind('', 'v1', 'resourcequotas');
    let quota: KubeObject;
    try {
      quota = api.get(quotaKind, namespace, name);
    } catch (err) {
      if (isApiError(err) && err.code === 404) return;
      throw err;
    }
    if (quota.metadata.deletionTimestamp !== undefined) return;
    const list = (groupResource: string, ns: string): readonly KubeObject[] => {
      const dot = groupResource.indexOf('.');
      const [resource, group] =
        dot < 0 ? [groupResource, ''] : [groupResource.slice(0, dot), groupResource.slice(dot + 1)];
      const kind = api.deps.registry.preferred(group, resource);
      return kind === undefined ? [] : api.list(kind, ns, defaultListOptions()).items;
    };
    const status = {
      hard: fromResourceList(hardOf(quota)),
      used: fromResourceList(calculateUsage(quota, list, context.clock.now())),
    };
    if (deepEqual(status, quota.status)) return;
    const updated = { ...structuredClone(quota), status };
    try {
      api.updateStatus(quotaKind, namespace, name, updated, {
        ctx: newContext(CONTROLLER_USER),
        options: { fieldManager: 'kube-controller-manager' },
      });
    } catch (err) {
      if (isApiError(err) && err.code === 404) return;
      throw err;
    }
  }
}
