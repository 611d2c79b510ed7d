import type { Principal } from '../../auth/principal.ts';
import type { ClusterCaches } from '../cache/cluster-caches.ts';
import type { CacheChange } from '../cache/change-history.ts';
import { parseLabelSelector, type LabelSelector } from '../cache/label-selector.ts';
import { groupFromUrl, type KubeObject } from '../cache/resource-ref.ts';
import { includes, type KubeAccess, type NamespaceSet } from '../access/kube-access.ts';
import { requiredPermission, type Target } from '../resources/resource-context.ts';
import { assertVerb, isNamespaceKind, listScope } from '../resources/resource-reads.ts';
import type { SubscribeMessage } from './protocol.ts';

export interface SubscriptionDeps {
  caches: ClusterCaches;
  access: KubeAccess;
}

/** Sends one message to the client; false when the socket is gone or was dropped for being slow. */
export type Send = (message: Record<string, unknown>) => boolean;

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * What one `subscribe` asked for: the changes of a kind in a cluster, narrowed by namespace,
 * label selector and the caller's rights, replayed from a resourceVersion and then live. An
 * object that stops (or starts) matching is reported DELETED (or ADDED), as a watch does.
 */
export class Subscription {
  readonly id: string;
  readonly cluster: string;
  readonly #request: SubscribeMessage;
  readonly #deps: SubscriptionDeps;
  readonly #send: Send;
  readonly #selector: LabelSelector;
  #target: Target | null = null;
  #scope: NamespaceSet = new Set();
  #unsubscribe: (() => void) | null = null;
  #closed = false;

  constructor(request: SubscribeMessage, deps: SubscriptionDeps, send: Send) {
    this.id = request.id;
    this.cluster = request.cluster;
    this.#request = request;
    this.#deps = deps;
    this.#send = send;
    this.#selector = parseLabelSelector(request.labelSelector);
  }

  /** Checks access, replays what the client missed, then follows live changes. Throws coded refusals. */
  async start(principal: Principal): Promise<void> {
    const { cluster, version, resource } = this.#request;
    const ref = { group: groupFromUrl(this.#request.group), version, resource };
    const served = await this.#deps.caches.resolve(cluster, ref);
    await this.refresh(principal, served);
    const kind = await this.#deps.caches.synced(cluster, served);
    if (this.#closed) return;
    const from = this.#request.resourceVersion;
    // Replay and live listener are set up in one synchronous step: no change can fall between.
    const missed = from ? kind.since(from) : [];
    if (missed === 'expired') {
      this.#send({ type: 'resync', id: this.id, resourceVersion: kind.resourceVersion });
      this.close();
      return;
    }
    this.#unsubscribe = kind.subscribe((change) => this.#deliver(change));
    for (const change of missed) this.#deliver(change);
    this.#send({ type: 'subscribed', id: this.id, resourceVersion: kind.resourceVersion });
  }

  /** Re-reads the caller's rights (after a token refresh) so lost or new bindings take effect. */
  async refresh(principal: Principal, served = this.#target?.resource): Promise<void> {
    if (!served) return;
    const access = await this.#deps.access.forCluster(principal, this.cluster);
    const target: Target = { cluster: this.cluster, resource: served, access };
    assertVerb(target, 'watch');
    const permission = requiredPermission(target, 'watch');
    this.#scope = listScope(target, permission, served.namespaced ? this.#request.namespace : undefined);
    this.#target = target;
  }

  /** True once closed, also when start() ended it with a resync. */
  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.#closed = true;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #matches(object: KubeObject | undefined): boolean {
    if (!object || !this.#target) return false;
    const namespace = object.metadata?.namespace ?? '';
    const wanted = this.#request.namespace;
    if (this.#target.resource.namespaced && wanted && namespace !== wanted) return false;
    const scoped = isNamespaceKind(this.#target) ? (object.metadata?.name ?? '') : namespace;
    return includes(this.#scope, scoped) && this.#selector.matches(object.metadata?.labels);
  }

  #deliver(change: CacheChange): void {
    if (this.#closed) return;
    const now = change.type !== 'DELETED' && this.#matches(change.object);
    const before = change.type === 'DELETED' ? this.#matches(change.object) : this.#matches(change.previous);
    let event: EventType | null = null;
    if (change.type === 'DELETED') event = before ? 'DELETED' : null;
    else if (now) event = before && change.type === 'MODIFIED' ? 'MODIFIED' : 'ADDED';
    else if (before) event = 'DELETED';
    if (!event) return;
    const sent = this.#send({
      type: 'event',
      id: this.id,
      event,
      object: change.object,
      resourceVersion: change.resourceVersion,
    });
    if (!sent) this.close();
  }
}
