import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Authenticator } from '../../auth/authenticator.ts';
import type { Principal } from '../../auth/principal.ts';
import { isAppError } from '../../core/errors/app-error.ts';
import {
  CLOSE_AUTH_TIMEOUT,
  CLOSE_TOO_SLOW,
  CLOSE_UNAUTHENTICATED,
  parseClientMessage,
  ProtocolError,
  type SubscribeMessage,
} from './protocol.ts';
import { Subscription, type SubscriptionDeps } from './subscription.ts';

export interface StreamSettings {
  /** How long a new socket may take to send its auth message. */
  authTimeoutMs: number;
  /** WebSocket ping interval; a socket that missed the previous pong is dropped. */
  pingIntervalMs: number;
  /** A client with more than this queued and unsent is too slow and is disconnected. */
  maxBufferedBytes: number;
  maxSubscriptions: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  authTimeoutMs: 10_000,
  pingIntervalMs: 30_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxSubscriptions: 200,
};

export interface SessionDeps extends SubscriptionDeps {
  authenticator: Authenticator;
  settings: StreamSettings;
  log: FastifyBaseLogger;
  /** A subscription refused by the access check, for the audit log. */
  onDenied(principal: Principal, request: SubscribeMessage, code: string, status: number): void;
}

/** One browser tab's socket: authentication, its subscriptions, heartbeats and backpressure. */
export class StreamSession {
  readonly #socket: WebSocket;
  readonly #deps: SessionDeps;
  readonly #subscriptions = new Map<string, Subscription>();
  #principal: Principal | null = null;
  #token = '';
  #alive = true;
  #timers: NodeJS.Timeout[] = [];
  #closed = false;

  constructor(socket: WebSocket, deps: SessionDeps) {
    this.#socket = socket;
    this.#deps = deps;
  }

  get principal(): Principal | null {
    return this.#principal;
  }

  /** Clusters this session follows objects of: they get that cluster's status changes. */
  follows(cluster: string): boolean {
    return [...this.#subscriptions.values()].some((s) => s.cluster === cluster);
  }

  start(onClose: () => void): void {
    const socket = this.#socket;
    this.#timers.push(
      setTimeout(() => {
        if (!this.#principal) this.close(CLOSE_AUTH_TIMEOUT, 'send {"type":"auth","token":…} first');
      }, this.#deps.settings.authTimeoutMs),
      setInterval(() => void this.#heartbeat(), this.#deps.settings.pingIntervalMs),
    );
    socket.on('pong', () => (this.#alive = true));
    socket.on('message', (data) => void this.#onMessage(String(data)));
    socket.on('close', () => {
      this.#dispose();
      onClose();
    });
  }

  /** Sends a message unless the client fell too far behind, in which case it is dropped. */
  send(message: Record<string, unknown>): boolean {
    if (this.#closed || this.#socket.readyState !== this.#socket.OPEN) return false;
    if (this.#socket.bufferedAmount > this.#deps.settings.maxBufferedBytes) {
      this.close(CLOSE_TOO_SLOW, 'too far behind: reconnect and resume from your last resourceVersion');
      return false;
    }
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#dispose();
    this.#socket.close(code, reason);
  }

  async #onMessage(raw: string): Promise<void> {
    try {
      const message = parseClientMessage(raw);
      if (message.type === 'auth') return await this.#authenticate(message.token);
      if (!this.#principal) return this.close(CLOSE_UNAUTHENTICATED, 'authenticate first');
      if (message.type === 'unsubscribe') {
        this.#subscriptions.get(message.id)?.close();
        this.#subscriptions.delete(message.id);
        return;
      }
      await this.#subscribe(message);
    } catch (error) {
      if (error instanceof ProtocolError)
        this.send({ type: 'error', code: 'VALIDATION_FAILED', message: error.message });
      else this.#deps.log.error({ err: error }, 'stream message failed');
    }
  }

  async #authenticate(token: string): Promise<void> {
    let principal: Principal;
    try {
      principal = await this.#deps.authenticator.authenticate(`Bearer ${token}`);
    } catch (error) {
      const code = isAppError(error) ? error.code : 'UNAUTHENTICATED';
      this.send({ type: 'error', code, message: isAppError(error) ? error.message : 'not authenticated' });
      return this.close(CLOSE_UNAUTHENTICATED, code);
    }
    if (this.#principal && this.#principal.userId !== principal.userId) {
      return this.close(CLOSE_UNAUTHENTICATED, 'a socket belongs to one user');
    }
    const refreshed = this.#principal !== null;
    this.#principal = principal;
    this.#token = token;
    this.send({ type: 'authenticated', userId: principal.userId, username: principal.username });
    if (refreshed) {
      for (const subscription of this.#subscriptions.values()) {
        await subscription.refresh(principal).catch((error: unknown) => this.#refuse(subscription.id, error));
      }
    }
  }

  async #subscribe(request: SubscribeMessage): Promise<void> {
    const principal = this.#principal!;
    if (this.#subscriptions.has(request.id)) {
      return void this.send({
        type: 'error',
        id: request.id,
        code: 'ALREADY_EXISTS',
        message: 'id is in use',
      });
    }
    if (this.#subscriptions.size >= this.#deps.settings.maxSubscriptions) {
      return void this.send({
        type: 'error',
        id: request.id,
        code: 'RATE_LIMITED',
        message: 'too many subscriptions',
      });
    }
    const subscription = new Subscription(request, this.#deps, (message) => this.send(message));
    this.#subscriptions.set(request.id, subscription);
    try {
      await subscription.start(principal);
      // A resync ends the subscription: the client reloads and may subscribe again with this id.
      if (subscription.closed) this.#subscriptions.delete(request.id);
    } catch (error) {
      this.#subscriptions.delete(request.id);
      subscription.close();
      if (isAppError(error) && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) {
        this.#deps.onDenied(principal, request, error.code, error.statusCode);
      }
      this.#refuse(request.id, error);
    }
  }

  #refuse(id: string, error: unknown): void {
    this.#subscriptions.get(id)?.close();
    this.#subscriptions.delete(id);
    if (isAppError(error))
      this.send({ type: 'error', id, code: error.code, message: error.message, details: error.details });
    else {
      this.#deps.log.error({ err: error }, 'stream subscription failed');
      this.send({ type: 'error', id, code: 'INTERNAL', message: 'Internal server error' });
    }
  }

  /** Drops dead sockets, and sockets whose token expired or was revoked. */
  async #heartbeat(): Promise<void> {
    if (!this.#alive) return void this.#socket.terminate();
    this.#alive = false;
    this.#socket.ping();
    if (!this.#principal) return;
    try {
      await this.#deps.authenticator.authenticate(`Bearer ${this.#token}`);
    } catch (error) {
      const code = isAppError(error) ? error.code : 'UNAUTHENTICATED';
      this.send({ type: 'error', code, message: 'the token expired or was revoked: authenticate again' });
      this.close(CLOSE_UNAUTHENTICATED, code);
    }
  }

  #dispose(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
    for (const subscription of this.#subscriptions.values()) subscription.close();
    this.#subscriptions.clear();
  }
}
