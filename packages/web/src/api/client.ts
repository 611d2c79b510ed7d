import { HttpClient, type HttpClientOptions } from './httpClient';
import { TokenStore } from './tokenStore';

type ClientHooks = Pick<
  HttpClientOptions,
  'currentPath' | 'navigate' | 'onSessionEnded' | 'onPasswordChangeRequired' | 'onTokens'
>;

// The router and the stores exist only after the app is created; they plug in here (see main.ts).
const hooks: ClientHooks = {};

export function connectClient(connected: ClientHooks): void {
  Object.assign(hooks, connected);
}

function crossTabLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request('atrium.refresh', fn) as Promise<T>) : fn();
}

export const tokens = new TokenStore(window.localStorage);

export const http = new HttpClient({
  tokens,
  crossTabLock,
  currentPath: () =>
    hooks.currentPath?.() ?? `${window.location.pathname}${window.location.search}${window.location.hash}`,
  navigate: (url) => (hooks.navigate ? hooks.navigate(url) : window.location.assign(url)),
  onSessionEnded: (error) => hooks.onSessionEnded?.(error),
  onPasswordChangeRequired: () => hooks.onPasswordChangeRequired?.(),
  onTokens: (pair) => hooks.onTokens?.(pair),
});
