import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { AuditQueue } from '../../audit/audit-queue.ts';
import type { Authenticator } from '../../auth/authenticator.ts';
import type { ClusterHealth } from '../connections/cluster-connections.ts';
import type { SubscriptionDeps } from './subscription.ts';
import { DEFAULT_STREAM_SETTINGS, StreamSession, type StreamSettings } from './stream-session.ts';

export interface StreamHubDeps extends SubscriptionDeps {
  authenticator: Authenticator;
  auditQueue: AuditQueue;
  log: FastifyBaseLogger;
  settings?: Partial<StreamSettings>;
  /** Health changes of clusters (the registry's health board). */
  onHealthChange?: (listener: (cluster: string, health: ClusterHealth) => void) => () => void;
  /** Node drain progress (the registry's drain tracker). */
  onDrainProgress?: (listener: (drain: { cluster: string; node: string }) => void) => () => void;
}

/**
 * Every open stream socket. Cluster status changes go to the sockets following objects of that
 * cluster and to platform operators; drain progress to those who may see nodes.
 */
export class StreamHub {
  readonly #deps: StreamHubDeps;
  readonly #settings: StreamSettings;
  readonly #sessions = new Set<StreamSession>();
  readonly #unsubscribe: (() => void)[] = [];

  constructor(deps: StreamHubDeps) {
    this.#deps = deps;
    this.#settings = { ...DEFAULT_STREAM_SETTINGS, ...deps.settings };
    const health = deps.onHealthChange?.((cluster, status) => void this.#broadcastStatus(cluster, status));
    const drains = deps.onDrainProgress?.((drain) => void this.#broadcastDrain(drain));
    for (const off of [health, drains]) if (off) this.#unsubscribe.push(off);
  }

  get size(): number {
    return this.#sessions.size;
  }

  accept(socket: WebSocket, sourceIp: string): void {
    const session = new StreamSession(socket, {
      ...this.#deps,
      settings: this.#settings,
      onDenied: (principal, request, code, status) =>
        this.#deps.auditQueue.enqueue({
          actor: principal.tokenId
            ? { type: 'token', id: principal.tokenId, name: principal.username, userId: principal.userId }
            : { type: 'user', id: principal.userId, name: principal.username, userId: principal.userId },
          sourceIp,
          action: 'resources.watch',
          targetType: request.resource,
          targetId: request.namespace ?? '',
          scope: { clusterId: request.cluster },
          statusCode: status,
          errorCode: code,
          diff: null,
        }),
    });
    this.#sessions.add(session);
    session.start(() => this.#sessions.delete(session));
  }

  close(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    for (const session of this.#sessions) session.close(1001, 'server shutting down');
    this.#sessions.clear();
  }

  async #broadcastStatus(cluster: string, status: ClusterHealth): Promise<void> {
    for (const session of this.#sessions) {
      const principal = session.principal;
      if (!principal) continue;
      if (session.follows(cluster) || (await this.#canViewClusters(principal))) {
        session.send({ type: 'cluster-status', cluster, status });
      }
    }
  }

  async #broadcastDrain(drain: { cluster: string; node: string }): Promise<void> {
    for (const session of this.#sessions) {
      const principal = session.principal;
      if (principal && (await this.#deps.access.summary(principal)).platform.includes('nodes:view')) {
        session.send({ type: 'drain', drain });
      }
    }
  }

  async #canViewClusters(principal: NonNullable<StreamSession['principal']>): Promise<boolean> {
    return (await this.#deps.access.summary(principal)).platform.includes('clusters:view');
  }
}
