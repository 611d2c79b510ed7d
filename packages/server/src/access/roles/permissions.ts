import { PLATFORM_ONLY, type PermissionDefinition } from '../permissions/definition.ts';

export const rolePermissions: PermissionDefinition[] = [
  { code: 'menu:roles', kind: 'menu', labels: { 'zh-CN': '角色管理', en: 'Roles' }, scopes: PLATFORM_ONLY },
  {
    code: 'roles:view',
    kind: 'api',
    parent: 'menu:roles',
    labels: { 'zh-CN': '查看角色', en: 'View roles' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'roles:create',
    kind: 'api',
    parent: 'menu:roles',
    labels: { 'zh-CN': '创建角色', en: 'Create roles' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'roles:update',
    kind: 'api',
    parent: 'menu:roles',
    labels: { 'zh-CN': '编辑角色', en: 'Edit roles' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'roles:delete',
    kind: 'api',
    parent: 'menu:roles',
    labels: { 'zh-CN': '删除角色', en: 'Delete roles' },
    scopes: PLATFORM_ONLY,
  },
];
