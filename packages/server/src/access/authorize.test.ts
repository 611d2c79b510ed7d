import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../core/db/test-databases.ts';
import { installErrorHandler } from '../core/errors/error-handler.ts';
import { decorateRequestState } from '../core/http/request-state.ts';
import { call, createUser, grantRole, login, loginAsAdmin, type SignedIn } from '../testing/http.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { insertBinding, insertRole, insertUser } from '../testing/rows.ts';
import { AccessControl } from './access-control.ts';
import { installAuthorization } from './authorize.ts';
import { BindingStore } from './bindings/store.ts';
import { noWorkspaceProjects } from './workspace-locator.ts';

describe('authorization of platform routes', () => {
  let t: TestApp;
  let admin: SignedIn;
  let viewer: SignedIn;
  let nobody: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t.app);
    await grantRole(
      t.app,
      admin.accessToken,
      await createUser(t.app, admin.accessToken, 'viewer'),
      'platform-viewer',
    );
    await createUser(t.app, admin.accessToken, 'nobody');
    viewer = await login(t.app, 'viewer', 'user-Passw0rd');
    nobody = await login(t.app, 'nobody', 'user-Passw0rd');
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 403 FORBIDDEN naming the missing permission and scope', async () => {
    const response = await call(t.app, 'GET', '/api/v1/users', { token: nobody.accessToken });
    expect(response.status).toBe(403);
    expect(response.json.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'users:view', scope: { type: 'platform', id: '' } },
    });
  });

  it('lets a viewer read but not change', async () => {
    expect((await call(t.app, 'GET', '/api/v1/users', { token: viewer.accessToken })).status).toBe(200);
    const create = await call(t.app, 'POST', '/api/v1/roles', {
      token: viewer.accessToken,
      body: { name: 'sneaky', scopeType: 'platform', permissions: [] },
    });
    expect(create.status).toBe(403);
    expect(create.json.error.details.permission).toBe('roles:create');
    const csv = await call(t.app, 'GET', '/api/v1/audit?format=csv', { token: viewer.accessToken });
    expect(csv.status).toBe(403);
    expect(csv.json.error.details.permission).toBe('audit:export');
  });

  it('lets anyone signed in read /me and the permission registry', async () => {
    const me = await call(t.app, 'GET', '/api/v1/me', { token: nobody.accessToken });
    expect(me.json.permissions).toEqual({ platform: [], projects: {}, workspaces: {} });
    expect((await call(t.app, 'GET', '/api/v1/permissions', { token: nobody.accessToken })).status).toBe(200);
  });

  it('audits every denial, reads included', async () => {
    await call(t.app, 'GET', '/api/v1/role-bindings', { token: nobody.accessToken });
    await call(t.app, 'DELETE', `/api/v1/users/${admin.userId}`, { token: nobody.accessToken });
    await t.app.atrium.auditQueue.drain();
    const log = await call(t.app, 'GET', '/api/v1/audit?actor=nobody&outcome=failure', {
      token: admin.accessToken,
    });
    const denials = log.json.items.map(
      (e: { action: string; errorCode: string; statusCode: number; targetId: string }) => [
        e.action,
        e.errorCode,
        e.statusCode,
        e.targetId,
      ],
    );
    expect(denials).toContainEqual(['role-bindings.view', 'FORBIDDEN', 403, '']);
    expect(denials).toContainEqual(['users.delete', 'FORBIDDEN', 403, admin.userId]);
  });
});

describe('authorization of scoped routes', () => {
  let app: FastifyInstance;
  let database: TestDatabase;
  beforeAll(async () => {
    // Project/workspace routes arrive with tenancy; this checks how the hook reads their scope.
    database = await openTestDatabase('sqlite');
    const user = await insertUser(database.db);
    const role = await insertRole(database.db, 'workspace', ['things:view']);
    await insertBinding(database.db, user.id, role, 'workspace', 'w7');
    app = Fastify();
    decorateRequestState(app);
    installErrorHandler(app);
    app.addHook('onRequest', async (request) => {
      request.principal = {
        userId: user.id,
        username: user.username,
        mustChangePassword: false,
        sessionId: 's',
        tokenId: null,
        tokenScopes: null,
      };
    });
    installAuthorization(app, new AccessControl(database.db, new BindingStore(), noWorkspaceProjects));
    app.get(
      '/projects/:projectId/workspaces/:workspaceId/things',
      {
        config: { access: { permission: 'things:view', scope: { type: 'workspace', param: 'workspaceId' } } },
      },
      async () => ({ ok: true }),
    );
    app.get('/undeclared', async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('checks the permission in the scope named by the route param', async () => {
    const allowed = await app.inject({ method: 'GET', url: '/projects/p1/workspaces/w7/things' });
    expect(allowed.statusCode).toBe(200);
    const denied = await app.inject({ method: 'GET', url: '/projects/p1/workspaces/w8/things' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.details).toEqual({
      permission: 'things:view',
      scope: { type: 'workspace', id: 'w8' },
    });
  });

  it('fails closed on a route without a declaration', async () => {
    const response = await app.inject({ method: 'GET', url: '/undeclared' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('INTERNAL');
  });
});
