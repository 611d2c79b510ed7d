// The multiplexed watch socket's messages (packages/server/src/kube/stream/protocol.ts).
import type { ClusterStatus } from '../clusterTypes';
import type { KubeObject } from '../kubeTypes';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** What a subscription follows: one kind in one cluster, optionally narrowed. */
export interface WatchTarget {
  cluster: string;
  /** `core` or '' for the legacy group. */
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  labelSelector?: string;
}

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
  resourceVersion: string;
}

export interface StreamError {
  code: string;
  message: string;
}

export type ServerMessage =
  | { type: 'authenticated'; userId: string; username: string }
  | { type: 'subscribed'; id: string; resourceVersion: string }
  | { type: 'event'; id: string; event: WatchEventType; object: KubeObject; resourceVersion: string }
  | { type: 'resync'; id: string; resourceVersion: string }
  | { type: 'error'; id?: string; code: string; message: string }
  | { type: 'cluster-status'; cluster: string; status: ClusterStatus }
  | { type: 'drain'; drain: { cluster: string; node: string } };

/** Close codes the server uses (see the server's protocol.ts). */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_AUTH_TIMEOUT = 4408;
export const CLOSE_TOO_SLOW = 4429;

/** The part of the browser's WebSocket the client uses; tests hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export const SOCKET_OPEN = 1;
