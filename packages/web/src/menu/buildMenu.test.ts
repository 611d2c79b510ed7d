import { describe, expect, it } from 'vitest';
import { Folder } from '@element-plus/icons-vue';
import type { PermissionSet } from '../api/types';
import { buildMenu, firstVisibleItem, groupOf, menuItems } from './buildMenu';
import { menuTable, type MenuEntryDef } from './menuTable';

const none: PermissionSet = { platform: [], projects: {}, workspaces: {} };

function names(menu: MenuEntryDef[]): string[] {
  return menu.map((entry) =>
    entry.kind === 'item' ? entry.name : `${entry.key}[${entry.children.map((c) => c.name).join(',')}]`,
  );
}

describe('buildMenu', () => {
  it('shows every entry to a platform administrator', () => {
    const admin: PermissionSet = {
      ...none,
      platform: ['menu:overview', 'menu:users', 'menu:roles', 'menu:role-bindings', 'menu:audit'],
    };
    expect(names(buildMenu(menuTable, admin))).toEqual([
      'overview',
      'platform[users,roles,role-bindings,audit]',
    ]);
  });

  it('shows only the entries whose menu code the user holds', () => {
    const auditor: PermissionSet = { ...none, platform: ['menu:overview', 'menu:audit', 'audit:view'] };
    expect(names(buildMenu(menuTable, auditor))).toEqual(['overview', 'platform[audit]']);
  });

  it('hides a group whose entries are all hidden', () => {
    const viewer: PermissionSet = { ...none, platform: ['menu:overview', 'users:view'] };
    expect(names(buildMenu(menuTable, viewer))).toEqual(['overview']);
  });

  it('counts a project grant for entries that apply to projects, but not for platform pages', () => {
    const projectMember: PermissionSet = {
      ...none,
      projects: { 'p-1': ['menu:overview', 'menu:users'] },
    };
    expect(names(buildMenu(menuTable, projectMember))).toEqual(['overview']);
  });

  it('shows nothing to a user without any code', () => {
    expect(buildMenu(menuTable, none)).toEqual([]);
    expect(firstVisibleItem(buildMenu(menuTable, none))).toBeUndefined();
  });

  it('takes rows added by later features without other changes', () => {
    const table: MenuEntryDef[] = [
      ...menuTable,
      {
        kind: 'item',
        name: 'projects',
        path: '/projects',
        icon: Folder,
        titleKey: 'menu.projects',
        code: 'menu:projects',
        scopes: ['platform', 'project'],
        component: async () => ({}),
      },
    ];
    const member: PermissionSet = { ...none, projects: { p1: ['menu:projects'] } };
    expect(names(buildMenu(table, member))).toEqual(['projects']);
    expect(firstVisibleItem(buildMenu(table, member))?.path).toBe('/projects');
  });

  it('knows which group an entry lives in', () => {
    expect(groupOf(menuTable, 'roles')?.key).toBe('platform');
    expect(groupOf(menuTable, 'overview')).toBeUndefined();
    expect(menuItems(menuTable).map((item) => item.code)).toContain('menu:role-bindings');
  });
});
