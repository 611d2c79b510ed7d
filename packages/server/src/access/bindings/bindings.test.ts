import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../../testing/rows.ts';
import { call, createUser, grantRole, loginAsAdmin, type SignedIn } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

describe('role bindings API', () => {
  let t: TestApp;
  let admin: SignedIn;
  let roleIds: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t.app);
    const roles = await call(t.app, 'GET', '/api/v1/roles', { token: admin.accessToken });
    roleIds = Object.fromEntries(roles.json.items.map((r: { name: string; id: string }) => [r.name, r.id]));
  });
  afterAll(async () => {
    await t.close();
  });

  const bind = (body: object) =>
    call(t.app, 'POST', '/api/v1/role-bindings', { token: admin.accessToken, body });

  it('binds a role at a project and lists it with names', async () => {
    const userId = await createUser(t.app, admin.accessToken, 'project-dev');
    const created = await bind({
      userId,
      roleId: roleIds['project-member'],
      scopeType: 'project',
      scopeId: 'payments',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      userId,
      username: 'project-dev',
      roleName: 'project-member',
      scopeType: 'project',
      scopeId: 'payments',
    });
    const listed = await call(t.app, 'GET', `/api/v1/role-bindings?userId=${userId}&scopeType=project`, {
      token: admin.accessToken,
    });
    expect(listed.json.items.map((b: { id: string }) => b.id)).toEqual([created.json.id]);
    const duplicate = await bind({
      userId,
      roleId: roleIds['project-member'],
      scopeType: 'project',
      scopeId: 'payments',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.code).toBe('ALREADY_EXISTS');
    const removed = await call(t.app, 'DELETE', `/api/v1/role-bindings/${created.json.id}`, {
      token: admin.accessToken,
    });
    expect(removed.status).toBe(204);
  });

  it.each([
    [
      'an unknown role id',
      (u: string) => ({ userId: u, roleId: 'no-such-role', scopeType: 'platform' }),
      'roleId',
    ],
    ['an unknown user id', () => ({ userId: 'nobody', roleId: 'x', scopeType: 'platform' }), 'userId'],
    [
      'a role of another scope type',
      (u: string, r: Record<string, string>) => ({
        userId: u,
        roleId: r['project-admin'],
        scopeType: 'platform',
      }),
      'scopeType',
    ],
    [
      'a project binding without a project',
      (u: string, r: Record<string, string>) => ({
        userId: u,
        roleId: r['project-admin'],
        scopeType: 'project',
      }),
      'scopeId',
    ],
    [
      'a platform binding with a scope id',
      (u: string, r: Record<string, string>) => ({
        userId: u,
        roleId: r['platform-viewer'],
        scopeType: 'platform',
        scopeId: 'p1',
      }),
      'scopeId',
    ],
    [
      'a bad scope type',
      (u: string, r: Record<string, string>) => ({
        userId: u,
        roleId: r['platform-viewer'],
        scopeType: 'galaxy',
      }),
      'scopeType',
    ],
  ])('refuses %s with 400 naming the field, changing nothing', async (_case, body, field) => {
    const userId = await createUser(
      t.app,
      admin.accessToken,
      `bind-${field.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`,
    );
    const before = await countRows(t.app.atrium.db, 'role_bindings');
    const response = await bind(body(userId, roleIds));
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
    expect(await countRows(t.app.atrium.db, 'role_bindings')).toBe(before);
  });

  it('keeps the last platform administrator', async () => {
    const bindings = await call(t.app, 'GET', `/api/v1/role-bindings?roleId=${roleIds['platform-admin']}`, {
      token: admin.accessToken,
    });
    expect(bindings.json.items).toHaveLength(1);
    const response = await call(t.app, 'DELETE', `/api/v1/role-bindings/${bindings.json.items[0].id}`, {
      token: admin.accessToken,
    });
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('CONFLICT');

    const second = await createUser(t.app, admin.accessToken, 'second-admin');
    const bindingId = await grantRole(t.app, admin.accessToken, second, 'platform-admin');
    const removed = await call(t.app, 'DELETE', `/api/v1/role-bindings/${bindingId}`, {
      token: admin.accessToken,
    });
    expect(removed.status).toBe(204);
  });

  it('answers 404 for an unknown binding', async () => {
    const response = await call(t.app, 'DELETE', '/api/v1/role-bindings/nope', { token: admin.accessToken });
    expect(response.status).toBe(404);
  });
});
