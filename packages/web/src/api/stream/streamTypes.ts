import type { SocketLike, StreamError, WatchEvent } from './protocol';

export interface SubscriptionHandlers {
  onEvent(event: WatchEvent): void;
  /**
   * The server no longer knows the changes since our version (it kept too little history):
   * reload the list, then call `resumeFrom` with the list's resourceVersion.
   */
  onResync(): void;
  /** The subscription was refused (FORBIDDEN, NOT_FOUND, CLUSTER_UNREACHABLE…). */
  onError?(error: StreamError): void;
  /** Events flow (again): after the first subscribe and after every reconnect. */
  onSubscribed?(): void;
}

export interface StreamSubscription {
  /** Subscribes again from this version, e.g. after a resync's reload. */
  resumeFrom(resourceVersion: string): void;
  close(): void;
}

export type StreamState = 'idle' | 'connecting' | 'open' | 'reconnecting';

export interface StreamClientOptions {
  url: () => string;
  /** A valid access token, or null when signed out (then nothing connects). */
  token: () => Promise<string | null>;
  /** Called when the server said the token is no longer good, before reconnecting. */
  refreshToken: () => Promise<void>;
  createSocket: (url: string) => SocketLike;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A refused subscription for an unavailable cluster is tried again after this long. */
  clusterRetryMs?: number;
}
