import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createUser, login, loginAsAdmin } from '../../testing/http.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../testing/test-app.ts';

const MINUTE = 60_000;

describe('sign-in sessions', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const me = (token: string) => call(t.app, 'GET', '/api/v1/me', { token });
  const refresh = (refreshToken: string) =>
    call(t.app, 'POST', '/api/v1/auth/refresh', { body: { refreshToken } });

  it('signs in with a 15-minute access token, a refresh token and the user', async () => {
    const response = await call(t.app, 'POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      expiresIn: 900,
      user: { username: 'admin', status: 'active', lastLoginAt: '2025-01-01T00:00:00.000Z' },
    });
    expect(response.json.accessToken.split('.')).toHaveLength(3);
    expect(response.json.refreshToken.length).toBeGreaterThanOrEqual(40);
    expect((await me(response.json.accessToken)).status).toBe(200);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await call(t.app, 'POST', '/api/v1/auth/login', {
      body: { username: 'ghost', password: 'x1' },
    });
    const wrong = await call(t.app, 'POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: 'x1' },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
    expect(unknown.json.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('expires access tokens after 15 minutes', async () => {
    const admin = await loginAsAdmin(t.app);
    t.clock.advance(15 * MINUTE - 1000);
    expect((await me(admin.accessToken)).status).toBe(200);
    t.clock.advance(1000);
    const expired = await me(admin.accessToken);
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('TOKEN_EXPIRED');
  });

  it('rotates refresh tokens: each works once and yields a new pair in the same session', async () => {
    const first = await loginAsAdmin(t.app);
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.json.refreshToken).not.toBe(first.refreshToken);
    expect(second.json.user.username).toBe('admin');
    const third = await refresh(second.json.refreshToken);
    expect(third.status).toBe(200);
    expect((await me(third.json.accessToken)).status).toBe(200);
    // The earlier access token shares the session, which is still live.
    expect((await me(first.accessToken)).status).toBe(200);
  });

  it('revokes the whole family when a used refresh token comes back', async () => {
    const first = await loginAsAdmin(t.app);
    const other = await loginAsAdmin(t.app);
    const rotated = await refresh(first.refreshToken);

    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.json.error.code).toBe('REFRESH_TOKEN_REUSED');

    expect((await refresh(rotated.json.refreshToken)).json.error.code).toBe('SESSION_REVOKED');
    expect((await me(rotated.json.accessToken)).json.error.code).toBe('SESSION_REVOKED');
    expect((await me(first.accessToken)).status).toBe(401);
    // Another sign-in of the same user is a different family and keeps working.
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('rejects unknown and expired refresh tokens', async () => {
    expect((await refresh('not-a-token')).json.error.code).toBe('UNAUTHENTICATED');
    const admin = await loginAsAdmin(t.app);
    t.clock.advance(7 * 24 * 60 * MINUTE);
    const expired = await refresh(admin.refreshToken);
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('TOKEN_EXPIRED');
  });

  it('logout revokes the session at once: access and refresh tokens stop working', async () => {
    const admin = await loginAsAdmin(t.app);
    const logout = await call(t.app, 'POST', '/api/v1/auth/logout', { token: admin.accessToken });
    expect(logout.status).toBe(204);
    const after = await me(admin.accessToken);
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('SESSION_REVOKED');
    expect((await refresh(admin.refreshToken)).status).toBe(401);
  });

  it('logout also ends the session of a refresh token passed in the body, if it is the caller’s', async () => {
    const a = await loginAsAdmin(t.app);
    const b = await loginAsAdmin(t.app);
    const response = await call(t.app, 'POST', '/api/v1/auth/logout', {
      token: a.accessToken,
      body: { refreshToken: b.refreshToken },
    });
    expect(response.status).toBe(204);
    expect((await me(b.accessToken)).status).toBe(401);
  });

  it('requires a bearer token everywhere but the public routes', async () => {
    const response = await me('');
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('UNAUTHENTICATED');
    expect((await call(t.app, 'GET', '/api/v1/me', { headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );
    const forged = await me('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwic2lkIjoieSJ9.c2lnbmF0dXJl');
    expect(forged.json.error.code).toBe('UNAUTHENTICATED');
  });

  it('locks an account for 15 minutes after 5 failures in 10 minutes, then unlocks by itself', async () => {
    const attempt = (password: string) =>
      call(t.app, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password } });
    for (let i = 0; i < 5; i++) {
      expect((await attempt('wrong-1')).status).toBe(401);
      t.clock.advance(MINUTE);
    }
    const locked = await attempt(ADMIN_PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.json.error.code).toBe('ACCOUNT_LOCKED');
    // Locked at the 5th failure (minute 4); it is now minute 5: 14 minutes to go.
    expect(locked.json.error.details.retryAfterSeconds).toBe(14 * 60);
    expect(locked.headers['retry-after']).toBe(String(14 * 60));

    t.clock.advance(14 * MINUTE - 1000);
    expect((await attempt(ADMIN_PASSWORD)).status).toBe(423);
    t.clock.advance(1000);
    expect((await attempt(ADMIN_PASSWORD)).status).toBe(200);
  });

  it('does not lock for failures spread beyond 10 minutes', async () => {
    for (let i = 0; i < 5; i++) {
      await call(t.app, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'nope-1' } });
      t.clock.advance(3 * MINUTE);
    }
    expect((await loginAsAdmin(t.app)).accessToken).toBeTruthy();
  });

  it('refuses a disabled account after checking its password, and its refresh tokens', async () => {
    const admin = await loginAsAdmin(t.app);
    const id = await createUser(t.app, admin.accessToken, 'soon-disabled');
    const session = await login(t.app, 'soon-disabled', 'user-Passw0rd');
    await call(t.app, 'PATCH', `/api/v1/users/${id}`, {
      token: admin.accessToken,
      body: { status: 'disabled' },
    });
    const denied = await call(t.app, 'POST', '/api/v1/auth/login', {
      body: { username: 'soon-disabled', password: 'user-Passw0rd' },
    });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe('ACCOUNT_DISABLED');
    expect((await refresh(session.refreshToken)).status).toBe(401);
    expect((await me(session.accessToken)).status).toBe(401);
  });
});

describe('login rate limit', () => {
  it('allows 30 sign-in attempts a minute per client address, then answers 429', async () => {
    const t = await createTestApp();
    try {
      const attempt = (remoteAddress: string, n: number) =>
        call(t.app, 'POST', '/api/v1/auth/login', {
          body: { username: `nobody-${n}`, password: 'whatever1' },
          remoteAddress,
        });
      for (let n = 0; n < 30; n++) expect((await attempt('10.1.1.1', n)).status).toBe(401);
      const limited = await attempt('10.1.1.1', 30);
      expect(limited.status).toBe(429);
      expect(limited.json.error.code).toBe('RATE_LIMITED');
      expect(limited.json.error.details.retryAfterSeconds).toBeGreaterThan(0);
      expect((await attempt('10.2.2.2', 31)).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
