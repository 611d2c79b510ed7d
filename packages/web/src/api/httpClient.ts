import { ApiError, NETWORK_ERROR, errorFromResponse } from './errors';
import type { TokenStore } from './tokenStore';
import type { TokenPair } from './types';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** false for the requests that create a session (login, refresh): no bearer, no refresh dance. */
  auth?: boolean;
  /**
   * Sends `body` as it is (a string) with this content type instead of as JSON: YAML manifests,
   * and the patch flavours Kubernetes tells apart by content type.
   */
  contentType?: string;
}

export interface HttpClientOptions {
  tokens: TokenStore;
  fetch?: typeof fetch;
  baseUrl?: string;
  now?: () => number;
  /** Refresh ahead of time when the access token expires within this many milliseconds. */
  refreshLeewayMs?: number;
  /** The path the user is looking at, so that signing in again brings them back to it. */
  currentPath?: () => string;
  /** Sends the browser to the sign-in page once the session cannot be refreshed any more. */
  navigate?: (url: string) => void;
  /** Called after the session ended (tokens already cleared), e.g. to reset stores. */
  onSessionEnded?: (error: ApiError) => void;
  /** The server refuses everything but a password change until the user picks a new one. */
  onPasswordChangeRequired?: () => void;
  /** Fired with every token pair the client stores (login or refresh). */
  onTokens?: (pair: TokenPair) => void;
  /**
   * Serializes refreshes across browser tabs: they share one refresh token, and a rotated refresh
   * token used twice makes the server revoke the whole session (REFRESH_TOKEN_REUSED).
   */
  crossTabLock?: <T>(fn: () => Promise<T>) => Promise<T>;
}

export const LOGIN_PATH = '/login';

export function loginUrl(redirect: string): string {
  const target = redirect.startsWith(LOGIN_PATH) ? '/' : redirect;
  return target === '/' ? LOGIN_PATH : `${LOGIN_PATH}?redirect=${encodeURIComponent(target)}`;
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The one way the console talks to the server: JSON in and out, the bearer token attached, and an
 * expired access token refreshed once (single-flight) and the request retried.
 */
export class HttpClient {
  readonly tokens: TokenStore;
  private readonly fetchImpl: typeof fetch;
  private readonly baseUrl: string;
  private readonly now: () => number;
  private readonly leewayMs: number;
  private readonly options: HttpClientOptions;
  private refreshing: Promise<void> | null = null;

  constructor(options: HttpClientOptions) {
    this.options = options;
    this.tokens = options.tokens;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.baseUrl = options.baseUrl ?? '';
    this.now = options.now ?? Date.now;
    this.leewayMs = options.refreshLeewayMs ?? 30_000;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.json<T>('GET', path, { query });
  }

  post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.json<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.json<T>('PUT', path, { ...options, body });
  }

  patch<T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.json<T>('PATCH', path, { ...options, body });
  }

  delete<T = void>(path: string, query?: Query): Promise<T> {
    return this.json<T>('DELETE', path, { query });
  }

  /**
   * A valid access token for a channel that cannot go through `send` (the stream's WebSocket):
   * refreshed first when it is about to expire; null when there is no session.
   */
  async freshAccessToken(): Promise<string | null> {
    if (this.shouldRefreshFirst()) await this.refresh();
    return this.tokens.accessToken;
  }

  /** Downloads a file with the session's credentials (a plain link would carry no bearer). */
  async blob(path: string, query?: Query): Promise<{ blob: Blob; filename: string | null }> {
    const response = await this.send('GET', path, { query });
    const disposition = response.headers.get('content-disposition') ?? '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    return { blob: await response.blob(), filename: match?.[1] ? decodeURIComponent(match[1]) : null };
  }

  /** Stores a freshly issued token pair (after login) and reports it. */
  acceptTokens(pair: TokenPair): void {
    this.tokens.save(pair, this.now());
    this.options.onTokens?.(pair);
  }

  /** Refreshes the access token; concurrent callers share one request to the server. */
  refresh(): Promise<void> {
    if (!this.refreshing) {
      const run = () => this.exchangeRefreshToken();
      const locked = this.options.crossTabLock ? this.options.crossTabLock(run) : run();
      this.refreshing = locked.finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Forgets the session locally and sends the user to sign in again. */
  endSession(error: ApiError): void {
    const hadSession = this.tokens.hasSession();
    this.tokens.clear();
    if (!hadSession) return;
    this.options.onSessionEnded?.(error);
    const path = this.options.currentPath?.() ?? '/';
    this.options.navigate?.(loginUrl(path));
  }

  private async json<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const auth = options.auth ?? true;
    if (auth && this.shouldRefreshFirst()) {
      await this.refresh();
    }
    const sentToken = this.tokens.accessToken;
    let response = await this.fetchOnce(method, path, options, auth);
    if (auth && response.status === 401) {
      const error = await errorFromResponse(response);
      if (error.code !== 'TOKEN_EXPIRED' || !this.tokens.refreshToken) {
        this.endSession(error);
        throw error;
      }
      // Another request may already have refreshed while this one was in flight.
      if (this.tokens.accessToken === sentToken) await this.refresh();
      response = await this.fetchOnce(method, path, options, auth);
      if (response.status === 401) {
        const retryError = await errorFromResponse(response);
        this.endSession(retryError);
        throw retryError;
      }
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (error.code === 'PASSWORD_CHANGE_REQUIRED') this.options.onPasswordChangeRequired?.();
      throw error;
    }
    return response;
  }

  private shouldRefreshFirst(): boolean {
    if (!this.tokens.refreshToken) return false;
    if (!this.tokens.accessToken || this.tokens.accessExpiresAt === null) return true;
    // With very short-lived tokens a fixed leeway would refresh before every single request.
    const lifetime = this.tokens.accessLifetimeMs;
    const leeway = lifetime ? Math.min(this.leewayMs, lifetime / 3) : this.leewayMs;
    return this.tokens.accessExpiresAt - this.now() < leeway;
  }

  private async fetchOnce(method: string, path: string, options: RequestOptions, auth: boolean) {
    const headers: Record<string, string> = { accept: 'application/json' };
    const raw = options.contentType !== undefined && typeof options.body === 'string';
    if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    if (auth && this.tokens.accessToken) headers.authorization = `Bearer ${this.tokens.accessToken}`;
    const body =
      options.body === undefined ? undefined : raw ? (options.body as string) : JSON.stringify(options.body);
    try {
      return await this.fetchImpl(`${this.baseUrl}${path}${buildQuery(options.query)}`, {
        method,
        headers,
        body,
      });
    } catch (cause) {
      throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
    }
  }

  private async exchangeRefreshToken(): Promise<void> {
    // Read inside the lock: another tab may have rotated the token a moment ago.
    const refreshToken = this.tokens.refreshToken;
    if (!refreshToken) {
      const error = new ApiError(401, 'UNAUTHENTICATED', 'Not signed in');
      this.endSession(error);
      throw error;
    }
    const response = await this.fetchOnce('POST', '/api/v1/auth/refresh', { body: { refreshToken } }, false);
    if (!response.ok) {
      const error = await errorFromResponse(response);
      // A 401 (expired, reused, revoked…) or 400 means this refresh token is finished; anything
      // else (5xx, rate limit) is transient and must not sign the user out.
      if (response.status === 401 || response.status === 400) this.endSession(error);
      throw error;
    }
    this.acceptTokens((await response.json()) as TokenPair);
  }
}
