import type { Component } from 'vue';
import type { RouteComponent } from 'vue-router';
import { Connection, Document, Lock, Odometer, Platform, Setting, User } from '@element-plus/icons-vue';
import type { ScopeType } from '../api/types';
import { ALL_SCOPES } from '../permissions/access';

/**
 * One page reachable from the side menu. The same row produces the menu entry, the route, the
 * breadcrumb and the access check, so a later feature adds one row here and nothing else.
 */
export interface MenuItemDef {
  kind: 'item';
  /** Route name; also the menu entry's test id (`menu-<name>`). */
  name: string;
  path: string;
  icon: Component;
  /** i18n key of the entry's title (also the page title and breadcrumb). */
  titleKey: string;
  /** The menu permission code that shows the entry and opens the route. */
  code: string;
  /** The scopes in which holding `code` counts (a project-scoped page shows for any project grant). */
  scopes: readonly ScopeType[];
  component: () => Promise<RouteComponent | { default: RouteComponent }>;
}

export interface MenuGroupDef {
  kind: 'group';
  key: string;
  icon: Component;
  titleKey: string;
  children: MenuItemDef[];
}

export type MenuEntryDef = MenuItemDef | MenuGroupDef;

const PLATFORM: readonly ScopeType[] = ['platform'];

export const menuTable: MenuEntryDef[] = [
  {
    kind: 'item',
    name: 'overview',
    path: '/overview',
    icon: Odometer,
    titleKey: 'menu.overview',
    code: 'menu:overview',
    scopes: ALL_SCOPES,
    component: () => import('../views/overview/OverviewView.vue'),
  },
  {
    kind: 'item',
    name: 'clusters',
    path: '/clusters',
    icon: Platform,
    titleKey: 'menu.clusters',
    code: 'menu:clusters',
    scopes: PLATFORM,
    component: () => import('../views/clusters/ClustersView.vue'),
  },
  {
    kind: 'group',
    key: 'platform',
    icon: Setting,
    titleKey: 'menu.platform',
    children: [
      {
        kind: 'item',
        name: 'users',
        path: '/platform/users',
        icon: User,
        titleKey: 'menu.users',
        code: 'menu:users',
        scopes: PLATFORM,
        component: () => import('../views/users/UsersView.vue'),
      },
      {
        kind: 'item',
        name: 'roles',
        path: '/platform/roles',
        icon: Lock,
        titleKey: 'menu.roles',
        code: 'menu:roles',
        scopes: PLATFORM,
        component: () => import('../views/roles/RolesView.vue'),
      },
      {
        kind: 'item',
        name: 'role-bindings',
        path: '/platform/role-bindings',
        icon: Connection,
        titleKey: 'menu.roleBindings',
        code: 'menu:role-bindings',
        scopes: PLATFORM,
        component: () => import('../views/role-bindings/RoleBindingsView.vue'),
      },
      {
        kind: 'item',
        name: 'audit',
        path: '/platform/audit',
        icon: Document,
        titleKey: 'menu.audit',
        code: 'menu:audit',
        scopes: PLATFORM,
        component: () => import('../views/audit/AuditView.vue'),
      },
    ],
  },
];
