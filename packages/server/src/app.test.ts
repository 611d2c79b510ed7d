import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configuredTestDialects } from './core/db/test-databases.ts';
import { call, createUser, grantRole, login, loginAsAdmin } from './testing/http.ts';
import { createTestApp, type TestApp } from './testing/test-app.ts';

/** The whole server on each configured database: start-up, seeding and the main flows. */
for (const dialect of configuredTestDialects()) {
  describe(`app [${dialect}]`, () => {
    let t: TestApp;
    let startError: unknown;
    beforeAll(async () => {
      try {
        t = await createTestApp({ dialect });
      } catch (error) {
        // Reported by every test below, so an unreachable database fails them rather than skipping them.
        startError = error;
      }
    });
    beforeEach(() => {
      if (startError) throw new Error(`the app did not start on ${dialect}: ${String(startError)}`);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('starts ready with the built-in roles and the admin', async () => {
      expect(t.app.atrium.dialect).toBe(dialect);
      expect((await call(t.app, 'GET', '/readyz')).status).toBe(200);
      const admin = await loginAsAdmin(t.app);
      const roles = await call(t.app, 'GET', '/api/v1/roles', { token: admin.accessToken });
      expect(roles.json.items.filter((r: { builtin: boolean }) => r.builtin)).toHaveLength(8);
    });

    it('rotates refresh tokens and revokes a reused family', async () => {
      const session = await loginAsAdmin(t.app);
      const refresh = (refreshToken: string) =>
        call(t.app, 'POST', '/api/v1/auth/refresh', { body: { refreshToken } });
      const rotated = await refresh(session.refreshToken);
      expect(rotated.status).toBe(200);
      expect((await refresh(session.refreshToken)).json.error.code).toBe('REFRESH_TOKEN_REUSED');
      expect((await call(t.app, 'GET', '/api/v1/me', { token: rotated.json.accessToken })).status).toBe(401);
    });

    it('creates users, binds roles, enforces them and audits it all', async () => {
      const admin = await loginAsAdmin(t.app);
      const id = await createUser(t.app, admin.accessToken, `viewer-${dialect}`);
      await grantRole(t.app, admin.accessToken, id, 'platform-viewer');
      const viewer = await login(t.app, `viewer-${dialect}`, 'user-Passw0rd');
      expect(
        (await call(t.app, 'GET', '/api/v1/users?search=viewer', { token: viewer.accessToken })).json.total,
      ).toBe(1);
      const denied = await call(t.app, 'DELETE', `/api/v1/users/${admin.userId}`, {
        token: viewer.accessToken,
      });
      expect(denied.json.error.details.permission).toBe('users:delete');
      const duplicate = await call(t.app, 'POST', '/api/v1/users', {
        token: admin.accessToken,
        body: { username: `viewer-${dialect}`, password: 'abc12345' },
      });
      expect(duplicate.status).toBe(409);
      await t.app.atrium.auditQueue.drain();
      const audit = await call(t.app, 'GET', '/api/v1/audit?limit=500', { token: admin.accessToken });
      const actions = audit.json.items.map(
        (e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`,
      );
      expect(actions).toEqual(
        expect.arrayContaining([
          'users.create:success',
          'role-bindings.create:success',
          'users.delete:failure',
          'users.create:failure',
          'auth.login:success',
        ]),
      );
      const csv = await call(t.app, 'GET', '/api/v1/audit?format=csv', { token: admin.accessToken });
      expect(csv.text.split('\r\n').length).toBeGreaterThan(5);
    });

    it('issues API tokens that work and then expire', async () => {
      const admin = await loginAsAdmin(t.app);
      const created = await call(t.app, 'POST', '/api/v1/me/tokens', {
        token: admin.accessToken,
        body: { name: 'db-check', expiresInDays: 1, scopes: ['users:view'] },
      });
      expect((await call(t.app, 'GET', '/api/v1/users', { token: created.json.token })).status).toBe(200);
      expect((await call(t.app, 'GET', '/api/v1/roles', { token: created.json.token })).status).toBe(403);
      t.clock.advance(24 * 60 * 60_000);
      expect((await call(t.app, 'GET', '/api/v1/users', { token: created.json.token })).status).toBe(401);
    });
  });
}
