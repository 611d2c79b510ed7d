import type { ClusterStatus } from '../clusterTypes';
import { Backoff } from './backoff';
import {
  CLOSE_UNAUTHENTICATED,
  SOCKET_OPEN,
  type ServerMessage,
  type SocketLike,
  type WatchTarget,
} from './protocol';
import type {
  StreamClientOptions,
  StreamState,
  StreamSubscription,
  SubscriptionHandlers,
} from './streamTypes';

export type {
  StreamClientOptions,
  StreamState,
  StreamSubscription,
  SubscriptionHandlers,
} from './streamTypes';

interface Subscription {
  target: WatchTarget;
  handlers: SubscriptionHandlers;
  /** The id on the wire; a new one for every subscribe, so a retired one never clashes. */
  wireId: string | null;
  /** The last version seen: where a reconnect resumes. */
  resourceVersion: string | undefined;
  /** Waiting for the consumer's reload after a resync, or refused: not resubscribed on reconnect. */
  parked: boolean;
  retryTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * One WebSocket per browser tab for every watch the console needs. It connects when something
 * subscribes, authenticates with the first message, and after a dropped connection reconnects by
 * itself (exponential backoff) and resumes each subscription from the last resourceVersion it
 * saw, so the server replays only what was missed: no list is loaded again.
 */
export class StreamClient {
  readonly #options: Required<StreamClientOptions>;
  readonly #backoff: Backoff;
  readonly #subscriptions = new Set<Subscription>();
  readonly #byWireId = new Map<string, Subscription>();
  readonly #statusListeners = new Set<(cluster: string, status: ClusterStatus) => void>();
  readonly #drainListeners = new Set<(drain: { cluster: string; node: string }) => void>();
  readonly #stateListeners = new Set<(state: StreamState) => void>();
  #socket: SocketLike | null = null;
  #authenticated = false;
  #state: StreamState = 'idle';
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #nextId = 1;
  #mustRefresh = false;

  constructor(options: StreamClientOptions) {
    this.#options = { initialBackoffMs: 500, maxBackoffMs: 10_000, clusterRetryMs: 10_000, ...options };
    this.#backoff = new Backoff(this.#options.initialBackoffMs, this.#options.maxBackoffMs);
  }

  get state(): StreamState {
    return this.#state;
  }

  subscribe(
    target: WatchTarget,
    handlers: SubscriptionHandlers,
    resourceVersion?: string,
  ): StreamSubscription {
    const subscription: Subscription = {
      target,
      handlers,
      wireId: null,
      resourceVersion,
      parked: false,
      retryTimer: null,
    };
    this.#subscriptions.add(subscription);
    if (this.#authenticated) this.#sendSubscribe(subscription);
    else this.#connectSoon();
    return {
      resumeFrom: (version) => {
        subscription.resourceVersion = version;
        subscription.parked = false;
        if (this.#authenticated) this.#sendSubscribe(subscription);
      },
      close: () => this.#remove(subscription),
    };
  }

  onClusterStatus(listener: (cluster: string, status: ClusterStatus) => void): () => void {
    this.#statusListeners.add(listener);
    this.#connectSoon();
    return () => this.#statusListeners.delete(listener);
  }

  onDrain(listener: (drain: { cluster: string; node: string }) => void): () => void {
    this.#drainListeners.add(listener);
    this.#connectSoon();
    return () => this.#drainListeners.delete(listener);
  }

  onStateChange(listener: (state: StreamState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** The console refreshed its access token: the socket keeps working under the new one. */
  reauthenticate(token: string): void {
    if (this.#socket?.readyState === SOCKET_OPEN) this.#send({ type: 'auth', token });
  }

  /** Network came back (the browser's `online` event): try at once instead of waiting. */
  retryNow(): void {
    if (this.#socket || !this.#wanted()) return;
    this.#clearReconnect();
    this.#connect();
  }

  /** Signed out: close the socket and forget every subscription. */
  disconnect(): void {
    for (const subscription of this.#subscriptions) this.#clearRetry(subscription);
    this.#subscriptions.clear();
    this.#byWireId.clear();
    this.#statusListeners.clear();
    this.#drainListeners.clear();
    this.#clearReconnect();
    const socket = this.#socket;
    this.#detach();
    socket?.close(1000, 'signed out');
    this.#setState('idle');
  }

  #wanted(): boolean {
    return this.#subscriptions.size > 0 || this.#statusListeners.size > 0 || this.#drainListeners.size > 0;
  }

  #connectSoon(): void {
    if (this.#socket || this.#reconnectTimer) return;
    this.#connect();
  }

  #connect(): void {
    this.#setState(this.#backoff.attempts === 0 ? 'connecting' : 'reconnecting');
    const socket = this.#options.createSocket(this.#options.url());
    this.#socket = socket;
    socket.onopen = () => void this.#authenticate(socket);
    socket.onmessage = (event) => this.#receive(String(event.data));
    socket.onerror = () => {};
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#detach();
      if (event.code === CLOSE_UNAUTHENTICATED) this.#mustRefresh = true;
      this.#scheduleReconnect();
    };
  }

  async #authenticate(socket: SocketLike): Promise<void> {
    try {
      if (this.#mustRefresh) {
        this.#mustRefresh = false;
        await this.#options.refreshToken();
      }
      const token = await this.#options.token();
      if (this.#socket !== socket) return;
      if (!token) return this.disconnect();
      this.#send({ type: 'auth', token });
    } catch {
      // The session could not be refreshed (the HTTP client ends it and shows sign-in).
      if (this.#socket === socket) socket.close(1000, 'no session');
    }
  }

  #receive(raw: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(raw) as ServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'authenticated':
        return this.#onAuthenticated();
      case 'event': {
        const subscription = this.#byWireId.get(message.id);
        if (!subscription) return;
        subscription.resourceVersion = message.resourceVersion;
        const { event: type, object, resourceVersion } = message;
        return subscription.handlers.onEvent({ type, object, resourceVersion });
      }
      case 'subscribed': {
        const subscription = this.#byWireId.get(message.id);
        if (!subscription) return;
        subscription.resourceVersion = message.resourceVersion;
        return subscription.handlers.onSubscribed?.();
      }
      case 'resync': {
        const subscription = this.#retire(message.id);
        if (!subscription) return;
        subscription.parked = true;
        return subscription.handlers.onResync();
      }
      case 'error': {
        if (!message.id) return;
        const subscription = this.#retire(message.id);
        if (!subscription) return;
        subscription.parked = true;
        if (message.code.startsWith('CLUSTER_')) this.#retryLater(subscription);
        return subscription.handlers.onError?.({ code: message.code, message: message.message });
      }
      case 'cluster-status':
        for (const listener of this.#statusListeners) listener(message.cluster, message.status);
        return;
      case 'drain':
        for (const listener of this.#drainListeners) listener(message.drain);
        return;
    }
  }

  #onAuthenticated(): void {
    const first = !this.#authenticated;
    this.#authenticated = true;
    this.#backoff.reset();
    this.#setState('open');
    // A re-authentication on the same socket keeps the subscriptions it has.
    if (!first) return;
    for (const subscription of this.#subscriptions) {
      if (!subscription.parked) this.#sendSubscribe(subscription);
    }
  }

  #sendSubscribe(subscription: Subscription): void {
    this.#clearRetry(subscription);
    if (subscription.wireId) this.#unsubscribeWire(subscription.wireId);
    const wireId = `s${this.#nextId++}`;
    subscription.wireId = wireId;
    this.#byWireId.set(wireId, subscription);
    const { target, resourceVersion } = subscription;
    this.#send({
      type: 'subscribe',
      id: wireId,
      ...target,
      ...(resourceVersion && { resourceVersion }),
    });
  }

  /** Takes a subscription's wire id out of use (the server dropped it); returns its owner. */
  #retire(wireId: string): Subscription | undefined {
    const subscription = this.#byWireId.get(wireId);
    this.#unsubscribeWire(wireId);
    if (subscription?.wireId === wireId) subscription.wireId = null;
    return subscription;
  }

  #unsubscribeWire(wireId: string): void {
    if (!this.#byWireId.delete(wireId)) return;
    this.#send({ type: 'unsubscribe', id: wireId });
  }

  #retryLater(subscription: Subscription): void {
    this.#clearRetry(subscription);
    subscription.retryTimer = setTimeout(() => {
      subscription.retryTimer = null;
      if (!this.#subscriptions.has(subscription)) return;
      subscription.parked = false;
      if (this.#authenticated) this.#sendSubscribe(subscription);
    }, this.#options.clusterRetryMs);
  }

  #clearRetry(subscription: Subscription): void {
    if (subscription.retryTimer) clearTimeout(subscription.retryTimer);
    subscription.retryTimer = null;
  }

  #remove(subscription: Subscription): void {
    if (!this.#subscriptions.delete(subscription)) return;
    this.#clearRetry(subscription);
    if (subscription.wireId) this.#unsubscribeWire(subscription.wireId);
    subscription.wireId = null;
  }

  #send(message: Record<string, unknown>): void {
    if (this.#socket?.readyState === SOCKET_OPEN) this.#socket.send(JSON.stringify(message));
  }

  /** Forgets the socket; the subscriptions stay, to be resumed on the next one. */
  #detach(): void {
    const socket = this.#socket;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    }
    this.#socket = null;
    this.#authenticated = false;
    for (const subscription of this.#subscriptions) subscription.wireId = null;
    this.#byWireId.clear();
  }

  #scheduleReconnect(): void {
    if (!this.#wanted()) return this.#setState('idle');
    this.#setState('reconnecting');
    const delay = this.#backoff.next();
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (!this.#socket && this.#wanted()) this.#connect();
    }, delay);
  }

  #clearReconnect(): void {
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
  }

  #setState(state: StreamState): void {
    if (this.#state === state) return;
    this.#state = state;
    for (const listener of this.#stateListeners) listener(state);
  }
}
