import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPermissionRegistry } from '../permissions/catalog.ts';
import { countRows } from '../../testing/rows.ts';
import { call, createUser, grantRole, loginAsAdmin, type SignedIn } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const BUILTIN = [
  'platform-admin',
  'platform-viewer',
  'project-admin',
  'project-member',
  'project-viewer',
  'workspace-admin',
  'workspace-operator',
  'workspace-viewer',
];

describe('roles API', () => {
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
  const roleNamed = async (name: string) =>
    (await as('GET', '/api/v1/roles')).json.items.find((r: { name: string }) => r.name === name);

  it('seeds the built-in roles from the rules in code', async () => {
    const roles = (await as('GET', '/api/v1/roles')).json.items;
    expect(
      roles
        .filter((r: { builtin: boolean }) => r.builtin)
        .map((r: { name: string }) => r.name)
        .sort(),
    ).toEqual([...BUILTIN].sort());
    const all = createPermissionRegistry()
      .all()
      .map((p) => p.code)
      .sort();
    expect((await roleNamed('platform-admin')).permissions).toEqual(all);
    const viewer = (await roleNamed('platform-viewer')).permissions as string[];
    expect(viewer).toContain('users:view');
    expect(viewer).toContain('menu:audit');
    expect(viewer).not.toContain('users:create');
    expect(viewer).not.toContain('audit:export');
    expect(
      (await as('GET', '/api/v1/roles?scopeType=workspace')).json.items.map((r: { name: string }) => r.name),
    ).toEqual(['workspace-admin', 'workspace-operator', 'workspace-viewer']);
  });

  it('refuses to edit or delete a built-in role', async () => {
    const builtin = await roleNamed('platform-viewer');
    const edit = await as('PATCH', `/api/v1/roles/${builtin.id}`, { permissions: ['users:create'] });
    expect(edit.status).toBe(409);
    expect(edit.json.error.code).toBe('ROLE_BUILTIN');
    const remove = await as('DELETE', `/api/v1/roles/${builtin.id}`);
    expect(remove.json.error.code).toBe('ROLE_BUILTIN');
    expect((await roleNamed('platform-viewer')).permissions).not.toContain('users:create');
  });

  it('creates, edits and deletes a custom role', async () => {
    const created = await as('POST', '/api/v1/roles', {
      name: 'auditor',
      displayName: '审计员',
      scopeType: 'platform',
      permissions: ['audit:view', 'menu:audit', 'audit:view'],
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'auditor',
      displayName: '审计员',
      builtin: false,
      scopeType: 'platform',
      permissions: ['audit:view', 'menu:audit'],
    });
    const edited = await as('PATCH', `/api/v1/roles/${created.json.id}`, {
      description: 'reads the log',
      permissions: ['audit:view', 'audit:export', 'menu:audit'],
    });
    expect(edited.json).toMatchObject({
      description: 'reads the log',
      permissions: ['audit:export', 'audit:view', 'menu:audit'],
    });
    expect((await as('GET', `/api/v1/roles/${created.json.id}`)).json.description).toBe('reads the log');
    expect((await as('DELETE', `/api/v1/roles/${created.json.id}`)).status).toBe(204);
    expect((await as('GET', `/api/v1/roles/${created.json.id}`)).status).toBe(404);
  });

  it('names the unknown permission code and stores nothing', async () => {
    const before = await countRows(t.app.atrium.db, 'roles');
    const response = await as('POST', '/api/v1/roles', {
      name: 'broken',
      scopeType: 'platform',
      permissions: ['users:view', 'roles:view', 'clusters:launch-missiles'],
    });
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'permissions[2]' },
    });
    expect(response.json.error.message).toContain('clusters:launch-missiles');
    expect(await countRows(t.app.atrium.db, 'roles')).toBe(before);
  });

  it('keeps platform-only codes out of project and workspace roles', async () => {
    const response = await as('POST', '/api/v1/roles', {
      name: 'project-user-admin',
      scopeType: 'project',
      permissions: ['menu:overview', 'users:create'],
    });
    expect(response.status).toBe(400);
    expect(response.json.error.details.field).toBe('permissions[1]');
    const ok = await as('POST', '/api/v1/roles', {
      name: 'project-lite',
      scopeType: 'project',
      permissions: ['menu:overview'],
    });
    expect(ok.status).toBe(201);
  });

  it('refuses duplicate names and bad names', async () => {
    const duplicate = await as('POST', '/api/v1/roles', {
      name: 'platform-admin',
      scopeType: 'platform',
      permissions: [],
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error).toMatchObject({ code: 'ALREADY_EXISTS', details: { field: 'name' } });
    const bad = await as('POST', '/api/v1/roles', {
      name: 'Has Spaces',
      scopeType: 'platform',
      permissions: [],
    });
    expect(bad.json.error.details.field).toBe('name');
    const tooLong = await as('POST', '/api/v1/roles', {
      name: 'fine-name',
      displayName: 'x'.repeat(65),
      scopeType: 'platform',
      permissions: [],
    });
    expect(tooLong.json.error.details.field).toBe('displayName');
  });

  it('refuses to delete a role that is still bound', async () => {
    const role = await as('POST', '/api/v1/roles', {
      name: 'bound-role',
      scopeType: 'platform',
      permissions: [],
    });
    const userId = await createUser(t.app, admin.accessToken, 'holder');
    await grantRole(t.app, admin.accessToken, userId, 'bound-role');
    const response = await as('DELETE', `/api/v1/roles/${role.json.id}`);
    expect(response.status).toBe(409);
    expect(response.json.error).toMatchObject({ code: 'ROLE_IN_USE', details: { bindings: 1 } });
  });
});
