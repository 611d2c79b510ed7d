import { http } from '../client';
import type { SocketLike } from './protocol';
import { StreamClient } from './streamClient';

export type { StreamSubscription, SubscriptionHandlers, StreamState } from './streamClient';
export type { WatchEvent, WatchTarget } from './protocol';

function streamUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/v1/stream`;
}

/** The tab's one watch socket (DESIGN §2: one multiplexed socket per browser tab). */
export const stream = new StreamClient({
  url: streamUrl,
  token: () => http.freshAccessToken(),
  refreshToken: () => http.refresh(),
  // The browser's WebSocket has the few members the client uses (SocketLike).
  createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
});

window.addEventListener('online', () => stream.retryNow());
