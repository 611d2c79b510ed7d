import { expect, it } from 'vitest';
import type { Principal } from '../auth/principal.ts';
import { describeEachDatabase } from '../core/db/test-databases.ts';
import { AppError } from '../core/errors/app-error.ts';
import { insertBinding, insertRole, insertUser } from '../testing/rows.ts';
import { AccessControl } from './access-control.ts';
import { BindingStore } from './bindings/store.ts';
import type { WorkspaceLocator } from './workspace-locator.ts';

/** Workspaces as tenancy will report them: ws-a1 and ws-a2 in project a, ws-b1 in b. */
const workspaces: WorkspaceLocator = {
  projectOf: async (id) => ({ 'ws-a1': 'a', 'ws-a2': 'a', 'ws-b1': 'b' })[id] ?? null,
};

function principal(userId: string, tokenScopes: string[] | null = null): Principal {
  return { userId, username: 'u', mustChangePassword: false, sessionId: 's', tokenId: null, tokenScopes };
}

describeEachDatabase('access control', (t) => {
  async function setup() {
    const db = t.db();
    const user = await insertUser(db);
    await insertBinding(db, user.id, await insertRole(db, 'platform', ['users:view']), 'platform');
    await insertBinding(db, user.id, await insertRole(db, 'project', ['roles:view']), 'project', 'a');
    await insertBinding(db, user.id, await insertRole(db, 'workspace', ['audit:view']), 'workspace', 'ws-b1');
    return { user, access: new AccessControl(db, new BindingStore(), workspaces) };
  }

  it('applies platform bindings everywhere', async () => {
    const { user, access } = await setup();
    for (const scope of [
      { type: 'platform', id: '' },
      { type: 'project', id: 'zzz' },
      { type: 'workspace', id: 'ws-a1' },
    ] as const) {
      expect(await access.can(principal(user.id), 'users:view', scope)).toBe(true);
    }
  });

  it('applies project bindings to the project and its workspaces only', async () => {
    const { user, access } = await setup();
    const p = principal(user.id);
    expect(await access.can(p, 'roles:view', { type: 'project', id: 'a' })).toBe(true);
    expect(await access.can(p, 'roles:view', { type: 'workspace', id: 'ws-a2' })).toBe(true);
    expect(await access.can(p, 'roles:view', { type: 'project', id: 'b' })).toBe(false);
    expect(await access.can(p, 'roles:view', { type: 'workspace', id: 'ws-b1' })).toBe(false);
    expect(await access.can(p, 'roles:view', { type: 'platform', id: '' })).toBe(false);
  });

  it('applies workspace bindings to that workspace only', async () => {
    const { user, access } = await setup();
    const p = principal(user.id);
    expect(await access.can(p, 'audit:view', { type: 'workspace', id: 'ws-b1' })).toBe(true);
    expect(await access.can(p, 'audit:view', { type: 'project', id: 'b' })).toBe(false);
    expect(await access.can(p, 'audit:view', { type: 'workspace', id: 'ws-a1' })).toBe(false);
  });

  it('narrows to an API token’s scopes', async () => {
    const { user, access } = await setup();
    const token = principal(user.id, ['roles:view']);
    expect(await access.can(token, 'users:view', { type: 'platform', id: '' })).toBe(false);
    expect(await access.can(token, 'roles:view', { type: 'project', id: 'a' })).toBe(true);
  });

  it('throws FORBIDDEN naming the permission and scope', async () => {
    const { user, access } = await setup();
    const error = await access
      .assert(principal(user.id), 'users:delete', { type: 'project', id: 'a' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'FORBIDDEN',
      statusCode: 403,
      details: { permission: 'users:delete', scope: { type: 'project', id: 'a' } },
    });
  });

  it('summarises effective codes per scope, inherited ones included', async () => {
    const { user, access } = await setup();
    expect(await access.summary(principal(user.id))).toEqual({
      platform: ['users:view'],
      projects: { a: ['roles:view', 'users:view'] },
      workspaces: { 'ws-b1': ['audit:view', 'users:view'] },
    });
  });
});
