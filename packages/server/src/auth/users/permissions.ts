import { PLATFORM_ONLY, type PermissionDefinition } from '../../access/permissions/definition.ts';

export const userPermissions: PermissionDefinition[] = [
  { code: 'menu:users', kind: 'menu', labels: { 'zh-CN': '用户管理', en: 'Users' }, scopes: PLATFORM_ONLY },
  {
    code: 'users:view',
    kind: 'api',
    parent: 'menu:users',
    labels: { 'zh-CN': '查看用户', en: 'View users' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'users:create',
    kind: 'api',
    parent: 'menu:users',
    labels: { 'zh-CN': '创建用户', en: 'Create users' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'users:update',
    kind: 'api',
    parent: 'menu:users',
    labels: { 'zh-CN': '编辑用户', en: 'Edit users' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'users:delete',
    kind: 'api',
    parent: 'menu:users',
    labels: { 'zh-CN': '删除用户', en: 'Delete users' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'users:reset-password',
    kind: 'api',
    parent: 'menu:users',
    labels: { 'zh-CN': '重置用户密码', en: 'Reset user passwords' },
    scopes: PLATFORM_ONLY,
  },
];
