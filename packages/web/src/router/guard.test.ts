import { describe, expect, it, vi } from 'vitest';
import type { RouteLocationNormalized } from 'vue-router';
import { ApiError } from '../api/errors';
import type { PermissionSet, User } from '../api/types';
import { buildMenu } from '../menu/buildMenu';
import { menuTable } from '../menu/menuTable';
import { holdsCode } from '../permissions/access';
import { guardNavigation } from './guard';

type Session = Parameters<typeof guardNavigation>[1];

function fakeSession(options: {
  signedIn?: boolean;
  loadMe?: () => Promise<PermissionSet>;
  mustChange?: boolean;
}) {
  const session = {
    user: null as User | null,
    permissions: { platform: [], projects: {}, workspaces: {} } as PermissionSet,
    loaded: false,
    get menu() {
      return buildMenu(menuTable, session.permissions);
    },
    hasSession: () => options.signedIn ?? true,
    can: (code: string, scopes?: readonly ('platform' | 'project' | 'workspace')[]) =>
      holdsCode(session.permissions, code, scopes),
    loadMe: vi.fn(async () => {
      session.permissions = await (options.loadMe ?? (async () => session.permissions))();
      session.user = { username: 'ann', mustChangePassword: options.mustChange ?? false } as User;
      session.loaded = true;
    }),
  };
  return session;
}

const to = (path: string, extra: Partial<RouteLocationNormalized> = {}) =>
  ({
    path,
    fullPath: path,
    name: extra.name ?? 'x',
    meta: {},
    query: {},
    ...extra,
  }) as RouteLocationNormalized;

const usersRoute = to('/platform/users?page=2', {
  name: 'users',
  meta: { access: { code: 'menu:users', scopes: ['platform'] } },
});

describe('guardNavigation', () => {
  it('sends a visitor without a session to sign in, remembering where they were going', async () => {
    const session = fakeSession({ signedIn: false });
    expect(await guardNavigation(usersRoute, session as unknown as Session)).toEqual({
      name: 'login',
      query: { redirect: '/platform/users?page=2' },
    });
  });

  it('sends a user without the menu code to the 403 page', async () => {
    const session = fakeSession({
      loadMe: async () => ({ platform: ['menu:overview'], projects: {}, workspaces: {} }),
    });
    expect(await guardNavigation(usersRoute, session as unknown as Session)).toEqual({
      name: 'forbidden',
      query: { from: '/platform/users?page=2' },
    });
  });

  it('lets a user holding the menu code in', async () => {
    const session = fakeSession({
      loadMe: async () => ({ platform: ['menu:users'], projects: {}, workspaces: {} }),
    });
    expect(await guardNavigation(usersRoute, session as unknown as Session)).toBe(true);
  });

  it('opens the first page of the user’s menu at /', async () => {
    const session = fakeSession({
      loadMe: async () => ({ platform: ['menu:audit'], projects: {}, workspaces: {} }),
    });
    expect(await guardNavigation(to('/', { name: 'home' }), session as unknown as Session)).toEqual({
      name: 'audit',
    });
  });

  it('shows the 403 page at / to a user with no menu at all', async () => {
    const session = fakeSession({});
    expect(await guardNavigation(to('/', { name: 'home' }), session as unknown as Session)).toEqual({
      name: 'forbidden',
    });
  });

  it('holds a user who must change their password at the password step', async () => {
    const session = fakeSession({ mustChange: true });
    expect(await guardNavigation(usersRoute, session as unknown as Session)).toEqual({
      name: 'login',
      query: { step: 'password', redirect: '/platform/users?page=2' },
    });
  });

  it('reports a server it cannot reach and falls back to the sign-in page', async () => {
    const report = vi.fn();
    const session = fakeSession({
      loadMe: async () => {
        throw new ApiError(0, 'NETWORK_ERROR', 'Failed to fetch');
      },
    });
    expect(await guardNavigation(usersRoute, session as unknown as Session, report)).toMatchObject({
      name: 'login',
    });
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ code: 'NETWORK_ERROR' }));
  });

  it('loads the permissions only once', async () => {
    const session = fakeSession({
      loadMe: async () => ({ platform: ['menu:users'], projects: {}, workspaces: {} }),
    });
    await guardNavigation(usersRoute, session as unknown as Session);
    await guardNavigation(usersRoute, session as unknown as Session);
    expect(session.loadMe).toHaveBeenCalledTimes(1);
  });
});
