import type { RouteRecordRaw } from 'vue-router';
import { groupOf, menuItems } from '../menu/buildMenu';
import { menuTable, type MenuEntryDef } from '../menu/menuTable';
import { clusterRoutes } from './clusterRoutes';
import './meta';

/** One route per menu row, carrying the row's title, breadcrumb trail and access check. */
export function menuRoutes(table: MenuEntryDef[]): RouteRecordRaw[] {
  return menuItems(table).map((item) => {
    const group = groupOf(table, item.name);
    return {
      path: item.path.replace(/^\//, ''),
      name: item.name,
      component: item.component,
      meta: {
        titleKey: item.titleKey,
        breadcrumbs: group ? [group.titleKey, item.titleKey] : [item.titleKey],
        access: { code: item.code, scopes: item.scopes },
        menuName: item.name,
      },
    };
  });
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/login/LoginView.vue'),
    meta: { public: true, titleKey: 'login.pageTitle' },
  },
  {
    path: '/',
    component: () => import('../layout/AppLayout.vue'),
    children: [
      // Resolved by the navigation guard to the first page of the user's menu.
      { path: '', name: 'home', component: () => import('../views/errors/ForbiddenView.vue') },
      ...menuRoutes(menuTable),
      ...clusterRoutes,
      {
        path: 'account/api-tokens',
        name: 'api-tokens',
        component: () => import('../views/tokens/ApiTokensView.vue'),
        meta: { titleKey: 'menu.apiTokens', breadcrumbs: ['layout.account', 'menu.apiTokens'] },
      },
      {
        path: '403',
        name: 'forbidden',
        component: () => import('../views/errors/ForbiddenView.vue'),
        meta: { titleKey: 'errors.forbiddenTitle', breadcrumbs: ['errors.forbiddenTitle'] },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/errors/NotFoundView.vue'),
        meta: { titleKey: 'errors.notFoundTitle', breadcrumbs: ['errors.notFoundTitle'] },
      },
    ],
  },
];
