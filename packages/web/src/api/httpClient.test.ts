import { describe, expect, it, vi } from 'vitest';
import { HttpClient, buildQuery, loginUrl } from './httpClient';
import { TokenStore, REFRESH_TOKEN_KEY } from './tokenStore';
import { ApiError } from './errors';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

function errorResponse(status: number, code: string, details: Record<string, unknown> = {}) {
  return new Response(JSON.stringify({ error: { code, message: `${code} message`, details } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * A fake server with rotating refresh tokens: each refresh token works once, a second use answers
 * REFRESH_TOKEN_REUSED (as the real server does when two refreshes race).
 */
function fakeServer() {
  let generation = 1;
  const state = {
    validAccess: new Set<string>(),
    validRefresh: new Set<string>(['refresh-1']),
    refreshCalls: 0,
    refreshAnswer: null as null | (() => Response),
    requests: [] as { url: string; authorization: string | null }[],
  };
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    state.requests.push({ url, authorization: headers.authorization ?? null });
    // Let concurrent callers interleave the way real network round trips do.
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (url === '/api/v1/auth/refresh') {
      state.refreshCalls += 1;
      if (state.refreshAnswer) return state.refreshAnswer();
      const { refreshToken } = JSON.parse(String(init?.body)) as { refreshToken: string };
      if (!state.validRefresh.delete(refreshToken)) return errorResponse(401, 'REFRESH_TOKEN_REUSED');
      generation += 1;
      state.validAccess.add(`access-${generation}`);
      state.validRefresh.add(`refresh-${generation}`);
      return Response.json({
        accessToken: `access-${generation}`,
        refreshToken: `refresh-${generation}`,
        expiresIn: 900,
        user: { id: 'u1', username: 'admin' },
      });
    }
    const token = headers.authorization?.replace('Bearer ', '') ?? '';
    if (!state.validAccess.has(token)) return errorResponse(401, 'TOKEN_EXPIRED');
    return Response.json({ ok: true, url });
  });
  return { state, fetch };
}

function setup(options: { accessToken?: string; expiresInSeconds?: number; now?: number } = {}) {
  const server = fakeServer();
  const storage = memoryStorage();
  const tokens = new TokenStore(storage);
  const now = options.now ?? 1_000_000;
  storage.setItem(REFRESH_TOKEN_KEY, 'refresh-1');
  if (options.accessToken) {
    tokens.accessToken = options.accessToken;
    tokens.accessExpiresAt = now + (options.expiresInSeconds ?? 900) * 1000;
  }
  const navigate = vi.fn();
  const onSessionEnded = vi.fn();
  const client = new HttpClient({
    tokens,
    fetch: server.fetch as unknown as typeof fetch,
    now: () => now,
    currentPath: () => '/users?page=2',
    navigate,
    onSessionEnded,
  });
  return { client, server, tokens, storage, navigate, onSessionEnded };
}

describe('silent refresh', () => {
  it('refreshes once for concurrent requests that hit TOKEN_EXPIRED, then retries them all', async () => {
    // The server no longer accepts access-1, though the client believes it is still valid.
    const { client, server, tokens } = setup({ accessToken: 'access-1' });

    const results = await Promise.all([
      client.get<{ url: string }>('/api/v1/users'),
      client.get<{ url: string }>('/api/v1/roles'),
      client.get<{ url: string }>('/api/v1/audit'),
    ]);

    expect(results.map((r) => r.url)).toEqual(['/api/v1/users', '/api/v1/roles', '/api/v1/audit']);
    expect(server.state.refreshCalls).toBe(1);
    expect(tokens.accessToken).toBe('access-2');
    expect(tokens.refreshToken).toBe('refresh-2');
    const retried = server.state.requests.filter((r) => r.authorization === 'Bearer access-2');
    expect(retried).toHaveLength(3);
  });

  it('refreshes before sending when the access token is about to expire', async () => {
    const { client, server } = setup({ accessToken: 'access-1', expiresInSeconds: 10 });

    await Promise.all([client.get('/api/v1/users'), client.get('/api/v1/roles')]);

    expect(server.state.refreshCalls).toBe(1);
    // No request went out with the old token: nothing had to be retried.
    expect(server.state.requests.some((r) => r.authorization === 'Bearer access-1')).toBe(false);
  });

  it('does not refresh before every request when tokens live shorter than the leeway', async () => {
    const { client, server, tokens } = setup();
    client.acceptTokens({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      expiresIn: 20,
      user: {} as never,
    });
    server.state.validAccess.add('access-1');

    await client.get('/api/v1/users');

    expect(server.state.refreshCalls).toBe(0);
    expect(tokens.accessToken).toBe('access-1');
  });

  it('restores the session after a reload from the stored refresh token alone', async () => {
    const { client, server } = setup();

    await client.get('/api/v1/me');

    expect(server.state.refreshCalls).toBe(1);
    expect(server.state.requests.at(-1)?.authorization).toBe('Bearer access-2');
  });

  it('signs the user out and redirects back to the current page when the refresh token was reused', async () => {
    const { client, server, tokens, navigate, onSessionEnded } = setup({ accessToken: 'access-1' });
    server.state.validRefresh.clear();

    const outcomes = await Promise.allSettled([client.get('/api/v1/users'), client.get('/api/v1/roles')]);

    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    const reason = (outcomes[0] as PromiseRejectedResult).reason as ApiError;
    expect(reason.code).toBe('REFRESH_TOKEN_REUSED');
    expect(server.state.refreshCalls).toBe(1);
    expect(tokens.hasSession()).toBe(false);
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith('/login?redirect=%2Fusers%3Fpage%3D2');
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });

  it('signs the user out when a request reports the session revoked', async () => {
    const { client, server, tokens, navigate } = setup({ accessToken: 'access-1' });
    server.fetch.mockImplementationOnce(async () => errorResponse(401, 'SESSION_REVOKED'));

    await expect(client.get('/api/v1/users')).rejects.toMatchObject({ code: 'SESSION_REVOKED' });

    expect(server.state.refreshCalls).toBe(0);
    expect(tokens.hasSession()).toBe(false);
    expect(navigate).toHaveBeenCalledWith('/login?redirect=%2Fusers%3Fpage%3D2');
  });

  it('keeps the session when the refresh fails for a transient reason', async () => {
    const { client, server, tokens, navigate } = setup({ accessToken: 'access-1' });
    server.state.refreshAnswer = () => errorResponse(503, 'UNAVAILABLE');

    await expect(client.get('/api/v1/users')).rejects.toMatchObject({ status: 503 });

    expect(tokens.refreshToken).toBe('refresh-1');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('does not treat a failed sign-in as an ended session', async () => {
    const { client, server, navigate, tokens } = setup();
    server.fetch.mockImplementationOnce(async () => errorResponse(401, 'INVALID_CREDENTIALS'));

    await expect(
      client.post('/api/v1/auth/login', { username: 'a', password: 'b' }, { auth: false }),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'INVALID_CREDENTIALS message' });

    expect(navigate).not.toHaveBeenCalled();
    expect(tokens.refreshToken).toBe('refresh-1');
  });
});

describe('errors', () => {
  it('exposes the code, message and blamed field of the error envelope', async () => {
    const { client, server } = setup({ accessToken: 'access-1' });
    server.state.validAccess.add('access-1');
    server.fetch.mockImplementationOnce(async () =>
      errorResponse(409, 'ALREADY_EXISTS', { field: 'username' }),
    );

    const error = await client.post('/api/v1/users', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'ALREADY_EXISTS', field: 'username' });
  });

  it('reports PASSWORD_CHANGE_REQUIRED so the console can show the password step', async () => {
    const onPasswordChangeRequired = vi.fn();
    const tokens = new TokenStore(memoryStorage());
    const client = new HttpClient({
      tokens,
      fetch: (async () => errorResponse(403, 'PASSWORD_CHANGE_REQUIRED')) as typeof fetch,
      onPasswordChangeRequired,
    });

    await expect(client.get('/api/v1/users')).rejects.toMatchObject({ status: 403 });
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1);
  });

  it('turns a network failure into a NETWORK_ERROR', async () => {
    const client = new HttpClient({
      tokens: new TokenStore(memoryStorage()),
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });

    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});

describe('urls', () => {
  it('drops empty query values', () => {
    expect(buildQuery({ search: '', status: 'active', limit: 20, offset: 0, role: undefined })).toBe(
      '?status=active&limit=20&offset=0',
    );
  });

  it('never redirects the login page back to itself', () => {
    expect(loginUrl('/login?redirect=%2Fusers')).toBe('/login');
    expect(loginUrl('/')).toBe('/login');
    expect(loginUrl('/audit')).toBe('/login?redirect=%2Faudit');
  });
});
