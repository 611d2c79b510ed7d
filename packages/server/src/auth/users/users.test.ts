import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../../testing/rows.ts';
import { call, createUser, login, loginAsAdmin, type SignedIn } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

describe('users API', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  const as = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    call(t.app, method, url, { token: admin.accessToken, body });

  it('creates, reads, lists, edits and deletes a user', async () => {
    const created = await as('POST', '/api/v1/users', {
      username: 'alice.w',
      displayName: 'Alice W',
      email: 'alice@example.com',
      phone: '+86 138-0000-0000',
      password: 'alice-Passw0rd',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      username: 'alice.w',
      displayName: 'Alice W',
      email: 'alice@example.com',
      status: 'active',
      mustChangePassword: false,
      lastLoginAt: null,
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    const id = created.json.id;
    expect((await as('GET', `/api/v1/users/${id}`)).json.username).toBe('alice.w');

    const listed = await as('GET', '/api/v1/users?search=ALICE&status=active&limit=10');
    expect(listed.json.total).toBe(1);
    expect(listed.json.items[0].id).toBe(id);

    t.clock.advance(1000);
    const patched = await as('PATCH', `/api/v1/users/${id}`, { displayName: 'Alice Wonder', email: '' });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      displayName: 'Alice Wonder',
      email: '',
      updatedAt: '2025-01-01T00:00:01.000Z',
    });

    expect((await as('DELETE', `/api/v1/users/${id}`)).status).toBe(204);
    const gone = await as('GET', `/api/v1/users/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['a malformed JSON body', { rawBody: '{"username": "bob",' }, 400, 'INVALID_JSON', undefined],
    ['a missing field', { body: { username: 'bob' } }, 400, 'VALIDATION_FAILED', 'password'],
    [
      'a too-long display name',
      { body: { username: 'bob', displayName: 'x'.repeat(65), password: 'abc12345' } },
      400,
      'VALIDATION_FAILED',
      'displayName',
    ],
    [
      'an invalid username',
      { body: { username: 'Bob!', password: 'abc12345' } },
      400,
      'VALIDATION_FAILED',
      'username',
    ],
    [
      'a too-short username',
      { body: { username: 'bo', password: 'abc12345' } },
      400,
      'VALIDATION_FAILED',
      'username',
    ],
    [
      'a bad email',
      { body: { username: 'bob', email: 'not-an-email', password: 'abc12345' } },
      400,
      'VALIDATION_FAILED',
      'email',
    ],
    [
      'a weak password',
      { body: { username: 'bob', password: 'abcdefgh' } },
      400,
      'VALIDATION_FAILED',
      'password',
    ],
    [
      'a duplicate username',
      { body: { username: 'admin', password: 'abc12345' } },
      409,
      'ALREADY_EXISTS',
      'username',
    ],
  ])('refuses %s, names the field and changes nothing', async (_case, request, status, code, field) => {
    const before = {
      users: await countRows(t.app.atrium.db, 'users'),
      audit: await countRows(t.app.atrium.db, 'audit_events'),
    };
    const response = await call(t.app, 'POST', '/api/v1/users', { token: admin.accessToken, ...request });
    expect(response.status).toBe(status);
    expect(response.json.error.code).toBe(code);
    expect(response.json.error.message.length).toBeGreaterThan(0);
    if (field) {
      expect(response.json.error.details.field).toBe(field);
      expect(response.json.error.message).toContain(field);
    }
    await t.app.atrium.auditQueue.drain();
    expect(await countRows(t.app.atrium.db, 'users')).toBe(before.users);
    // The only new audit record is the failure itself.
    expect(await countRows(t.app.atrium.db, 'audit_events')).toBe(before.audit + 1);
  });

  it('will not let an admin disable or delete themselves', async () => {
    const disable = await as('PATCH', `/api/v1/users/${admin.userId}`, { status: 'disabled' });
    expect(disable.status).toBe(409);
    expect(disable.json.error.code).toBe('CONFLICT');
    const remove = await as('DELETE', `/api/v1/users/${admin.userId}`);
    expect(remove.status).toBe(409);
    const token = await as('POST', '/api/v1/me/tokens', { name: 'self-harm' });
    const viaToken = await call(t.app, 'DELETE', `/api/v1/users/${admin.userId}`, {
      token: token.json.token,
    });
    expect(viaToken.status).toBe(409);
    expect((await as('GET', `/api/v1/users/${admin.userId}`)).json.status).toBe('active');
  });

  it('disabling a user signs them out at once', async () => {
    const id = await createUser(t.app, admin.accessToken, 'to-disable');
    const session = await login(t.app, 'to-disable', 'user-Passw0rd');
    expect((await call(t.app, 'GET', '/api/v1/me', { token: session.accessToken })).status).toBe(200);
    expect((await as('PATCH', `/api/v1/users/${id}`, { status: 'disabled' })).json.status).toBe('disabled');
    expect((await call(t.app, 'GET', '/api/v1/me', { token: session.accessToken })).status).toBe(401);
  });

  it('a password reset signs the user out and forces a change before anything else', async () => {
    const id = await createUser(t.app, admin.accessToken, 'forgetful');
    const old = await login(t.app, 'forgetful', 'user-Passw0rd');
    const reset = await as('POST', `/api/v1/users/${id}/reset-password`, { password: 'temp-Passw0rd1' });
    expect(reset.status).toBe(204);
    expect((await call(t.app, 'GET', '/api/v1/me', { token: old.accessToken })).status).toBe(401);

    const session = await login(t.app, 'forgetful', 'temp-Passw0rd1');
    const me = await call(t.app, 'GET', '/api/v1/me', { token: session.accessToken });
    expect(me.json.user.mustChangePassword).toBe(true);
    for (const url of ['/api/v1/me/tokens', '/api/v1/permissions', '/api/v1/users']) {
      const blocked = await call(t.app, 'GET', url, { token: session.accessToken });
      expect(blocked.status, url).toBe(403);
      expect(blocked.json.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    const weak = await call(t.app, 'POST', '/api/v1/me/password', {
      token: session.accessToken,
      body: { currentPassword: 'temp-Passw0rd1', newPassword: 'onlyletters' },
    });
    expect(weak.status).toBe(400);
    expect(weak.json.error.details.field).toBe('newPassword');
    const wrong = await call(t.app, 'POST', '/api/v1/me/password', {
      token: session.accessToken,
      body: { currentPassword: 'not-it-1', newPassword: 'new-Passw0rd1' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.details.field).toBe('currentPassword');
    const changed = await call(t.app, 'POST', '/api/v1/me/password', {
      token: session.accessToken,
      body: { currentPassword: 'temp-Passw0rd1', newPassword: 'new-Passw0rd1' },
    });
    expect(changed.status).toBe(204);
    expect((await call(t.app, 'GET', '/api/v1/me/tokens', { token: session.accessToken })).status).toBe(200);
    await login(t.app, 'forgetful', 'new-Passw0rd1');
  });

  it('changing my password signs out my other sessions but keeps this one', async () => {
    await createUser(t.app, admin.accessToken, 'rotator');
    const here = await login(t.app, 'rotator', 'user-Passw0rd');
    const elsewhere = await login(t.app, 'rotator', 'user-Passw0rd');
    await call(t.app, 'POST', '/api/v1/me/password', {
      token: here.accessToken,
      body: { currentPassword: 'user-Passw0rd', newPassword: 'rotated-Passw0rd1' },
    });
    expect((await call(t.app, 'GET', '/api/v1/me', { token: here.accessToken })).status).toBe(200);
    expect((await call(t.app, 'GET', '/api/v1/me', { token: elsewhere.accessToken })).status).toBe(401);
  });

  it('validates list parameters', async () => {
    const response = await as('GET', '/api/v1/users?limit=0');
    expect(response.status).toBe(400);
    expect(response.json.error.details).toMatchObject({ field: 'limit', in: 'querystring' });
    expect((await as('GET', '/api/v1/users?status=gone')).json.error.details.field).toBe('status');
  });
});
