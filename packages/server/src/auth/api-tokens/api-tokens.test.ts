import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createUser, grantRole, login, loginAsAdmin, type SignedIn } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const DAY = 24 * 60 * 60_000;

describe('personal API tokens', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  const createToken = (session: string, body: object) =>
    call(t.app, 'POST', '/api/v1/me/tokens', { token: session, body });

  it('is shown once, then listed by prefix only, and authenticates as its owner', async () => {
    const created = await createToken(admin.accessToken, { name: 'ci' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'ci', scopes: ['*'], expiresAt: '2025-01-31T00:00:00.000Z' });
    const token: string = created.json.token;
    expect(token.startsWith('atr_')).toBe(true);

    const listed = await call(t.app, 'GET', '/api/v1/me/tokens', { token: admin.accessToken });
    const item = listed.json.items.find((i: { id: string }) => i.id === created.json.id);
    expect(item).toMatchObject({ name: 'ci', lastUsedAt: null });
    expect(token.startsWith(item.prefix)).toBe(true);
    expect(listed.text).not.toContain(token);

    const me = await call(t.app, 'GET', '/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.json.user.username).toBe('admin');
    const afterUse = await call(t.app, 'GET', '/api/v1/me/tokens', { token: admin.accessToken });
    expect(afterUse.json.items.find((i: { id: string }) => i.id === created.json.id).lastUsedAt).toBe(
      '2025-01-01T00:00:00.000Z',
    );
  });

  it('is limited to its scopes, intersected with the owner’s permissions', async () => {
    const viewerId = await createUser(t.app, admin.accessToken, 'token-viewer');
    await grantRole(t.app, admin.accessToken, viewerId, 'platform-viewer');
    const viewer = await login(t.app, 'token-viewer', 'user-Passw0rd');
    const created = await createToken(viewer.accessToken, {
      name: 'narrow',
      scopes: ['users:view', 'users:create'],
    });
    expect(created.json.scopes).toEqual(['users:create', 'users:view']);
    const token = created.json.token;

    expect((await call(t.app, 'GET', '/api/v1/users', { token })).status).toBe(200);
    const roles = await call(t.app, 'GET', '/api/v1/roles', { token });
    expect(roles.status).toBe(403);
    expect(roles.json.error.details.permission).toBe('roles:view');
    // In scope, but the owner (a viewer) cannot create users.
    const create = await call(t.app, 'POST', '/api/v1/users', {
      token,
      body: { username: 'via-token', password: 'abc12345' },
    });
    expect(create.status).toBe(403);
    expect(create.json.error.details.permission).toBe('users:create');
    const me = await call(t.app, 'GET', '/api/v1/me', { token });
    expect(me.json.permissions.platform).toEqual(['users:view']);
  });

  it('cannot mint further tokens or change the password', async () => {
    const token = (await createToken(admin.accessToken, { name: 'no-minting' })).json.token;
    const mint = await createToken(token, { name: 'escalated' });
    expect(mint.status).toBe(403);
    expect(mint.json.error.details.reason).toBe('SESSION_REQUIRED');
    const password = await call(t.app, 'POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: 'x', newPassword: 'abcd12345' },
    });
    expect(password.status).toBe(403);
  });

  it('expires', async () => {
    const created = await createToken(admin.accessToken, { name: 'short', expiresInDays: 1 });
    expect((await call(t.app, 'GET', '/api/v1/me', { token: created.json.token })).status).toBe(200);
    t.clock.advance(DAY);
    const expired = await call(t.app, 'GET', '/api/v1/me', { token: created.json.token });
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('TOKEN_EXPIRED');
    admin = await loginAsAdmin(t.app);
  });

  it('stops working once deleted, and only its owner can delete it', async () => {
    const created = await createToken(admin.accessToken, { name: 'doomed' });
    await createUser(t.app, admin.accessToken, 'token-stranger');
    const stranger = await login(t.app, 'token-stranger', 'user-Passw0rd');
    const foreign = await call(t.app, 'DELETE', `/api/v1/me/tokens/${created.json.id}`, {
      token: stranger.accessToken,
    });
    expect(foreign.status).toBe(404);

    const deleted = await call(t.app, 'DELETE', `/api/v1/me/tokens/${created.json.id}`, {
      token: admin.accessToken,
    });
    expect(deleted.status).toBe(204);
    const after = await call(t.app, 'GET', '/api/v1/me', { token: created.json.token });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('UNAUTHENTICATED');
  });

  it('validates name, lifetime and scopes, naming the field', async () => {
    const cases: [object, string][] = [
      [{}, 'name'],
      [{ name: 'x'.repeat(65) }, 'name'],
      [{ name: 'a', expiresInDays: 0 }, 'expiresInDays'],
      [{ name: 'a', expiresInDays: 366 }, 'expiresInDays'],
      [{ name: 'a', scopes: ['users:view', 'nope:nope'] }, 'scopes[1]'],
      [{ name: 'a', scopes: ['*', 'users:view'] }, 'scopes[0]'],
    ];
    for (const [body, field] of cases) {
      const response = await createToken(admin.accessToken, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json.error.details.field).toBe(field);
    }
    await createToken(admin.accessToken, { name: 'same-name' });
    const duplicate = await createToken(admin.accessToken, { name: 'same-name' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.details.field).toBe('name');
  });
});
